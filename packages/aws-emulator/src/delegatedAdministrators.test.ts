import {
  DeregisterDelegatedAdministratorCommand,
  DisableAWSServiceAccessCommand,
  EnableAWSServiceAccessCommand,
  ListAWSServiceAccessForOrganizationCommand,
  ListAccountsCommand,
  ListDelegatedAdministratorsCommand,
  OrganizationsClient,
  RegisterDelegatedAdministratorCommand,
} from '@aws-sdk/client-organizations';
import {
  CreatePortfolioCommand,
  CreatePortfolioShareCommand,
  DisableAWSOrganizationsAccessCommand,
  EnableAWSOrganizationsAccessCommand,
  GetAWSOrganizationsAccessStatusCommand,
  ServiceCatalogClient,
} from '@aws-sdk/client-service-catalog';
import type { SeedDocument } from './seed.ts';
import { loadSeed } from './seedLoad.ts';
import type { RunningEmulator } from './server.ts';
import {
  clientConfig,
  errorOf,
  startTestEmulator,
} from './__testUtils__/emulator.ts';

// Sharing a portfolio with an OU (issue 41): only the management account or
// a delegated administrator for Service Catalog may, and only once Service
// Catalog's access to Organizations is enabled; account shares need neither.

const SERVICE_CATALOG = 'servicecatalog.amazonaws.com';
const SHARED_SERVICES = '333333333333';
const PROJECT_DEV = '444444444444';
const CLOSED = '555555555555';

const seed: SeedDocument = {
  accessKeys: {
    'emulator-management': 'Management',
    'shared-key': 'Team Shared Services',
    'project-key': 'churn-dev',
  },
  organizationalUnits: [
    {
      name: 'Workloads',
      accounts: [
        {
          name: 'Team Shared Services',
          email: 'tss@example.com',
          id: SHARED_SERVICES,
        },
      ],
      children: [
        {
          name: 'Workloads_Dev',
          accounts: [
            { name: 'churn-dev', email: 'dev@example.com', id: PROJECT_DEV },
          ],
        },
      ],
    },
    {
      name: 'Suspended',
      accounts: [
        {
          name: 'closed',
          email: 'closed@example.com',
          id: CLOSED,
          status: 'SUSPENDED',
        },
      ],
    },
  ],
};

