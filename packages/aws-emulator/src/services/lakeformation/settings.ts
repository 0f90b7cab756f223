/**
 * An account's data lake settings: above all its data lake
 * administrators, who may grant anything on the account's own catalog and
 * re-grant what the account received with the grant option. Whoever IAM
 * allows lakeformation:PutDataLakeSettings may set them (the dispatcher
 * enforces identity policies first), as the first administrator is set on AWS.
 */
import { AwsError } from '../../errors.ts';
import type { CallContext } from '../../context.ts';
import { invalid } from './resources.ts';

const MAX_ADMINS = 30;

function catalogOf(ctx: CallContext, input: any) {
  const catalogId = input.CatalogId ?? ctx.caller.accountId;
  if (catalogId !== ctx.caller.accountId) {
    throw new AwsError(
      'AccessDeniedException',
      `Account ${ctx.caller.accountId} cannot access the data lake settings of catalog ${catalogId}.`,
    );
  }
  return catalogId as string;
}

function principals(list: unknown, field: string, accountId: string) {
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw invalid(`${field} must be a list.`);
  const arns = list.map(entry => entry?.DataLakePrincipalIdentifier);
  for (const arn of arns) {
    const match = /^arn:aws[\w-]*:iam::(\d{12}):(role|user)\/.+$/.exec(
      arn ?? '',
    );
    if (!match || match[1] !== accountId) {
      throw invalid(
        `${field}: ${arn} is not an IAM user or role of account ${accountId}; data lake administrators are the account's own IAM principals.`,
      );
    }
  }
  if (arns.length > MAX_ADMINS) {
    throw invalid(`${field} may name at most ${MAX_ADMINS} principals.`);
  }
  return [...new Set<string>(arns)];
}

export function putDataLakeSettings(ctx: CallContext, input: any) {
  const catalogId = catalogOf(ctx, input);
  const settings = input.DataLakeSettings;
  if (!settings || typeof settings !== 'object') {
    throw invalid('DataLakeSettings is required.');
  }
  const { DataLakeAdmins, ReadOnlyAdmins, ...other } = settings;
  ctx.state.lakeSettings.set(catalogId, {
    admins: principals(DataLakeAdmins, 'DataLakeAdmins', catalogId),
    readOnlyAdmins: principals(ReadOnlyAdmins, 'ReadOnlyAdmins', catalogId),
    other,
  });
  return {};
}

export function getDataLakeSettings(ctx: CallContext, input: any) {
  const catalogId = catalogOf(ctx, input);
  const stored = ctx.state.lakeSettings.get(catalogId);
  const listed = (arns: string[] = []) =>
    arns.map(arn => ({ DataLakePrincipalIdentifier: arn }));
  return {
    DataLakeSettings: {
      // Lake Formation governs the catalog: no IAMAllowedPrincipals defaults.
      CreateDatabaseDefaultPermissions: [],
      CreateTableDefaultPermissions: [],
      TrustedResourceOwners: [],
      AllowExternalDataFiltering: false,
      AllowFullTableExternalDataAccess: false,
      Parameters: {},
      ...stored?.other,
      DataLakeAdmins: listed(stored?.admins),
      ReadOnlyAdmins: listed(stored?.readOnlyAdmins),
    },
  };
}
