import {
  GrantPermissionsCommand,
  LakeFormationClient,
  ListPermissionsCommand,
  RevokePermissionsCommand,
} from '@aws-sdk/client-lakeformation';
import { GetResourceSharesCommand, RAMClient } from '@aws-sdk/client-ram';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { resolve } from 'node:path';
import { readSeedFile } from './seed.ts';
import type { RunningEmulator } from './server.ts';
import {
  clientConfig,
  errorOf,
  startTestEmulator,
} from './__testUtils__/emulator.ts';

const DATA_LAKE = '100000000011';
const CHURN_DEV = '200000000011';

describe('Lake Formation and RAM', () => {
  let emulator: RunningEmulator;

  beforeEach(async () => {
    ({ emulator } = await startTestEmulator({
      seed: readSeedFile(resolve(__dirname, '../seeds/demo.yaml')),
    }));
  });
  afterEach(() => emulator.close());

  async function configIn(accountId: string) {
    const sts = new STSClient(clientConfig(emulator));
    const { Credentials } = await sts.send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${accountId}:role/OrganizationAccountAccessRole`,
        RoleSessionName: 'test',
      }),
    );
    return clientConfig(
      emulator,
      Credentials!.AccessKeyId,
      Credentials!.SessionToken,
    );
  }

  const salesTables = {
    Table: { CatalogId: DATA_LAKE, DatabaseName: 'sales', TableWildcard: {} },
  };
  const grant = (Resource: any, Permissions: any[], principal = CHURN_DEV) =>
    new GrantPermissionsCommand({
      Principal: { DataLakePrincipalIdentifier: principal },
      Resource,
      Permissions,
    });

  it('grants read access across accounts through one RAM share, idempotently, and revokes it', async () => {
    const config = await configIn(DATA_LAKE);
    const lakeFormation = new LakeFormationClient(config);
    await lakeFormation.send(grant(salesTables, ['SELECT', 'DESCRIBE']));
    await lakeFormation.send(grant(salesTables, ['SELECT']));
    await lakeFormation.send(
      grant({ Database: { Name: 'sales' } }, ['DESCRIBE']),
    );
    const listed = await lakeFormation.send(
      new ListPermissionsCommand({
        Principal: { DataLakePrincipalIdentifier: CHURN_DEV },
      }),
    );
    expect(
      listed.PrincipalResourcePermissions?.map(p => [
        p.Resource?.Database?.Name ?? `${p.Resource?.Table?.DatabaseName}.*`,
        p.Permissions,
      ]),
    ).toEqual([
      ['sales.*', ['SELECT', 'DESCRIBE']],
      ['sales', ['DESCRIBE']],
    ]);

    // The owner sees one share; the consumer sees it from the other side.
    const owned = await new RAMClient(config).send(
      new GetResourceSharesCommand({ resourceOwner: 'SELF' }),
    );
    expect(owned.resourceShares).toHaveLength(1);
    const received = await new RAMClient(await configIn(CHURN_DEV)).send(
      new GetResourceSharesCommand({ resourceOwner: 'OTHER-ACCOUNTS' }),
    );
    expect(received.resourceShares?.map(s => s.owningAccountId)).toEqual([
      DATA_LAKE,
    ]);

    await lakeFormation.send(
      new RevokePermissionsCommand({
        Principal: { DataLakePrincipalIdentifier: CHURN_DEV },
        Resource: salesTables,
        Permissions: ['SELECT', 'DESCRIBE'],
      }),
    );
    await lakeFormation.send(
      new RevokePermissionsCommand({
        Principal: { DataLakePrincipalIdentifier: CHURN_DEV },
        Resource: { Database: { Name: 'sales' } },
        Permissions: ['DESCRIBE'],
      }),
    );
    expect(
      (await lakeFormation.send(new ListPermissionsCommand({})))
        .PrincipalResourcePermissions,
    ).toEqual([]);
    expect(
      (
        await new RAMClient(config).send(
          new GetResourceSharesCommand({ resourceOwner: 'SELF' }),
        )
      ).resourceShares,
    ).toEqual([]);
    const again = await errorOf(
      lakeFormation.send(
        new RevokePermissionsCommand({
          Principal: { DataLakePrincipalIdentifier: CHURN_DEV },
          Resource: salesTables,
          Permissions: ['SELECT'],
        }),
      ),
    );
    expect(again.name).toBe('InvalidInputException');
  });

  it("answers with AWS's errors for unknown databases, bad permissions, principals and catalogs", async () => {
    const lakeFormation = new LakeFormationClient(await configIn(DATA_LAKE));
    const names = async (command: any) =>
      (await errorOf(lakeFormation.send(command))).name;
    expect(
      await names(grant({ Database: { Name: 'payroll' } }, ['DESCRIBE'])),
    ).toBe('EntityNotFoundException');
    expect(await names(grant(salesTables, ['CREATE_TABLE']))).toBe(
      'InvalidInputException',
    );
    expect(await names(grant(salesTables, ['SELECT'], '999999999999'))).toBe(
      'InvalidInputException',
    );
    expect(
      await names(
        grant({ Database: { CatalogId: CHURN_DEV, Name: 'sales' } }, [
          'DESCRIBE',
        ]),
      ),
    ).toBe('AccessDeniedException');
    // The databases are the data lake account's own: elsewhere they are not found.
    const elsewhere = new LakeFormationClient(await configIn(CHURN_DEV));
    expect(
      (
        await errorOf(
          elsewhere.send(grant({ Database: { Name: 'sales' } }, ['DESCRIBE'])),
        )
      ).name,
    ).toBe('EntityNotFoundException');
  });
});