describe('trusted access, delegated administrators and organization shares', () => {
  let emulator: RunningEmulator;
  let org: OrganizationsClient;
  let ouId: string;
  const catalogOf = (key = 'emulator-management') =>
    new ServiceCatalogClient(clientConfig(emulator, key));
  const orgOf = (key: string) =>
    new OrganizationsClient(clientConfig(emulator, key));

  beforeEach(async () => {
    ({ emulator, organizations: org } = await startTestEmulator({ seed }));
    ouId = [...emulator.state.ous.values()].find(
      o => o.name === 'Workloads_Dev',
    )!.id;
  });
  afterEach(() => emulator.close());

  const register = (AccountId: string, ServicePrincipal = SERVICE_CATALOG) =>
    org.send(
      new RegisterDelegatedAdministratorCommand({
        AccountId,
        ServicePrincipal,
      }),
    );

  /** A portfolio of the key's account, and a share of it with the OU. */
  async function shareWithOu(key: string) {
    const catalog = catalogOf(key);
    const { PortfolioDetail } = await catalog.send(
      new CreatePortfolioCommand({
        DisplayName: 'ML Platform',
        ProviderName: 'ML Platform Team',
        IdempotencyToken: 'portfolio-1',
      }),
    );
    const share = () =>
      catalog.send(
        new CreatePortfolioShareCommand({
          PortfolioId: PortfolioDetail!.Id,
          OrganizationNode: { Type: 'ORGANIZATIONAL_UNIT', Value: ouId },
        }),
      );
    const shareWithAccount = () =>
      catalog.send(
        new CreatePortfolioShareCommand({
          PortfolioId: PortfolioDetail!.Id,
          AccountId: PROJECT_DEV,
        }),
      );
    return { share, shareWithAccount, portfolioId: PortfolioDetail!.Id! };
  }

  it('refuses an OU share from a member account that is no delegated administrator, and allows it once registered', async () => {
    const { share, shareWithAccount } = await shareWithOu('shared-key');
    const refused = await errorOf(share());
    expect(refused.name).toBe('OperationNotSupportedException');
    expect(refused.message).toContain(
      "only the organization's management account or a delegated administrator for servicecatalog.amazonaws.com",
    );
    // Account-id shares need no organization rights.
    await expect(shareWithAccount()).resolves.toBeDefined();

    await catalogOf().send(new EnableAWSOrganizationsAccessCommand({}));
    // Access alone is not enough: the account must be delegated.
    expect((await errorOf(share())).name).toBe(
      'OperationNotSupportedException',
    );
    await register(SHARED_SERVICES);
    const { PortfolioShareToken } = await share();
    expect(PortfolioShareToken).toMatch(/^share-/);
    expect(
      emulator.state.portfolioShares.filter(s => s.target === ouId),
    ).toHaveLength(1);
  });

  it('refuses an OU share while Organizations access is off, from the management account and from a delegated administrator', async () => {
    const management = await shareWithOu('emulator-management');
    const off = await errorOf(management.share());
    expect(off.name).toBe('InvalidStateException');
    expect(off.message).toContain('AWSOrganizationsAccess must be enabled');

    await catalogOf().send(new EnableAWSOrganizationsAccessCommand({}));
    await expect(management.share()).resolves.toEqual(
      expect.objectContaining({
        PortfolioShareToken: expect.stringMatching(/^share-/),
      }),
    );

    // Turned off through Organizations (AWS advises against it), a
    // delegated administrator's share is refused again.
    await register(SHARED_SERVICES);
    const delegated = await shareWithOu('shared-key');
    await org.send(
      new DisableAWSServiceAccessCommand({ ServicePrincipal: SERVICE_CATALOG }),
    );
    expect((await errorOf(delegated.share())).name).toBe(
      'InvalidStateException',
    );
  });

  it('lets only the management account turn Service Catalog’s access on or off, and the administrators read it', async () => {
    const status = (key?: string) =>
      catalogOf(key).send(new GetAWSOrganizationsAccessStatusCommand({}));
    expect((await status()).AccessStatus).toBe('DISABLED');
    const member = await errorOf(
      catalogOf('shared-key').send(new EnableAWSOrganizationsAccessCommand({})),
    );
    expect(member.name).toBe('AccessDeniedException');
    expect((await errorOf(status('shared-key'))).name).toBe(
      'OperationNotSupportedException',
    );

    await catalogOf().send(new EnableAWSOrganizationsAccessCommand({}));
    // Service Catalog enables its trusted access in Organizations.
    const { EnabledServicePrincipals } = await org.send(
      new ListAWSServiceAccessForOrganizationCommand({}),
    );
    expect(EnabledServicePrincipals?.map(s => s.ServicePrincipal)).toEqual([
      SERVICE_CATALOG,
    ]);
    await register(SHARED_SERVICES);
    expect((await status('shared-key')).AccessStatus).toBe('ENABLED');
    // A delegated administrator may not turn it off, nor may the
    // management account while one is registered.
    expect(
      (
        await errorOf(
          catalogOf('shared-key').send(
            new DisableAWSOrganizationsAccessCommand({}),
          ),
        )
      ).name,
    ).toBe('AccessDeniedException');
    expect(
      (
        await errorOf(
          catalogOf().send(new DisableAWSOrganizationsAccessCommand({})),
        )
      ).name,
    ).toBe('InvalidStateException');
    await org.send(
      new DeregisterDelegatedAdministratorCommand({
        AccountId: SHARED_SERVICES,
        ServicePrincipal: SERVICE_CATALOG,
      }),
    );
    await catalogOf().send(new DisableAWSOrganizationsAccessCommand({}));
    expect((await status()).AccessStatus).toBe('DISABLED');
  });

  it('refuses to register the management account, a stranger, a suspended account, an untrusted service or a duplicate', async () => {
    const reasonOf = async (call: Promise<unknown>) => {
      const error = await errorOf(call);
      return [error.name, error.Reason];
    };
    await org.send(
      new EnableAWSServiceAccessCommand({ ServicePrincipal: SERVICE_CATALOG }),
    );
    expect(await reasonOf(register('111111111111'))).toEqual([
      'ConstraintViolationException',
      'CANNOT_REGISTER_MASTER_AS_DELEGATED_ADMINISTRATOR',
    ]);
    expect(await reasonOf(register('999999999999'))).toEqual([
      'AccountNotFoundException',
      undefined,
    ]);
    expect(await reasonOf(register(CLOSED))).toEqual([
      'ConstraintViolationException',
      'CANNOT_REGISTER_SUSPENDED_ACCOUNT_AS_DELEGATED_ADMINISTRATOR',
    ]);
    expect(
      await reasonOf(register(SHARED_SERVICES, 'securityhub.amazonaws.com')),
    ).toEqual(['ConstraintViolationException', 'SERVICE_ACCESS_NOT_ENABLED']);
    expect(
      await reasonOf(register(SHARED_SERVICES, 'nosuch.amazonaws.com')),
    ).toEqual(['InvalidInputException', 'UNRECOGNIZED_SERVICE_PRINCIPAL']);
    await register(SHARED_SERVICES);
    expect(await reasonOf(register(SHARED_SERVICES))).toEqual([
      'AccountAlreadyRegisteredException',
      undefined,
    ]);
    // Only the management account registers.
    expect(
      await reasonOf(
        orgOf('shared-key').send(
          new RegisterDelegatedAdministratorCommand({
            AccountId: PROJECT_DEV,
            ServicePrincipal: SERVICE_CATALOG,
          }),
        ),
      ),
    ).toEqual(['AccessDeniedException', undefined]);
    expect(
      await reasonOf(
        org.send(
          new DeregisterDelegatedAdministratorCommand({
            AccountId: PROJECT_DEV,
            ServicePrincipal: SERVICE_CATALOG,
          }),
        ),
      ),
    ).toEqual(['AccountNotRegisteredException', undefined]);
  });

  it('lists delegated administrators by service, a page at a time, to the management account and to them', async () => {
    for (const principal of [SERVICE_CATALOG, 'securityhub.amazonaws.com']) {
      await org.send(
        new EnableAWSServiceAccessCommand({ ServicePrincipal: principal }),
      );
    }
    await register(SHARED_SERVICES);
    await register(PROJECT_DEV, 'securityhub.amazonaws.com');

    const first = await org.send(
      new ListDelegatedAdministratorsCommand({ MaxResults: 1 }),
    );
    expect(first.DelegatedAdministrators).toHaveLength(1);
    const second = await org.send(
      new ListDelegatedAdministratorsCommand({
        MaxResults: 1,
        NextToken: first.NextToken,
      }),
    );
    expect(second.NextToken).toBeUndefined();
    expect(
      [...first.DelegatedAdministrators!, ...second.DelegatedAdministrators!]
        .map(a => a.Id)
        .sort(),
    ).toEqual([SHARED_SERVICES, PROJECT_DEV]);

    const forCatalog = await org.send(
      new ListDelegatedAdministratorsCommand({
        ServicePrincipal: SERVICE_CATALOG,
      }),
    );
    expect(forCatalog.DelegatedAdministrators).toEqual([
      expect.objectContaining({
        Id: SHARED_SERVICES,
        Name: 'Team Shared Services',
        State: 'ACTIVE',
        DelegationEnabledDate: expect.any(Date),
      }),
    ]);
    // A delegated administrator reads the organization; other members do not.
    await expect(
      orgOf('shared-key').send(new ListAccountsCommand({})),
    ).resolves.toBeDefined();
    await org.send(
      new DeregisterDelegatedAdministratorCommand({
        AccountId: PROJECT_DEV,
        ServicePrincipal: 'securityhub.amazonaws.com',
      }),
    );
    expect(
      (await errorOf(orgOf('project-key').send(new ListAccountsCommand({}))))
        .name,
    ).toBe('AccessDeniedException');
  });

  it('removes the organization shares a deregistered administrator made', async () => {
    await catalogOf().send(new EnableAWSOrganizationsAccessCommand({}));
    await register(SHARED_SERVICES);
    const { share, shareWithAccount, portfolioId } = await shareWithOu(
      'shared-key',
    );
    await share();
    await shareWithAccount();
    await org.send(
      new DeregisterDelegatedAdministratorCommand({
        AccountId: SHARED_SERVICES,
        ServicePrincipal: SERVICE_CATALOG,
      }),
    );
    expect(
      emulator.state.portfolioShares
        .filter(s => s.portfolioId === portfolioId)
        .map(s => s.type),
    ).toEqual(['ACCOUNT']);
    expect((await errorOf(share())).name).toBe(
      'OperationNotSupportedException',
    );
  });
});

