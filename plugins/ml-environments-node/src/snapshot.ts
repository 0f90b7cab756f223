import {
  ConfigServiceClient,
  paginateDescribeAggregateComplianceByConfigRules,
  NoSuchConfigurationAggregatorException,
} from '@aws-sdk/client-config-service';
import {
  DescribeOrganizationCommand,
  DescribePolicyCommand,
  OrganizationsClient,
  paginateListAccountsForParent,
  paginateListOrganizationalUnitsForParent,
  paginateListPolicies,
  paginateListTargetsForPolicy,
} from '@aws-sdk/client-organizations';
import {
  DescribeRecordCommand,
  paginateSearchProvisionedProducts,
} from '@aws-sdk/client-service-catalog';
import { readOrganizationTags } from './tags';
import { allPages } from './pages';
import {
  ACCOUNT_TAGS,
  OrganizationSnapshot,
  SnapshotAccount,
  SnapshotCompliance,
  SnapshotControl,
  SnapshotOu,
  SnapshotPolicy,
  SnapshotProduct,
  SnapshotSection,
  StaleSection,
} from '@mlgov/plugin-ml-environments-common';
import { MlAwsClients } from './clients';
import { getRootIdOf } from './organizationRoot';

const CONTROL_RULE_PREFIX = 'AWSControlTower_';

async function readTree(client: OrganizationsClient, rootId: string) {
  const ous: SnapshotOu[] = [];
  const accounts: Array<Omit<SnapshotAccount, 'tags'>> = [];
  // One ListOrganizationalUnitsForParent and one ListAccountsForParent per
  // parent: far fewer calls than ListParents per account.
  const queue: Array<{ id: string; path: string }> = [{ id: rootId, path: '' }];
  while (queue.length > 0) {
    const parent = queue.shift()!;
    for await (const page of paginateListOrganizationalUnitsForParent(
      { client },
      { ParentId: parent.id },
    )) {
      for (const ou of page.OrganizationalUnits ?? []) {
        const path = parent.path ? `${parent.path}/${ou.Name}` : ou.Name!;
        ous.push({
          id: ou.Id!,
          arn: ou.Arn!,
          name: ou.Name!,
          parentId: parent.id,
          path,
        });
        queue.push({ id: ou.Id!, path });
      }
    }
    for await (const page of paginateListAccountsForParent(
      { client },
      { ParentId: parent.id },
    )) {
      for (const account of page.Accounts ?? []) {
        accounts.push({
          id: account.Id!,
          name: account.Name!,
          email: account.Email!,
          parentId: parent.id,
          // AWS retired Status for State on 9 September 2026.
          status: account.State ?? account.Status,
        });
      }
    }
  }
  return { ous, accounts };
}

async function readPolicies(
  client: OrganizationsClient,
): Promise<SnapshotPolicy[]> {
  const policies: SnapshotPolicy[] = [];
  for await (const page of paginateListPolicies(
    { client },
    { Filter: 'SERVICE_CONTROL_POLICY' },
  )) {
    for (const summary of page.Policies ?? []) {
      // Targets per policy: one call per policy instead of one per target.
      const targets: string[] = [];
      for await (const targetPage of paginateListTargetsForPolicy(
        { client },
        { PolicyId: summary.Id },
      )) {
        targets.push(...(targetPage.Targets ?? []).map(t => t.TargetId!));
      }
      const { Policy } = await client.send(
        new DescribePolicyCommand({ PolicyId: summary.Id }),
      );
      policies.push({
        id: summary.Id!,
        name: summary.Name!,
        awsManaged: Boolean(summary.AwsManaged),
        content: Policy?.Content ?? '',
        targets,
      });
    }
  }
  return policies;
}

