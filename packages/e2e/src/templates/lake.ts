// The data lake as Lake Formation and Glue hold it, read through the AWS
// SDK from the emulator: what an account may read, and what a notebook in
// the account can use.
import {
  LakeFormationClient,
  ListPermissionsCommand,
} from '@aws-sdk/client-lakeformation';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { GetDatabasesCommand, GlueClient } from '@aws-sdk/client-glue';
import { emulatorOptions } from '../lib/emulator.ts';

export const DATA_LAKE = '100000000011';

/** SDK clients in an account, as the emulator's administrator through its access role. */
async function clientsIn(emulator: string, accountId: string) {
  const options = emulatorOptions(emulator);
  const { Credentials } = await new STSClient(options).send(
    new AssumeRoleCommand({
      RoleArn: `arn:aws:iam::${accountId}:role/OrganizationAccountAccessRole`,
      RoleSessionName: 'e2e',
    }),
  );
  const assumed = {
    ...options,
    credentials: {
      accessKeyId: Credentials!.AccessKeyId!,
      secretAccessKey: Credentials!.SecretAccessKey!,
      sessionToken: Credentials!.SessionToken,
    },
  };
  return {
    lakeFormation: new LakeFormationClient(assumed),
    glue: new GlueClient(assumed),
  };
}

/**
 * The databases Lake Formation lets the account read: SELECT on their tables,
 * all at once (a wildcard, to prod accounts), named one by one (to dev
 * accounts, so a table added later is not granted), or without the PII
 * columns (TableWithColumns).
 */
export async function readableDatabases(
  emulator: string,
  accountId: string,
): Promise<string[]> {
  const { lakeFormation } = await clientsIn(emulator, DATA_LAKE);
  const { PrincipalResourcePermissions = [] } = await lakeFormation.send(
    new ListPermissionsCommand({
      Principal: { DataLakePrincipalIdentifier: accountId },
      MaxResults: 1000,
    }),
  );
  const databases = PrincipalResourcePermissions.filter(p =>
    p.Permissions?.includes('SELECT'),
  )
    .map(p => (p.Resource?.Table ?? p.Resource?.TableWithColumns)?.DatabaseName)
    .filter((name): name is string => Boolean(name));
  return [...new Set(databases)].sort();
}

/** What a notebook in an account can use of the data lake. */
export type NotebookAccess = {
  /** Its resource links, `name -> database`. */
  links: string[];
  /** Per linked database, the account's roles that hold SELECT on its tables. */
  selectRoles: Record<string, string[]>;
  /** The account's roles that hold SELECT on a database's tables. */
  rolesOn: (database: string) => string[];
};

/**
 * What a notebook in the account can use, as the account's own Glue and
 * Lake Formation show it: its resource links (`name -> database`) and,
 * per linked database, the account's roles that hold SELECT on its tables.
 */
export async function notebookAccess(
  emulator: string,
  accountId: string,
): Promise<NotebookAccess> {
  const { glue, lakeFormation } = await clientsIn(emulator, accountId);
  const { DatabaseList = [] } = await glue.send(
    new GetDatabasesCommand({ CatalogId: accountId }),
  );
  const links = DatabaseList.filter(
    d => d.TargetDatabase?.CatalogId === DATA_LAKE,
  );
  const { PrincipalResourcePermissions = [] } = await lakeFormation.send(
    new ListPermissionsCommand({ MaxResults: 1000 }),
  );
  const roles = (database: string) => [
    ...new Set(
      PrincipalResourcePermissions.filter(
        p =>
          p.Principal?.DataLakePrincipalIdentifier?.startsWith(
            `arn:aws:iam::${accountId}:role/`,
          ) &&
          // The tables, or their columns when PII is withheld.
          [p.Resource?.Table, p.Resource?.TableWithColumns].some(
            t => t?.CatalogId === DATA_LAKE && t.DatabaseName === database,
          ) &&
          p.Permissions?.includes('SELECT'),
      ).map(p => p.Principal!.DataLakePrincipalIdentifier!),
    ),
  ];
  return {
    links: links
      .map(d => `${d.Name} -> ${d.TargetDatabase!.DatabaseName}`)
      .sort(),
    selectRoles: Object.fromEntries(
      links.map(d => [
        d.TargetDatabase!.DatabaseName!,
        roles(d.TargetDatabase!.DatabaseName!),
      ]),
    ),
    rolesOn: roles,
  };
}
