/**
 * Lake Formation per account: data lake settings and administrators,
 * grants with and without the grant option (grants.ts, authority.ts),
 * LF-tags, data cells filters, and the AWS RAM shares cross-account grants
 * imply.
 */
import { AwsError } from '../../errors.ts';
import type { Handlers } from '../../context.ts';
import { filterHandlers } from './filters.ts';
import { batch, grantPermissions, revokePermissions } from './grants.ts';
import { getEffectivePermissionsForPath, listPermissions } from './listing.ts';
import { getDataLakeSettings, putDataLakeSettings } from './settings.ts';
import { tagHandlers } from './tags.ts';

export const lakeFormationMutations: ReadonlySet<string> = new Set([
  'PutDataLakeSettings',
  'GrantPermissions',
  'RevokePermissions',
  'BatchGrantPermissions',
  'BatchRevokePermissions',
  'CreateLFTag',
  'AddLFTagsToResource',
  'RemoveLFTagsFromResource',
  'CreateDataCellsFilter',
  'DeleteDataCellsFilter',
]);

export function lakeFormationHandlers(): Handlers {
  return {
    PutDataLakeSettings: putDataLakeSettings,
    GetDataLakeSettings: getDataLakeSettings,
    GrantPermissions: grantPermissions,
    RevokePermissions: revokePermissions,
    BatchGrantPermissions: batch(grantPermissions),
    BatchRevokePermissions: batch(revokePermissions),
    ListPermissions: listPermissions,
    GetEffectivePermissionsForPath: getEffectivePermissionsForPath,
    ...tagHandlers(),
    ...filterHandlers(),
  };
}

export const ramMutations: ReadonlySet<string> = new Set();

export function ramHandlers(): Handlers {
  return {
    GetResourceShares: ({ state, caller }, input) => {
      const owner = input.resourceOwner;
      if (owner !== 'SELF' && owner !== 'OTHER-ACCOUNTS') {
        throw new AwsError(
          'InvalidParameterException',
          'resourceOwner must be SELF or OTHER-ACCOUNTS.',
        );
      }
      const shares = [...state.resourceShares.values()].filter(s =>
        owner === 'SELF'
          ? s.ownerAccountId === caller.accountId
          : s.principal === caller.accountId,
      );
      return {
        resourceShares: shares.map(s => ({
          resourceShareArn: s.arn,
          name: s.name,
          owningAccountId: s.ownerAccountId,
          allowExternalPrincipals: false,
          status: 'ACTIVE',
          featureSet: 'CREATED_FROM_POLICY',
        })),
      };
    },
  };
}
