import { GlueClient } from '@aws-sdk/client-glue';
import {
  BatchGrantPermissionsCommand,
  GetDataLakeSettingsCommand,
  LakeFormationClient,
  PutDataLakeSettingsCommand,
} from '@aws-sdk/client-lakeformation';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { resolve } from 'node:path';
import { readSeedFile } from '../seed.ts';
import type { RunningEmulator } from '../server.ts';
import { clientConfig, startTestEmulator } from './emulator.ts';

export const DATA_LAKE = '100000000011';
export const CHURN_DEV = '200000000011';
export const ACCESS_ROLE = 'OrganizationAccountAccessRole';

/** The demo seed's emulator, and Lake Formation and Glue clients acting as a role of an account. */
export function lakeEmulator() {
  const running: { emulator?: RunningEmulator } = {};
  beforeEach(async () => {
    ({ emulator: running.emulator } = await startTestEmulator({
      seed: readSeedFile(resolve(__dirname, '../../seeds/demo.yaml')),
    }));
  });
  afterEach(() => running.emulator?.close());

  const emulator = () => running.emulator!;
  async function as(accountId: string, role = ACCESS_ROLE) {
    const { Credentials } = await new STSClient(clientConfig(emulator())).send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${accountId}:role/${role}`,
        RoleSessionName: 'test',
      }),
    );
    const config = clientConfig(
      emulator(),
      Credentials!.AccessKeyId,
      Credentials!.SessionToken,
    );
    return {
      lakeFormation: new LakeFormationClient(config),
      glue: new GlueClient(config),
    };
  }
  return { emulator, as };
}

export const principal = (id: string) => ({ DataLakePrincipalIdentifier: id });

type As = ReturnType<typeof lakeEmulator>['as'];

export const salesTables = (CatalogId = DATA_LAKE) => ({
  Table: { CatalogId, DatabaseName: 'sales', TableWildcard: {} },
});

/** The data lake shares sales with the dev account, with or without the grant option. */
export async function shareSales(as: As, grantOption: boolean) {
  const { lakeFormation } = await as(DATA_LAKE);
  await lakeFormation.send(
    new BatchGrantPermissionsCommand({
      Entries: [
        {
          Id: 'db',
          Principal: principal(CHURN_DEV),
          Resource: { Database: { CatalogId: DATA_LAKE, Name: 'sales' } },
          Permissions: ['DESCRIBE'],
          PermissionsWithGrantOption: grantOption ? ['DESCRIBE'] : [],
        },
        {
          Id: 'tables',
          Principal: principal(CHURN_DEV),
          Resource: salesTables(),
          Permissions: ['SELECT', 'DESCRIBE'],
          PermissionsWithGrantOption: grantOption ? ['SELECT', 'DESCRIBE'] : [],
        },
      ],
    }),
  );
  return lakeFormation;
}

/** The dev account's access role makes itself the account's data lake administrator. */
export async function devAdmin(as: As) {
  const dev = await as(CHURN_DEV);
  const before = await dev.lakeFormation.send(
    new GetDataLakeSettingsCommand({}),
  );
  await dev.lakeFormation.send(
    new PutDataLakeSettingsCommand({
      DataLakeSettings: {
        ...before.DataLakeSettings,
        DataLakeAdmins: [
          principal(`arn:aws:iam::${CHURN_DEV}:role/${ACCESS_ROLE}`),
        ],
      },
    }),
  );
  return { dev, before: before.DataLakeSettings };
}