describe('seeds', () => {
  const withCatalog = (organization: SeedDocument['organization']) =>
    loadSeed({
      ...seed,
      organization,
      serviceCatalog: [
        {
          account: 'Team Shared Services',
          portfolio: 'ML Platform',
          products: [],
          shareWith: ['Workloads/Workloads_Dev'],
        },
      ],
    });

  it('shares a portfolio with an OU only from a delegated administrator with access on', () => {
    expect(() => withCatalog({})).toThrow(
      "Seed shares portfolio 'ML Platform' of 'Team Shared Services' with Workloads/Workloads_Dev, which AWS refuses (OperationNotSupportedException",
    );
    expect(() =>
      withCatalog({
        trustedServices: [SERVICE_CATALOG],
        delegatedAdministrators: {
          [SERVICE_CATALOG]: ['Team Shared Services'],
        },
      }),
    ).not.toThrow();
  });

  it('registers delegated administrators through the API’s rules', () => {
    expect(() =>
      loadSeed({
        ...seed,
        organization: {
          delegatedAdministrators: {
            [SERVICE_CATALOG]: ['Team Shared Services'],
          },
        },
      }),
    ).toThrow(
      "Seed cannot make 'Team Shared Services' a delegated administrator for servicecatalog.amazonaws.com: You attempted to register a delegated administrator before you enabled service access",
    );
  });
});
