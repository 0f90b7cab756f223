import {
  GetDatabaseCommand,
  GetDatabasesCommand,
  GlueClient,
  paginateGetDatabases,
} from '@aws-sdk/client-glue';
import {
  GrantPermissionsCommand,
  LakeFormationClient,
} from '@aws-sdk/client-lakeformation';
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

describe('Glue Data Catalog databases', () => {
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

  it("lists the catalog's own databases with their descriptions, page by page", async () => {
    const glue = new GlueClient(await configIn(DATA_LAKE));
    const first = await glue.send(new GetDatabasesCommand({ MaxResults: 3 }));
    expect(first.DatabaseList?.map(d => d.Name)).toEqual([
      'customers',
      'sales',
      'stores',
    ]);
    expect(first.NextToken).toBeDefined();
    const rest = await glue.send(
      new GetDatabasesCommand({ MaxResults: 3, NextToken: first.NextToken }),
    );
    expect(rest.DatabaseList?.map(d => d.Name)).toEqual(['web_events']);
    expect(rest.NextToken).toBeUndefined();

    const all = [];
    for await (const page of paginateGetDatabases(
      { client: glue, pageSize: 2 },
      { CatalogId: DATA_LAKE },
    )) {
      all.push(...(page.DatabaseList ?? []));
    }
    expect(all).toHaveLength(4);
    expect(all.find(d => d.Name === 'sales')).toMatchObject({
      CatalogId: DATA_LAKE,
      Description:
        'Orders, order lines and returns from the web shop and the stores',
    });

    const { Database } = await glue.send(
      new GetDatabaseCommand({ Name: 'stores' }),
    );
    expect(Database?.Description).toBe(
      'The stores and the regions they belong to',
    );
  });

  it("refuses page sizes outside 1..100 and tokens it did not issue, as AWS's model does", async () => {
    const glue = new GlueClient(await configIn(DATA_LAKE));
    for (const MaxResults of [0, 101]) {
      expect(
        (await errorOf(glue.send(new GetDatabasesCommand({ MaxResults }))))
          .name,
      ).toBe('InvalidInputException');
    }
    expect(
      (
        await errorOf(
          glue.send(new GetDatabasesCommand({ NextToken: 'not-a-token' })),
        )
      ).name,
    ).toBe('InvalidInputException');
    expect(
      (await errorOf(glue.send(new GetDatabaseCommand({ Name: 'payroll' }))))
        .name,
    ).toBe('EntityNotFoundException');
  });

  it('lets another account read only the databases Lake Formation shared with it', async () => {
    const consumer = new GlueClient(await configIn(CHURN_DEV));
    // Its own catalog is empty; the data lake's is not its to read.
    expect(
      (await consumer.send(new GetDatabasesCommand({}))).DatabaseList,
    ).toEqual([]);
    const refused = await errorOf(
      consumer.send(new GetDatabasesCommand({ CatalogId: DATA_LAKE })),
    );
    expect(refused.name).toBe('AccessDeniedException');
    expect(refused.message).toContain('glue:GetDatabases');
    expect(
      (
        await errorOf(
          consumer.send(
            new GetDatabaseCommand({ CatalogId: DATA_LAKE, Name: 'sales' }),
          ),
        )
      ).name,
    ).toBe('AccessDeniedException');

    await new LakeFormationClient(await configIn(DATA_LAKE)).send(
      new GrantPermissionsCommand({
        Principal: { DataLakePrincipalIdentifier: CHURN_DEV },
        Resource: { Database: { Name: 'sales' } },
        Permissions: ['DESCRIBE'],
      }),
    );
    const shared = await consumer.send(
      new GetDatabasesCommand({ CatalogId: DATA_LAKE }),
    );
    expect(shared.DatabaseList?.map(d => d.Name)).toEqual(['sales']);
    const foreign = await consumer.send(
      new GetDatabasesCommand({ ResourceShareType: 'FOREIGN' }),
    );
    expect(foreign.DatabaseList?.map(d => [d.CatalogId, d.Name])).toEqual([
      [DATA_LAKE, 'sales'],
    ]);
    // A database outside the share stays unreadable, whether or not it exists.
    expect(
      (
        await errorOf(
          consumer.send(
            new GetDatabaseCommand({ CatalogId: DATA_LAKE, Name: 'stores' }),
          ),
        )
      ).name,
    ).toBe('AccessDeniedException');
  });
});