async function readCompliance(
  client: ConfigServiceClient,
  aggregatorName: string,
): Promise<{
  compliance: SnapshotCompliance[];
  unavailable?: string;
}> {
  const compliance: SnapshotCompliance[] = [];
  try {
    for await (const page of paginateDescribeAggregateComplianceByConfigRules(
      { client },
      { ConfigurationAggregatorName: aggregatorName },
    )) {
      for (const rule of page.AggregateComplianceByConfigRules ?? []) {
        if (!rule.ConfigRuleName?.startsWith(CONTROL_RULE_PREFIX)) continue;
        compliance.push({
          accountId: rule.AccountId!,
          controlId: rule.ConfigRuleName.slice(CONTROL_RULE_PREFIX.length),
          compliance: (rule.Compliance?.ComplianceType ??
            'INSUFFICIENT_DATA') as SnapshotCompliance['compliance'],
          nonCompliantResources:
            rule.Compliance?.ComplianceContributorCount?.CappedCount ?? 0,
        });
      }
    }
  } catch (error) {
    // Not "no findings": say that nothing could be read, and why.
    if (error instanceof NoSuchConfigurationAggregatorException) {
      return {
        compliance: [],
        unavailable: `the AWS Config aggregator ${aggregatorName} does not exist in the management account; set mlEnvironments.aws.configAggregatorName to your landing zone's`,
      };
    }
    throw error;
  }
  return { compliance };
}

async function readProducts(
  clients: Pick<MlAwsClients, 'forAccount'>,
  accountId: string,
) {
  const { serviceCatalog } = await clients.forAccount(accountId);
  const provisioned = await allPages(
    paginateSearchProvisionedProducts({ client: serviceCatalog }, {}),
    page => page.ProvisionedProducts,
  );
  const products: SnapshotProduct[] = [];
  for (const product of provisioned) {
    const record = product.LastRecordId
      ? await serviceCatalog.send(
          new DescribeRecordCommand({ Id: product.LastRecordId }),
        )
      : undefined;
    products.push({
      accountId,
      name: product.Name!,
      status: product.Status ?? 'UNKNOWN',
      outputs: Object.fromEntries(
        (record?.RecordOutputs ?? []).map(o => [
          o.OutputKey!,
          o.OutputValue ?? '',
        ]),
      ),
    });
  }
  return products;
}

/** Which OUs Control Tower registered, and where accounts wait to be enrolled. */
async function readRegistration(
  clients: Pick<MlAwsClients, 'controlTower'>,
  ous: SnapshotOu[],
): Promise<{
  landingZone?: OrganizationSnapshot['landingZone'];
  byOu: Map<string, SnapshotOu['controlTower']>;
}> {
  const controlTower = await clients.controlTower();
  const landingZoneArn = await controlTower.findLandingZone();
  if (!landingZoneArn) return { byOu: new Map() };
  const landingZone = await controlTower.getLandingZone(landingZoneArn);
  const registrationArn = (await controlTower.listBaselines()).find(
    b => b.name === 'AWSControlTowerBaseline',
  )?.arn;
  const enabled = (await controlTower.listEnabledBaselines()).filter(
    b => b.baselineIdentifier === registrationArn,
  );
  return {
    landingZone: {
      arn: landingZone.arn,
      version: landingZone.version,
      drifted: landingZone.driftStatus?.status === 'DRIFTED',
    },
    byOu: new Map(
      ous.map(ou => {
        const baseline = enabled.find(b => b.targetIdentifier === ou.arn);
        return [
          ou.id,
          {
            registered: baseline?.statusSummary?.status === 'SUCCEEDED',
            unenrolledAccounts:
              baseline?.driftStatusSummary?.types?.inheritance?.status ===
              'DRIFTED',
          },
        ];
      }),
    ),
  };
}

/**
 * Reads the organization: OU tree, accounts and tags, SCPs and targets,
 * enabled controls with status and drift, Config compliance of Control
 * Tower's detective controls, and the products provisioned in project accounts.
 *
 * @public
 */
