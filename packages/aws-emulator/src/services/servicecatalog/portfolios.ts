/** Portfolios and the principals that may use them. */
import { AwsError } from '../../errors.ts';
import { type OperationGroup } from '../../context.ts';
import {
  MAX_IAM_PATTERNS,
  invalid,
  createPortfolio,
  accessiblePortfolio,
  portfolioDetail,
  idempotent,
  scPage,
} from './shared.ts';

export const portfoliosOperations: OperationGroup = {
  mutations: new Set(['CreatePortfolio', 'AssociatePrincipalWithPortfolio']),
  handlers: {
    CreatePortfolio: ({ state, caller }, input) => {
      if (!input.DisplayName || !input.ProviderName) {
        throw invalid('DisplayName and ProviderName are required.');
      }
      return idempotent(
        state,
        caller.accountId,
        'CreatePortfolio',
        input,
        () => {
          const portfolio = createPortfolio(state, caller.accountId, {
            displayName: input.DisplayName,
            providerName: input.ProviderName,
            description: input.Description,
          });
          return {
            PortfolioDetail: portfolioDetail(portfolio),
            Tags: input.Tags ?? [],
          };
        },
      );
    },

    ListPortfolios: ({ state, caller }, input) => {
      const { page, NextPageToken } = scPage(
        [...state.portfolios.values()]
          .filter(p => p.ownerAccountId === caller.accountId)
          .map(portfolioDetail),
        input,
      );
      return { PortfolioDetails: page, NextPageToken };
    },

    DescribePortfolio: ({ state, caller }, input) => {
      const portfolio = accessiblePortfolio(state, caller.accountId, input.Id);
      return {
        PortfolioDetail: portfolioDetail(portfolio),
        Tags: [],
        TagOptions: [],
      };
    },

    AssociatePrincipalWithPortfolio: ({ state, caller }, input) => {
      const portfolio = accessiblePortfolio(
        state,
        caller.accountId,
        input.PortfolioId,
      );
      if (
        !input.PrincipalARN ||
        !['IAM', 'IAM_PATTERN'].includes(input.PrincipalType)
      ) {
        throw invalid(
          'PrincipalARN and a PrincipalType of IAM or IAM_PATTERN are required.',
        );
      }
      const key = `${caller.accountId}/${portfolio.id}`;
      const principals = state.portfolioPrincipals.get(key) ?? [];
      if (principals.some(p => p.PrincipalARN === input.PrincipalARN))
        return {};
      if (
        input.PrincipalType === 'IAM_PATTERN' &&
        principals.filter(p => p.PrincipalType === 'IAM_PATTERN').length >=
          MAX_IAM_PATTERNS
      ) {
        throw new AwsError(
          'LimitExceededException',
          `A portfolio can have at most ${MAX_IAM_PATTERNS} IAM_PATTERN principals.`,
        );
      }
      principals.push({
        PrincipalARN: input.PrincipalARN,
        PrincipalType: input.PrincipalType,
      });
      state.portfolioPrincipals.set(key, principals);
      return {};
    },

    ListPrincipalsForPortfolio: ({ state, caller }, input) => {
      accessiblePortfolio(state, caller.accountId, input.PortfolioId);
      const { page, NextPageToken } = scPage(
        state.portfolioPrincipals.get(
          `${caller.accountId}/${input.PortfolioId}`,
        ) ?? [],
        input,
      );
      return { Principals: page, NextPageToken };
    },
  },
};
