/** Accounts: asynchronous creation, look-ups and moves. */
import { emitServiceEvent } from '../../events.ts';
import { AwsError, constraintViolation, invalidInput } from '../../errors.ts';
import {
  type CallContext,
  tagsFromList,
  type OperationGroup,
} from '../../context.ts';
import { ids } from '../../ids.ts';
import type { CreateAccountRequest } from '../../state.ts';
import {
  EMAIL,
  ACCOUNT_NAME,
  ROLE_NAME,
  required,
  page,
  validateTags,
  addAccount,
  describeAccount,
  describeCreateAccountStatus,
  getAccount,
  getParent,
} from './shared.ts';
import { onAccountMoved } from '../controltower/enrolment.ts';

export const accountsOperations: OperationGroup = {
  mutations: new Set(['CreateAccount', 'MoveAccount', 'CloseAccount']),
  handlers: {
    CreateAccount: (ctx, input) => {
      const { state, config } = ctx;
      required(input, 'Email', 'AccountName');
      if (
        input.Email.length < 6 ||
        input.Email.length > 64 ||
        !EMAIL.test(input.Email)
      ) {
        throw invalidInput(
          'INVALID_PATTERN',
          `Email ${input.Email} is not a valid email address.`,
        );
      }
      if (!ACCOUNT_NAME.test(input.AccountName)) {
        throw invalidInput(
          'INVALID_PATTERN',
          'AccountName must be 1 to 50 printable ASCII characters.',
        );
      }
      const roleName = input.RoleName ?? 'OrganizationAccountAccessRole';
      if (
        !ROLE_NAME.test(roleName) ||
        roleName.startsWith('AWSServiceRoleFor')
      ) {
        throw invalidInput(
          'INVALID_ROLE_NAME',
          `RoleName ${roleName} is not valid.`,
        );
      }
      const tags = tagsFromList(input.Tags);
      validateTags(tags);
      const inProgress = [...state.createAccountRequests.values()].filter(
        r => r.state === 'IN_PROGRESS',
      ).length;
      if (inProgress >= config.maxConcurrentAccountCreations) {
        throw new AwsError(
          'TooManyRequestsException',
          `${inProgress} account creations are in progress; wait for one to finish.`,
          { fields: { Type: 'CreateAccount' } },
        );
      }
      const request: CreateAccountRequest = {
        id: ids.createAccountRequest(),
        accountName: input.AccountName,
        email: input.Email,
        roleName,
        tags,
        state: 'IN_PROGRESS',
        requestedTimestamp: new Date(),
      };
      state.createAccountRequests.set(request.id, request);
      state.later(config.asyncDelayMs, () =>
        completeAccountCreation(ctx, request),
      );
      return { CreateAccountStatus: describeCreateAccountStatus(request) };
    },

    DescribeCreateAccountStatus: ({ state }, input) => {
      required(input, 'CreateAccountRequestId');
      const request = state.createAccountRequests.get(
        input.CreateAccountRequestId,
      );
      if (!request) {
        throw new AwsError(
          'CreateAccountStatusNotFoundException',
          `No account creation request ${input.CreateAccountRequestId}.`,
        );
      }
      return { CreateAccountStatus: describeCreateAccountStatus(request) };
    },

    ListCreateAccountStatus: ({ state }, input) => {
      const states: string[] | undefined = input?.States;
      const requests = [...state.createAccountRequests.values()].filter(
        r => !states?.length || states.includes(r.state),
      );
      const { page: statuses, nextToken } = page(
        requests.map(describeCreateAccountStatus),
        input,
      );
      return { CreateAccountStatuses: statuses, NextToken: nextToken };
    },

    DescribeAccount: ({ state }, input) => {
      required(input, 'AccountId');
      return {
        Account: describeAccount(state, getAccount(state, input.AccountId)),
      };
    },

    ListAccounts: ({ state }, input) => {
      const { page: accounts, nextToken } = page(
        [...state.accounts.values()].map(a => describeAccount(state, a)),
        input,
      );
      return { Accounts: accounts, NextToken: nextToken };
    },

    ListAccountsForParent: ({ state }, input) => {
      required(input, 'ParentId');
      getParent(state, input.ParentId);
      const accounts = [...state.accounts.values()].filter(
        a => a.parentId === input.ParentId,
      );
      const { page: items, nextToken } = page(
        accounts.map(a => describeAccount(state, a)),
        input,
      );
      return { Accounts: items, NextToken: nextToken };
    },

    MoveAccount: (ctx, input) => {
      const { state } = ctx;
      required(input, 'AccountId', 'SourceParentId', 'DestinationParentId');
      const account = getAccount(state, input.AccountId);
      if (!state.isParent(input.SourceParentId)) {
        throw new AwsError(
          'SourceParentNotFoundException',
          `Source ${input.SourceParentId} does not exist.`,
        );
      }
      if (!state.isParent(input.DestinationParentId)) {
        throw new AwsError(
          'DestinationParentNotFoundException',
          `Destination ${input.DestinationParentId} does not exist.`,
        );
      }
      if (account.parentId === input.DestinationParentId) {
        throw new AwsError(
          'DuplicateAccountException',
          `Account ${account.id} is already in ${input.DestinationParentId}.`,
        );
      }
      if (account.parentId !== input.SourceParentId) {
        throw new AwsError(
          'SourceParentNotFoundException',
          `Account ${account.id} is not in ${input.SourceParentId}.`,
        );
      }
      account.parentId = input.DestinationParentId;
      onAccountMoved(ctx, account.id);
      return {};
    },

    /**
     * Asynchronous, as in AWS: PENDING_CLOSURE at once, CLOSED after the
     * emulator's delay, with CloseAccountResult as a service event. At most
     * 10 % of the member accounts (between 10 and 1,000) in 30 days.
     */
    CloseAccount: (ctx, input) => {
      const { state, config } = ctx;
      required(input, 'AccountId');
      const account = getAccount(state, input.AccountId);
      if (account.id === state.managementAccountId) {
        throw constraintViolation(
          'CANNOT_CLOSE_MANAGEMENT_ACCOUNT',
          'You cannot close the management account with CloseAccount.',
        );
      }
      if (account.state === 'PENDING_CLOSURE' || account.state === 'CLOSED') {
        throw new AwsError(
          'AccountAlreadyClosedException',
          `Account ${account.id} is already closed or being closed.`,
        );
      }
      const members = [...state.accounts.values()].filter(
        a => a.id !== state.managementAccountId,
      ).length;
      const quota = Math.max(10, Math.min(1000, Math.floor(members / 10)));
      const since = Date.now() - 30 * 24 * 60 * 60 * 1000;
      const recent = [...state.accounts.values()].filter(
        a => a.closeRequestedAt && a.closeRequestedAt.getTime() >= since,
      ).length;
      if (recent >= quota) {
        throw constraintViolation(
          'CLOSE_ACCOUNT_QUOTA_EXCEEDED',
          `${recent} accounts were closed in the last 30 days; the quota is ${quota}.`,
        );
      }
      account.state = 'PENDING_CLOSURE';
      account.closeRequestedAt = new Date();
      state.later(config.asyncDelayMs, () => {
        account.state = 'CLOSED';
        emitServiceEvent(state, {
          service: 'organizations',
          eventName: 'CloseAccountResult',
          region: ctx.region,
          serviceEventDetails: {
            closeAccountStatus: { accountId: account.id, state: 'SUCCEEDED' },
          },
        });
      });
      return {};
    },
  },
};

function completeAccountCreation(
  ctx: CallContext,
  request: CreateAccountRequest,
) {
  const { state, config } = ctx;
  request.completedTimestamp = new Date();
  const injected = config.faults.createAccountFailures.find(rule =>
    new RegExp(rule.emailPattern).test(request.email),
  );
  const emailTaken = [...state.accounts.values()].some(
    account => account.email.toLowerCase() === request.email.toLowerCase(),
  );
  const failureReason =
    injected?.reason ??
    (emailTaken ? 'EMAIL_ALREADY_EXISTS' : undefined) ??
    (state.accounts.size >= state.accountQuota
      ? 'ACCOUNT_LIMIT_EXCEEDED'
      : undefined);
  if (failureReason) {
    request.state = 'FAILED';
    request.failureReason = failureReason;
  } else {
    const account = addAccount(state, {
      name: request.accountName,
      email: request.email,
      tags: request.tags,
      roleName: request.roleName,
    });
    request.state = 'SUCCEEDED';
    request.accountId = account.id;
  }
  emitServiceEvent(state, {
    service: 'organizations',
    eventName: 'CreateAccountResult',
    region: ctx.region,
    serviceEventDetails: {
      createAccountStatus: describeCreateAccountStatus(request),
    },
  });
}