export async function readOrganizationSnapshot(
  clients: Pick<
    MlAwsClients,
    | 'organizations'
    | 'controlTower'
    | 'managementConfig'
    | 'forAccount'
    | 'awsConfig'
  >,
  /** The latest snapshot: its sections stand in for ones AWS fails to give. */
  previous?: OrganizationSnapshot,
): Promise<OrganizationSnapshot> {
  const takenAt = new Date().toISOString();
  const stale: StaleSection[] = [];
  /**
   * Reads one section (each call already retried by the SDK); if it still
   * fails, keeps the previous snapshot's, or fails the refresh without one.
   */
  async function section<T>(
    name: SnapshotSection,
    read: () => Promise<T>,
    kept: (previous: OrganizationSnapshot) => T,
  ): Promise<T> {
    try {
      return await read();
    } catch (error) {
      if (!previous) throw error;
      const earlier = previous.stale?.find(s => s.section === name);
      stale.push({
        section: name,
        reason: (error as Error).message,
        since: earlier?.since ?? previous.takenAt,
      });
      return kept(previous);
    }
  }

  const org = await clients.organizations();
  const tree = await section(
    'tree',
    async () => {
      const { Organization } = await org.send(
        new DescribeOrganizationCommand({}),
      );
      const rootId = await getRootIdOf(org);
      return {
        organizationId: Organization?.Id ?? '',
        rootId,
        ...(await readTree(org, rootId)),
      };
    },
    p => ({
      organizationId: p.organizationId,
      rootId: p.rootId,
      ous: p.ous,
      accounts: p.accounts,
    }),
  );
  const registration = await section(
    'registration',
    () => readRegistration(clients, tree.ous),
    p => ({
      landingZone: p.landingZone,
      byOu: new Map(p.ous.map(o => [o.id, o.controlTower])),
    }),
  );
  const ous = tree.ous.map(ou => ({
    ...ou,
    ...(registration.byOu.get(ou.id)
      ? { controlTower: registration.byOu.get(ou.id) }
      : {}),
  }));
  const tagsById = await section(
    'tags',
    async () => {
      const tags = new Map<string, Record<string, string>>();
      for (const account of tree.accounts) {
        tags.set(account.id, await readOrganizationTags(org, account.id));
      }
      return tags;
    },
    p => new Map(p.accounts.map(a => [a.id, a.tags])),
  );
  const accounts: SnapshotAccount[] = tree.accounts.map(
    ({ id, name, email, parentId, status }) => ({
      id,
      name,
      email,
      parentId,
      tags: tagsById.get(id) ?? {},
      ...(status ? { status } : {}),
    }),
  );
  const policies = await section(
    'policies',
    () => readPolicies(org),
    p => p.policies,
  );
  const controls = await section(
    'controls',
    async () => {
      const controlTower = await clients.controlTower();
      const read: SnapshotControl[] = [];
      for (const ou of tree.ous) {
        // Controls live only on registered OUs.
        if (ou.id && registration.byOu.get(ou.id)?.registered === false) {
          continue;
        }
        for (const control of await controlTower.listEnabledControls(ou.arn)) {
          read.push({
            controlId: control.controlIdentifier.split('/').pop()!,
            ouId: ou.id,
            status: control.statusSummary?.status ?? 'SUCCEEDED',
            driftStatus: control.driftStatusSummary?.driftStatus ?? 'UNKNOWN',
          });
        }
      }
      return read;
    },
    p => p.controls,
  );
  const compliance = await section(
    'compliance',
    async () =>
      readCompliance(
        await clients.managementConfig(),
        clients.awsConfig.configAggregatorName,
      ),
    p => ({
      compliance: p.compliance,
      unavailable: p.complianceUnavailable,
    }),
  );
  const products = await section(
    'products',
    async () => {
      const read: SnapshotProduct[] = [];
      for (const account of accounts.filter(
        a => a.tags[ACCOUNT_TAGS.project],
      )) {
        read.push(...(await readProducts(clients, account.id)));
      }
      return read;
    },
    p => p.products,
  );

  return {
    takenAt,
    organizationId: tree.organizationId,
    rootId: tree.rootId,
    ous,
    accounts,
    ...(registration.landingZone
      ? { landingZone: registration.landingZone }
      : {}),
    policies,
    controls,
    compliance: compliance.compliance,
    ...(compliance.unavailable
      ? { complianceUnavailable: compliance.unavailable }
      : {}),
    products,
    ...(stale.length > 0 ? { stale } : {}),
  };
}
