import {
  AccountNotFoundException,
  DescribeAccountCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { InputError } from '@backstage/errors';
import { findOu } from './organizationalUnits';

/**
 * An OU (by path) or an account (by id) that policies are attached to, as
 * a single-step action names it; an InputError when it is not there.
 *
 * @public
 */
export async function resolvePolicyTarget(
  client: OrganizationsClient,
  input: { ouPath?: string; accountId?: string },
): Promise<{ id: string; label: string }> {
  if (Boolean(input.ouPath) === Boolean(input.accountId)) {
    throw new InputError(
      'Give exactly one of ouPath and accountId as the target',
    );
  }
  if (input.ouPath) {
    const ou = await findOu(client, input.ouPath);
    if (!ou) {
      throw new InputError(
        `OU ${input.ouPath} does not exist; add an aws:organizations:ensureOrganizationalUnit step before this one`,
      );
    }
    return { id: ou.Id!, label: `OU ${input.ouPath}` };
  }
  try {
    await client.send(
      new DescribeAccountCommand({ AccountId: input.accountId }),
    );
  } catch (error) {
    if (error instanceof AccountNotFoundException) {
      throw new InputError(
        `Account ${input.accountId} is not in the organization`,
      );
    }
    throw error;
  }
  return { id: input.accountId!, label: `account ${input.accountId}` };
}
