import { useApi } from '@backstage/core-plugin-api';
import { OrganizationAccount } from '@mlgov/plugin-ml-environments-common';
import useAsync from 'react-use/esm/useAsync';
import { MlScorecardResult, mlScorecardApiRef } from '../../../api';

/** The catalog Resource the suite's catalog module emits for an account. */
const entityRefOf = (accountId: string) =>
  `resource:default/aws-account-${accountId}`;

/**
 * The suite's checks on every account, by account id, in one request per
 * snapshot; undefined while loading, without Tech Insights, or when it
 * fails (the page stays usable without the column).
 */
export function useAccountScorecards(
  accounts: OrganizationAccount[],
): Map<string, MlScorecardResult[]> | undefined {
  const api = useApi(mlScorecardApiRef);
  const { value } = useAsync(async () => {
    if (accounts.length === 0) return undefined;
    const byRef = await api.runChecksForEntities(
      accounts.map(a => entityRefOf(a.id)),
    );
    return (
      byRef &&
      new Map(accounts.map(a => [a.id, byRef.get(entityRefOf(a.id)) ?? []]))
    );
  }, [api, accounts]);
  return value;
}
