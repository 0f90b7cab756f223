import {
  GetDataLakeSettingsCommand,
  GrantPermissionsCommand,
  ListPermissionsCommand,
  PutDataLakeSettingsCommand,
  RevokePermissionsCommand,
} from '@aws-sdk/client-lakeformation';
import { errorOf } from './__testUtils__/emulator.ts';
import {
  ACCESS_ROLE,
  CHURN_DEV,
  DATA_LAKE,
  devAdmin,
  lakeEmulator,
  principal,
  salesTables,
  shareSales,
} from './__testUtils__/lake.ts';

const STUDIO_ROLE = `arn:aws:iam::${CHURN_DEV}:role/StudioExecution`;

describe('Lake Formation per account: administrators and re-grants', () => {
  const { emulator, as } = lakeEmulator();
  const share = (grantOption: boolean) => shareSales(as, grantOption);
  async function becomeAdmin() {
    const { dev, before } = await devAdmin(as);
    expect(before?.DataLakeAdmins).toEqual([]);
    return dev;
  }

  beforeEach(() => {
    // The Studio execution role exists in the dev account; IAM lets it read
    // and create databases, so Lake Formation's own checks decide.
    emulator().state.principalPolicies.set(STUDIO_ROLE, [
      {
        Statement: [
          {
            Effect: 'Allow',
            Action: [
              'glue:Get*',
              'glue:CreateDatabase',
              'lakeformation:GetDataAccess',
            ],
            Resource: '*',
          },
        ],
      },
    ]);
  });

  it('keeps data lake administrators per account, checked as AWS checks them', async () => {
    const dev = await becomeAdmin();
    const settings = await dev.lakeFormation.send(
      new GetDataLakeSettingsCommand({}),
    );
    expect(settings.DataLakeSettings?.DataLakeAdmins).toEqual([
      principal(`arn:aws:iam::${CHURN_DEV}:role/${ACCESS_ROLE}`),
    ]);
    // The data lake's own administrators are the seed's, untouched.
    const lake = await (
      await as(DATA_LAKE)
    ).lakeFormation.send(new GetDataLakeSettingsCommand({}));
    expect(
      lake.DataLakeSettings?.DataLakeAdmins?.map(
        a => a.DataLakePrincipalIdentifier,
      ),
    ).toEqual([
      `arn:aws:iam::${DATA_LAKE}:role/ml-environments-member`,
      `arn:aws:iam::${DATA_LAKE}:role/${ACCESS_ROLE}`,
    ]);
    const names = async (promise: Promise<unknown>) =>
      (await errorOf(promise)).name;
    // Another account's principal cannot administer this one; nor can the catalog be another's.
    expect(
      await names(
        dev.lakeFormation.send(
          new PutDataLakeSettingsCommand({
            DataLakeSettings: {
              DataLakeAdmins: [principal(`arn:aws:iam::${DATA_LAKE}:role/x`)],
            },
          }),
        ),
      ),
    ).toBe('InvalidInputException');
    expect(
      await names(
        dev.lakeFormation.send(
          new GetDataLakeSettingsCommand({ CatalogId: DATA_LAKE }),
        ),
      ),
    ).toBe('AccessDeniedException');
    // A principal whose identity policy does not allow it is refused by IAM.
    const studio = await as(CHURN_DEV, 'StudioExecution');
    const refused = await errorOf(
      studio.lakeFormation.send(
        new PutDataLakeSettingsCommand({ DataLakeSettings: {} }),
      ),
    );
    expect(refused.name).toBe('AccessDeniedException');
    expect(refused.message).toContain(
      'no identity-based policy allows the lakeformation:PutDataLakeSettings action',
    );
  });

  it('lets the consumer administrator re-grant to its roles only what it received with the grant option', async () => {
    await share(false);
    const dev = await becomeAdmin();
    const toStudio = (Resource: any, Permissions: any[]) =>
      new GrantPermissionsCommand({
        Principal: principal(STUDIO_ROLE),
        Resource,
        Permissions,
      });
    const withoutOption = await errorOf(
      dev.lakeFormation.send(toStudio(salesTables(), ['SELECT'])),
    );
    expect(withoutOption.name).toBe('AccessDeniedException');
    expect(withoutOption.message).toBe(
      'Insufficient Lake Formation permission(s) on sales',
    );

    const lake = await share(true);
    await dev.lakeFormation.send(
      toStudio(salesTables(), ['SELECT', 'DESCRIBE']),
    );
    // Not to another account's principal, and not what was never shared.
    expect(
      (
        await errorOf(
          dev.lakeFormation.send(
            new GrantPermissionsCommand({
              Principal: principal(`arn:aws:iam::${DATA_LAKE}:role/x`),
              Resource: salesTables(),
              Permissions: ['SELECT'],
            }),
          ),
        )
      ).name,
    ).toBe('AccessDeniedException');
    expect(
      (
        await errorOf(
          dev.lakeFormation.send(toStudio(salesTables(), ['INSERT'])),
        )
      ).name,
    ).toBe('AccessDeniedException');
    // A non-administrator of the account cannot re-grant either.
    const studio = await as(CHURN_DEV, 'StudioExecution');
    expect(
      (
        await errorOf(
          studio.lakeFormation.send(toStudio(salesTables(), ['SELECT'])),
        )
      ).name,
    ).toBe('AccessDeniedException');

    const listed = await dev.lakeFormation.send(
      new ListPermissionsCommand({
        Principal: principal(STUDIO_ROLE),
        Resource: salesTables(),
      }),
    );
    expect(listed.PrincipalResourcePermissions).toEqual([
      {
        Principal: principal(STUDIO_ROLE),
        Resource: salesTables(),
        Permissions: ['SELECT', 'DESCRIBE'],
        PermissionsWithGrantOption: [],
      },
    ]);
    const received = await dev.lakeFormation.send(
      new ListPermissionsCommand({
        Principal: principal(CHURN_DEV),
        Resource: salesTables(),
      }),
    );
    expect(
      received.PrincipalResourcePermissions?.[0]?.PermissionsWithGrantOption,
    ).toEqual(['SELECT', 'DESCRIBE']);

    // The producer takes the grant back: the role's re-grant goes with it.
    await lake.send(
      new RevokePermissionsCommand({
        Principal: principal(CHURN_DEV),
        Resource: salesTables(),
        Permissions: ['SELECT', 'DESCRIBE'],
      }),
    );
    expect(
      emulator().state.lakePermissions.filter(p => p.principal === STUDIO_ROLE),
    ).toEqual([]);
  });
});
