import { ConfigReader } from '@backstage/config';
import {
  CreateDatabaseCommand,
  GetDatabasesCommand,
} from '@aws-sdk/client-glue';
import {
  GetDataLakeSettingsCommand,
  ListPermissionsCommand,
  PutDataLakeSettingsCommand,
} from '@aws-sdk/client-lakeformation';
import {
  adminConfigFor,
  readSeedFile,
  startEmulator,
  suiteConfigFor,
} from '@mlgov/aws-emulator';
import { resolve } from 'node:path';
import { MlAwsClients } from '../clients';
import {
  grantProjectDataAccess,
  readProjectDataAccess,
  revokeProjectDataAccess,
  studioExecutionRoles,
} from './projectDataAccess';
import { ensureDataLakeAdmin } from './lakeFormationConsumer';

const DATA_LAKE = '100000000011';
/** churn-prediction's dev account: the seed launched its Studio product there. */
const DEV = '200000000011';
const SALES = { catalogId: DATA_LAKE, database: 'sales', accountId: DEV };

describe('a data grant that reaches the Studio roles', () => {
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  let clients: MlAwsClients;
  /** The account's own view, as its administrator (not the suite's role). */
  let admin: MlAwsClients;

  beforeEach(async () => {
    emulator = await startEmulator({
      seed: readSeedFile(
        resolve(__dirname, '../../../../packages/aws-emulator/seeds/demo.yaml'),
      ),
      config: { asyncDelayMs: 0 },
    });
    clients = MlAwsClients.fromConfig(
      new ConfigReader(suiteConfigFor(emulator.url, { maxAttempts: 10 })),
    );
    admin = MlAwsClients.fromConfig(
      new ConfigReader(adminConfigFor(emulator.url)),
    );
  });
  afterEach(() => emulator.close());

  /** `Principal: resource: permissions` of what ListPermissions shows in the account. */
  async function listed(accountId: string) {
    const { lakeFormation } = await clients.forAccount(accountId);
    const { PrincipalResourcePermissions = [] } = await lakeFormation.send(
      new ListPermissionsCommand({ MaxResults: 1000 }),
    );
    return PrincipalResourcePermissions.map(p => {
      const r = p.Resource!;
      const where = r.Database
        ? `${r.Database.CatalogId}/${r.Database.Name}`
        : `${r.Table!.CatalogId}/${r.Table!.DatabaseName}.${
            r.Table!.Name ?? '*'
          }`;
      return `${p.Principal!.DataLakePrincipalIdentifier}: ${where}: ${[
        ...(p.Permissions ?? []),
      ]
        .sort()
        .join(',')}`;
    }).sort();
  }

  async function links(accountId: string) {
    const { glue } = await admin.forAccount(accountId);
    const { DatabaseList = [] } = await glue.send(
      new GetDatabasesCommand({ CatalogId: accountId }),
    );
    return DatabaseList.map(d =>
      d.TargetDatabase
        ? `${d.Name} -> ${d.TargetDatabase.CatalogId}/${d.TargetDatabase.DatabaseName}`
        : d.Name,
    );
  }

  it("finds the account's Studio execution roles: the domain's default and a profile's own", async () => {
    const roles = await studioExecutionRoles(await clients.forAccount(DEV));
    const domain = [...emulator.state.domains.values()].find(
      d => d.accountId === DEV,
    )!;
    const expected = new Set<string>([
      domain.settings.defaultUserSettings!.ExecutionRole as string,
    ]);
    for (const profile of emulator.state.userProfiles.values()) {
      const own = profile.userSettings?.ExecutionRole as string | undefined;
      if (profile.domainId === domain.id && own) expected.add(own);
    }
    expect(roles).toEqual([...expected].sort());
    for (const role of roles) {
      expect(role).toMatch(new RegExp(`^arn:aws:iam::${DEV}:role/`));
    }
  });

  it('makes the link and grants SELECT to a role of the account, once; revoking takes both away', async () => {
    const roles = await studioExecutionRoles(await clients.forAccount(DEV));
    const applied = await grantProjectDataAccess(clients, SALES);
    expect(applied).toEqual({ link: 'sales_link', roles });

    expect(await links(DEV)).toEqual(['sales_link -> 100000000011/sales']);
    const shown = await listed(DEV);
    for (const role of roles) {
      expect(shown).toEqual(
        expect.arrayContaining([
          `${role}: ${DEV}/sales_link: DESCRIBE`,
          `${role}: ${DATA_LAKE}/sales.*: DESCRIBE,SELECT`,
        ]),
      );
    }
    expect(await readProjectDataAccess(clients, SALES)).toEqual({
      link: 'sales_link',
      linkOk: true,
      rolesGranted: roles,
      rolesMissing: [],
    });

    // Applied again (a retried approval): nothing changes.
    const before = emulator.mutatingCallCounts();
    await grantProjectDataAccess(clients, SALES);
    expect(emulator.mutatingCallCounts()).toEqual(before);

    await revokeProjectDataAccess(clients, SALES);
    expect(await links(DEV)).toEqual([]);
    expect((await listed(DEV)).filter(p => p.includes('sales'))).toEqual([]);
    // And again: nothing left to revoke is no error.
    await revokeProjectDataAccess(clients, SALES);
  });

  it('keeps the other data lake administrators and settings', async () => {
    const { lakeFormation } = await admin.forAccount(DEV);
    const other = `arn:aws:iam::${DEV}:role/OrganizationAccountAccessRole`;
    await lakeFormation.send(
      new PutDataLakeSettingsCommand({
        DataLakeSettings: {
          DataLakeAdmins: [{ DataLakePrincipalIdentifier: other }],
        },
      }),
    );
    const member = await clients.forAccount(DEV);
    expect(
      await ensureDataLakeAdmin(member.lakeFormation, member.roleArn),
    ).toBe(true);
    expect(
      await ensureDataLakeAdmin(member.lakeFormation, member.roleArn),
    ).toBe(false);
    const { DataLakeSettings } = await lakeFormation.send(
      new GetDataLakeSettingsCommand({}),
    );
    expect(
      DataLakeSettings?.DataLakeAdmins?.map(a => a.DataLakePrincipalIdentifier),
    ).toEqual([other, member.roleArn]);
  });

  it('adopts a link whose answer was lost, never making a second', async () => {
    // Every CreateDatabase is carried out and its answer lost: the SDK's
    // retry meets AlreadyExistsException, and the link found is adopted.
    emulator.config.faults.lostAnswerRate = 1;
    emulator.config.faults.operations = ['glue:CreateDatabase'];
    await grantProjectDataAccess(clients, SALES);
    expect(await links(DEV)).toEqual(['sales_link -> 100000000011/sales']);
    expect((await readProjectDataAccess(clients, SALES)).rolesMissing).toEqual(
      [],
    );
  });

  it('refuses a link name another database holds, changing nothing in the account', async () => {
    await grantProjectDataAccess(clients, SALES);
    await revokeProjectDataAccess(clients, SALES);
    const { glue } = await clients.forAccount(DEV);
    await glue.send(
      new CreateDatabaseCommand({
        CatalogId: DEV,
        DatabaseInput: { Name: 'sales_link' },
      }),
    );
    const before = await listed(DEV);
    await expect(grantProjectDataAccess(clients, SALES)).rejects.toThrow(
      /sales_link that is not the resource link to 100000000011's sales \(it is a database of its own\)/,
    );
    expect(await listed(DEV)).toEqual(before);
    expect((await readProjectDataAccess(clients, SALES)).linkOk).toBe(false);
  });
});
