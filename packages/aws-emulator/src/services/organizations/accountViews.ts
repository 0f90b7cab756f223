/**
 * Organizations' accounts, split out of shared.ts: account ARNs, adding an
 * account, its AWS shape and its CreateAccount status's, and the look-up.
 */
import { AwsError } from '../../errors.ts';
import { ids } from '../../ids.ts';
import type {
  AccountRecord,
  CreateAccountRequest,
  EmulatorState,
  Tags,
} from '../../state.ts';
import { attachFullAwsAccess } from './policyRules.ts';
import { entityPath } from './ouTree.ts';

export function accountArn(state: EmulatorState, accountId: string) {
  return `${state.organizationArnPrefix}:account/${state.organizationId}/${accountId}`;
}

export function addAccount(
  state: EmulatorState,
  fields: {
    id?: string;
    name: string;
    email: string;
    parentId?: string;
    tags?: Tags;
    roleName?: string;
  },
): AccountRecord {
  const id = fields.id ?? ids.account();
  const account: AccountRecord = {
    id,
    arn: accountArn(state, id),
    name: fields.name,
    email: fields.email,
    parentId: fields.parentId ?? state.rootId,
    state: 'ACTIVE',
    joinedMethod: 'CREATED',
    joinedTimestamp: new Date(),
    roleName: fields.roleName ?? 'OrganizationAccountAccessRole',
    tags: { ...fields.tags },
  };
  state.accounts.set(id, account);
  attachFullAwsAccess(state, id);
  return account;
}

export function describeAccount(state: EmulatorState, account: AccountRecord) {
  return {
    Paths: [entityPath(state, account.id)],
    Id: account.id,
    Arn: account.arn,
    Email: account.email,
    Name: account.name,
    // The retiring Status field knows no CLOSED: a closed account reads SUSPENDED there.
    Status: account.state === 'CLOSED' ? 'SUSPENDED' : account.state,
    State: account.state,
    JoinedMethod: account.joinedMethod,
    JoinedTimestamp: account.joinedTimestamp.getTime() / 1000,
  };
}

export function describeCreateAccountStatus(request: CreateAccountRequest) {
  return {
    Id: request.id,
    AccountName: request.accountName,
    State: request.state,
    RequestedTimestamp: request.requestedTimestamp.getTime() / 1000,
    CompletedTimestamp: request.completedTimestamp
      ? request.completedTimestamp.getTime() / 1000
      : undefined,
    AccountId: request.accountId,
    FailureReason: request.failureReason,
  };
}

export function getAccount(state: EmulatorState, id: string) {
  const account = state.accounts.get(id);
  if (!account) {
    throw new AwsError(
      'AccountNotFoundException',
      `Account ${id} is not in the organization.`,
    );
  }
  return account;
}
