/** The reads a snapshot is made of, shared by full and incremental refreshes. */
import {
  ConfigServiceClient,
  GetAggregateComplianceDetailsByConfigRuleCommand,
  paginateDescribeAggregateComplianceByConfigRules,
  NoSuchConfigurationAggregatorException,
} from '@aws-sdk/client-config-service';
import {
  AccountNotFoundException,
  DescribeAccountCommand,
  ListParentsCommand,
  OrganizationsClient,
  type Account,
  type OrganizationalUnit,
  paginateListAccountsForParent,
  paginateListOrganizationalUnitsForParent,
} from '@aws-sdk/client-organizations';
import { readOrganizationTags } from './tags';
import { concurrencyLimit } from './concurrency';
import { allPages } from './pages';
import {
  OrganizationSnapshot,
  SnapshotAccount,
  SnapshotCompliance,
  SnapshotControl,
  SnapshotOu,
} from '@mlgov/plugin-ml-environments-common';
import { MlAwsClients } from './clients';
import { EnabledControlStatus } from './aws/controlTowerRest';

const CONTROL_RULE_PREFIX = 'AWSControlTower_';

/** An account's state in Organizations: AWS retired Status for State on 9 September 2026. */
export function accountStatusOf(account: {
  State?: string;
  Status?: string;
}): string | undefined {
  return account.State ?? account.Status;
}

/** A control as ListEnabledControls lists it, on the OU it is enabled on. */
export function snapshotControlOf(
  control: EnabledControlStatus,
  ouId: string,
): SnapshotControl {
  return {
    controlId: control.controlIdentifier.split('/').pop()!,
    ouId,
    status: control.statusSummary?.status ?? 'SUCCEEDED',
    driftStatus: control.driftStatusSummary?.driftStatus ?? 'UNKNOWN',
  };
}

/**
 * The OU tree with every account in its OU: one ListOrganizationalUnitsForParent
 * and one ListAccountsForParent per parent (far fewer calls than ListParents
 * per account). Each parent is read as soon as it is found, `concurrency`
 * at a time; the result lists them breadth first, as a serial read would.
 */
export async function readTree(
  client: OrganizationsClient,
  rootId: string,
  concurrency = 1,
  /** Called after each parent is read, with the tree read so far. */
  onProgress?: (soFar: () => ReturnType<typeof assembleTree>) => void,
) {
  const limit = concurrencyLimit(concurrency);
  const read: TreeReads = new Map();
  const visit = async (parentId: string): Promise<void> => {
    const [children, own] = await limit(() =>
      Promise.all([
        allPages(
          paginateListOrganizationalUnitsForParent(
            { client },
            { ParentId: parentId },
          ),
          page => page.OrganizationalUnits,
        ),
        allPages(
          paginateListAccountsForParent({ client }, { ParentId: parentId }),
          page => page.Accounts,
        ),
      ]),
    );
    read.set(parentId, { children, own });
    onProgress?.(() => assembleTree(read, rootId));
    await Promise.all(children.map(ou => visit(ou.Id!)));
  };
  await visit(rootId);
  return assembleTree(read, rootId);
}

type TreeReads = Map<
  string,
  { children: OrganizationalUnit[]; own: Account[] }
>;

/**
 * The OUs and accounts of the parents read so far, breadth first: an OU
 * found but not yet read is listed without its accounts, so every account
 * listed has its whole OU path.
 */
function assembleTree(read: TreeReads, rootId: string) {
  const ous: SnapshotOu[] = [];
  const accounts: Array<Omit<SnapshotAccount, 'tags'>> = [];
  const queue: Array<{ id: string; path: string }> = [{ id: rootId, path: '' }];
  while (queue.length > 0) {
    const parent = queue.shift()!;
    const entry = read.get(parent.id);
    if (!entry) continue;
    for (const ou of entry.children) {
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
    for (const account of entry.own) {
      accounts.push({
        id: account.Id!,
        name: account.Name!,
        email: account.Email!,
        parentId: parent.id,
        status: accountStatusOf(account),
      });
    }
  }
  return { ous, accounts };
}

export { readPolicies, readPolicy } from './snapshotPolicies';

export async function readCompliance(
  client: ConfigServiceClient,
  aggregatorName: string,
  /** Only this account's rules; all accounts' otherwise. */
  accountId?: string,
): Promise<{
  compliance: SnapshotCompliance[];
  unavailable?: string;
}> {
  const compliance: SnapshotCompliance[] = [];
  try {
    for await (const page of paginateDescribeAggregateComplianceByConfigRules(
      { client },
      {
        ConfigurationAggregatorName: aggregatorName,
        ...(accountId ? { Filters: { AccountId: accountId } } : {}),
      },
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

/** At most this many failing resources are named per control and account. */
const MAX_RESOURCES_NAMED = 10;

/**
 * The resources AWS Config finds violating a Control Tower control in one
 * account (the first ten), read through the organization's aggregator, so
 * a view can name the bucket to fix rather than a count.
 *
 * @public
 */
export async function readNonCompliantResources(
  client: ConfigServiceClient,
  options: {
    aggregatorName: string;
    region: string;
    accountId: string;
    controlId: string;
  },
): Promise<Array<{ type: string; id: string }>> {
  const { AggregateEvaluationResults } = await client.send(
    new GetAggregateComplianceDetailsByConfigRuleCommand({
      ConfigurationAggregatorName: options.aggregatorName,
      ConfigRuleName: `${CONTROL_RULE_PREFIX}${options.controlId}`,
      AccountId: options.accountId,
      AwsRegion: options.region,
      ComplianceType: 'NON_COMPLIANT',
      Limit: MAX_RESOURCES_NAMED,
    }),
  );
  return (AggregateEvaluationResults ?? []).map(r => {
    const q = r.EvaluationResultIdentifier?.EvaluationResultQualifier;
    return { type: q?.ResourceType ?? '', id: q?.ResourceId ?? '' };
  });
}

/** Which OUs Control Tower registered, and where accounts wait to be enrolled. */
export async function readRegistration(
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

/** One account, its parent and tags; undefined when it left the organization. */
export async function readAccount(
  client: OrganizationsClient,
  accountId: string,
): Promise<SnapshotAccount | undefined> {
  let account;
  try {
    ({ Account: account } = await client.send(
      new DescribeAccountCommand({ AccountId: accountId }),
    ));
  } catch (error) {
    if (error instanceof AccountNotFoundException) return undefined;
    throw error;
  }
  const { Parents } = await client.send(
    new ListParentsCommand({ ChildId: accountId }),
  );
  const status = account && accountStatusOf(account);
  return {
    id: accountId,
    name: account?.Name ?? accountId,
    email: account?.Email ?? '',
    parentId: Parents?.[0]?.Id ?? '',
    tags: await readOrganizationTags(client, accountId),
    ...(status ? { status } : {}),
  };
}
