import { AwsError } from '../../errors.ts';
import type { Handlers } from '../../context.ts';
import { ids } from '../../ids.ts';
import { roleExists } from '../iam/index.ts';

const ROLE_ARN =
  /^arn:aws:iam::(\d{12}):role\/(?:[\w+=,.@/-]*\/)?([\w+=,.@-]{1,64})$/;
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;

/** None of the operations below changes state. */
export const stsMutations: ReadonlySet<string> = new Set();

export function stsHandlers(): Handlers {
  return {
    GetCallerIdentity: ({ caller }) => ({
      UserId: caller.userId,
      Account: caller.accountId,
      Arn: caller.arn,
    }),

    AssumeRole: ({ state, caller, config }, input) => {
      const roleArn: string | undefined = input.RoleArn;
      const sessionName: string | undefined = input.RoleSessionName;
      if (!roleArn || !sessionName) {
        throw new AwsError(
          'ValidationError',
          'RoleArn and RoleSessionName are required.',
        );
      }
      if (!SESSION_NAME.test(sessionName)) {
        throw new AwsError(
          'ValidationError',
          `1 validation error detected: Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`,
        );
      }
      const duration = Number(input.DurationSeconds ?? 3600);
      if (!Number.isInteger(duration) || duration < 900 || duration > 43200) {
        throw new AwsError(
          'ValidationError',
          `DurationSeconds ${input.DurationSeconds} must be between 900 and 43200.`,
        );
      }
      const match = ROLE_ARN.exec(roleArn);
      const account = match ? state.accounts.get(match[1]) : undefined;
      // Organizations' access role trusts the management account (and the
      // account itself) only; so do the seeded roles.
      // An account CreateAccount just made: its role is not assumable
      // until IAM has it.
      const created = [...state.createAccountRequests.values()].find(
        r => account && r.accountId === account.id,
      )?.completedTimestamp;
      const propagating =
        created !== undefined &&
        Date.now() - created.getTime() < config.newAccountRoleDelayMs;
      const allowed =
        account !== undefined &&
        !propagating &&
        roleExists(state, account.id, match![2]) &&
        (caller.accountId === state.managementAccountId ||
          caller.accountId === account.id);
      if (!allowed) {
        throw new AwsError(
          'AccessDenied',
          `User: ${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
          { status: 403 },
        );
      }
      const accessKeyId = ids.accessKey();
      const arn = `arn:aws:sts::${account!.id}:assumed-role/${
        match![2]
      }/${sessionName}`;
      const roleId = `AROA${accessKeyId.slice(4, 20)}`;
      state.credentials.set(accessKeyId, {
        accessKeyId,
        accountId: account!.id,
        arn,
        userId: `${roleId}:${sessionName}`,
      });
      return {
        Credentials: {
          AccessKeyId: accessKeyId,
          SecretAccessKey: ids.secret(),
          SessionToken: ids.secret() + ids.secret(),
          Expiration: new Date(Date.now() + duration * 1000),
        },
        AssumedRoleUser: {
          AssumedRoleId: `${roleId}:${sessionName}`,
          Arn: arn,
        },
      };
    },
  };
}
