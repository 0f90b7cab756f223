/** Portfolio shares with accounts and OUs, and their acceptance. */
import { AwsError } from '../../errors.ts';
import { type OperationGroup } from '../../context.ts';
import {
  invalid,
  notFound,
  sharePortfolio,
  shareTypesFor,
  ownedPortfolio,
  portfolioDetail,
  scPage,
} from './shared.ts';
import { organizationShareRefusal } from './organizationsAccess.ts';

export const sharesOperations: OperationGroup = {
  mutations: new Set([
    'CreatePortfolioShare',
    'AcceptPortfolioShare',
    'RejectPortfolioShare',
  ]),
  handlers: {
    CreatePortfolioShare: ({ state, caller, config }, input) => {
      const portfolio = ownedPortfolio(
        state,
        caller.accountId,
        input.PortfolioId,
      );
      if (state.acceptedShares.has(`${caller.accountId}/${portfolio.id}`)) {
        throw new AwsError(
          'OperationNotSupportedException',
          'A shared portfolio cannot be shared again.',
        );
      }
      if (input.AccountId) {
        if (!/^\d{12}$/.test(input.AccountId))
          throw invalid(`AccountId ${input.AccountId} is not valid.`);
        sharePortfolio(state, portfolio.id, {
          type: 'ACCOUNT',
          value: input.AccountId,
        });
        return {};
      }
      const node = input.OrganizationNode;
      if (!node?.Type || !node.Value) {
        throw invalid('Either AccountId or OrganizationNode is required.');
      }
      // Account-id shares above need no organization; a node does.
      const refusal = organizationShareRefusal(state, caller.accountId);
      if (refusal) throw refusal;
      if (input.SharePrincipals && node.Type === 'ACCOUNT') {
        throw invalid(
          'SharePrincipals is allowed only for ORGANIZATION and ORGANIZATIONAL_UNIT shares.',
        );
      }
      let value = String(node.Value);
      if (node.Type === 'ORGANIZATIONAL_UNIT') {
        value = value.split('/').pop()!;
        if (!state.ous.has(value))
          throw notFound(`Organizational unit ${node.Value} not found.`);
      } else if (node.Type === 'ORGANIZATION') {
        value = value.split('/').pop()!;
        if (value !== state.organizationId)
          throw notFound(`Organization ${node.Value} not found.`);
      } else if (node.Type === 'ACCOUNT') {
        if (!state.accounts.has(value))
          throw notFound(`Account ${value} not found.`);
      } else {
        throw invalid(`OrganizationNode.Type ${node.Type} is not valid.`);
      }
      const existed = state.portfolioShares.find(
        s => s.portfolioId === portfolio.id && s.target === value,
      );
      const share = sharePortfolio(
        state,
        portfolio.id,
        { type: node.Type, value },
        Boolean(input.SharePrincipals),
      );
      if (!existed) {
        share.status = 'IN_PROGRESS';
        state.later(config.asyncDelayMs, () => {
          share.status = 'COMPLETED';
        });
      }
      return { PortfolioShareToken: share.token };
    },

    DescribePortfolioShareStatus: ({ state, caller }, input) => {
      const share = state.portfolioShares.find(
        s => s.token === input.PortfolioShareToken,
      );
      if (
        !share ||
        state.portfolios.get(share.portfolioId)?.ownerAccountId !==
          caller.accountId
      ) {
        throw notFound(`Share ${input.PortfolioShareToken} not found.`);
      }
      const recipients = [...state.accounts.values()]
        .filter(
          a =>
            a.id !== caller.accountId &&
            shareTypesFor(state, share.portfolioId, a.id).size > 0,
        )
        .map(a => a.id);
      return {
        PortfolioShareToken: share.token,
        PortfolioId: share.portfolioId,
        OrganizationNodeValue: share.target,
        Status: share.status,
        ShareDetails:
          share.status === 'COMPLETED'
            ? { SuccessfulShares: recipients, ShareErrors: [] }
            : undefined,
      };
    },

    DescribePortfolioShares: ({ state, caller }, input) => {
      ownedPortfolio(state, caller.accountId, input.PortfolioId);
      const all = state.portfolioShares.filter(
        share =>
          share.portfolioId === input.PortfolioId && share.type === input.Type,
      );
      const start = input.PageToken ? Number(input.PageToken) : 0;
      if (!Number.isInteger(start) || start < 0 || start > all.length) {
        throw invalid('PageToken is not valid.');
      }
      const end = start + (input.PageSize ?? 20);
      return {
        PortfolioShareDetails: all.slice(start, end).map(share => ({
          PrincipalId: share.target,
          Type: share.type,
          // An account share counts as accepted once the account accepts it.
          Accepted:
            share.type !== 'ACCOUNT' ||
            state.acceptedShares.has(`${share.target}/${share.portfolioId}`),
          ShareTagOptions: false,
          SharePrincipals: share.sharePrincipals,
        })),
        ...(end < all.length ? { NextPageToken: String(end) } : {}),
      };
    },

    AcceptPortfolioShare: ({ state, caller }, input) => {
      const wanted = input.PortfolioShareType ?? 'IMPORTED';
      if (wanted === 'AWS_SERVICECATALOG') {
        throw notFound(
          'PortfolioShareType AWS_SERVICECATALOG is not supported.',
        );
      }
      const reachable = state.portfolios.has(input.PortfolioId)
        ? shareTypesFor(state, input.PortfolioId, caller.accountId)
        : new Set<string>();
      if (!reachable.has(wanted)) {
        throw notFound(
          `Portfolio ${input.PortfolioId} has no ${wanted} share with account ${caller.accountId}.`,
        );
      }
      state.acceptedShares.set(
        `${caller.accountId}/${input.PortfolioId}`,
        wanted,
      );
      return {};
    },

    /** The recipient drops an accepted share; its launch paths go with it. */
    RejectPortfolioShare: ({ state, caller }, input) => {
      const type = input.PortfolioShareType ?? 'IMPORTED';
      const key = `${caller.accountId}/${input.PortfolioId}`;
      if (state.acceptedShares.get(key) !== type) {
        throw notFound(
          `Portfolio ${input.PortfolioId} has no accepted ${type} share in account ${caller.accountId}.`,
        );
      }
      state.acceptedShares.delete(key);
      return {};
    },

    ListAcceptedPortfolioShares: ({ state, caller }, input) => {
      const type = input.PortfolioShareType ?? 'IMPORTED';
      const portfolios = [...state.acceptedShares.entries()]
        .filter(
          ([key, shareType]) =>
            key.startsWith(`${caller.accountId}/`) && shareType === type,
        )
        .map(([key]) => state.portfolios.get(key.split('/')[1])!);
      const { page, NextPageToken } = scPage(
        portfolios.map(portfolioDetail),
        input,
      );
      return { PortfolioDetails: page, NextPageToken };
    },
  },
};
