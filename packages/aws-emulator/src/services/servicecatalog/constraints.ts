/**
 * LAUNCH constraints: the role Service Catalog assumes to run a product's
 * stack when it is launched from a portfolio. A `LocalRoleName` constraint
 * names the role of that name in the launching account; AWS requires it in
 * the constraint's own account when it is made and in the launching account
 * at launch. The emulator serves no other constraint type.
 */
import { AwsError } from '../../errors.ts';
import type { CallContext, OperationGroup } from '../../context.ts';
import { ids } from '../../ids.ts';
import type { ConstraintRecord } from '../../state.ts';
import { roleExists } from '../iam/index.ts';
import {
  TOKEN,
  accessiblePortfolio,
  idempotent,
  invalid,
  notFound,
  ownedPortfolio,
  scPage,
} from './shared.ts';

const ROLE_ARN =
  /^arn:aws:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]{1,64})$/;
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;

function detail(c: ConstraintRecord) {
  return {
    ConstraintId: c.id,
    Type: c.type,
    Description: c.description,
    Owner: c.ownerAccountId,
    ProductId: c.productId,
    PortfolioId: c.portfolioId,
  };
}

/** The role a LAUNCH constraint's parameters name, checked as AWS does. */
function launchParameters(text: unknown) {
  let parameters: any;
  try {
    parameters = JSON.parse(String(text));
  } catch {
    throw invalid('Parameters must be a JSON object.');
  }
  const { RoleArn: roleArn, LocalRoleName: localRoleName } = parameters ?? {};
  if ((roleArn === undefined) === (localRoleName === undefined)) {
    throw invalid(
      'A LAUNCH constraint needs either RoleArn or LocalRoleName in its Parameters, not both.',
    );
  }
  if (localRoleName !== undefined && !ROLE_NAME.test(localRoleName)) {
    throw invalid(`LocalRoleName '${localRoleName}' is not an IAM role name.`);
  }
  if (roleArn !== undefined && !ROLE_ARN.test(roleArn)) {
    throw invalid(`RoleArn '${roleArn}' is not the ARN of an IAM role.`);
  }
  return { roleArn, localRoleName } as {
    roleArn?: string;
    localRoleName?: string;
  };
}

/**
 * The ARN of the role a launch from this portfolio runs as, or undefined
 * with no LAUNCH constraint (the stack then runs as the caller). Refuses
 * the launch when the role is not in the launching account.
 */
export function launchRoleFor(
  ctx: CallContext,
  portfolioId: string,
  productId: string,
): string | undefined {
  const { state, caller } = ctx;
  const constraint = [...state.constraints.values()].find(
    c =>
      c.type === 'LAUNCH' &&
      c.portfolioId === portfolioId &&
      c.productId === productId,
  );
  if (!constraint) return undefined;
  const [accountId, name] = constraint.localRoleName
    ? [caller.accountId, constraint.localRoleName]
    : ROLE_ARN.exec(constraint.roleArn!)!.slice(1, 3);
  const arn = `arn:aws:iam::${accountId}:role/${name}`;
  if (!roleExists(state, accountId, name)) {
    // AWS documents the rule, not its error: this is the emulator's.
    throw invalid(
      `The launch role ${arn} of the LAUNCH constraint ${constraint.id} does not exist: a LocalRoleName constraint needs a role of that name in the account that launches the product (${caller.accountId}).`,
    );
  }
  return arn;
}

export const constraintsOperations: OperationGroup = {
  mutations: new Set(['CreateConstraint', 'DeleteConstraint']),
  handlers: {
    CreateConstraint: (ctx, input) => {
      const { state, caller } = ctx;
      if (!input.IdempotencyToken || !TOKEN.test(input.IdempotencyToken)) {
        throw invalid(
          'IdempotencyToken is required: 1 to 128 letters, digits, _ and -.',
        );
      }
      return idempotent(
        state,
        caller.accountId,
        'CreateConstraint',
        input,
        () => {
          const portfolio = ownedPortfolio(
            state,
            caller.accountId,
            input.PortfolioId,
          );
          if (!portfolio.productIds.includes(input.ProductId)) {
            throw notFound(
              `Product ${input.ProductId} is not associated with portfolio ${portfolio.id}.`,
            );
          }
          if (input.Type !== 'LAUNCH') {
            throw invalid(
              `Constraint type ${input.Type} is not served by the emulator (only LAUNCH).`,
            );
          }
          const role = launchParameters(input.Parameters);
          const [roleAccount, roleName] = role.localRoleName
            ? [caller.accountId, role.localRoleName]
            : ROLE_ARN.exec(role.roleArn!)!.slice(1, 3);
          if (!roleExists(state, roleAccount, roleName)) {
            throw invalid(
              `Role arn:aws:iam::${roleAccount}:role/${roleName} does not exist: a launch constraint's role must exist in the account that creates the constraint.`,
            );
          }
          const duplicate = [...state.constraints.values()].some(
            c =>
              c.type === 'LAUNCH' &&
              c.portfolioId === portfolio.id &&
              c.productId === input.ProductId,
          );
          if (duplicate) {
            throw new AwsError(
              'DuplicateResourceException',
              `Product ${input.ProductId} already has a LAUNCH constraint in portfolio ${portfolio.id}: a product and portfolio have at most one.`,
            );
          }
          const constraint: ConstraintRecord = {
            id: ids.constraint(),
            ownerAccountId: caller.accountId,
            portfolioId: portfolio.id,
            productId: input.ProductId,
            type: 'LAUNCH',
            description: input.Description ?? '',
            parameters: String(input.Parameters),
            ...role,
          };
          state.constraints.set(constraint.id, constraint);
          return {
            ConstraintDetail: detail(constraint),
            ConstraintParameters: constraint.parameters,
            Status: 'AVAILABLE',
          };
        },
      );
    },

    DescribeConstraint: ({ state, caller }, input) => {
      const constraint = state.constraints.get(input.Id);
      if (!constraint || constraint.ownerAccountId !== caller.accountId) {
        throw notFound(`Constraint ${input.Id} not found.`);
      }
      return {
        ConstraintDetail: detail(constraint),
        ConstraintParameters: constraint.parameters,
        Status: 'AVAILABLE',
      };
    },

    ListConstraintsForPortfolio: ({ state, caller }, input) => {
      const portfolio = accessiblePortfolio(
        state,
        caller.accountId,
        input.PortfolioId,
      );
      const items = [...state.constraints.values()]
        .filter(
          c =>
            c.portfolioId === portfolio.id &&
            (!input.ProductId || c.productId === input.ProductId),
        )
        .map(detail);
      const { page, NextPageToken } = scPage(items, input);
      return { ConstraintDetails: page, NextPageToken };
    },

    DeleteConstraint: ({ state, caller }, input) => {
      const constraint = state.constraints.get(input.Id);
      if (!constraint || constraint.ownerAccountId !== caller.accountId) {
        throw notFound(`Constraint ${input.Id} not found.`);
      }
      state.constraints.delete(constraint.id);
      return {};
    },
  },
};
