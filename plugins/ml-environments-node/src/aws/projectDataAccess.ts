/**
 * A data grant end to end, from the data lake's catalog to the roles that
 * run the project's notebooks.
 */
import {
  DescribeRecordCommand,
  paginateSearchProvisionedProducts,
} from '@aws-sdk/client-service-catalog';
import {
  DescribeUserProfileCommand,
  paginateListUserProfiles,
} from '@aws-sdk/client-sagemaker';
import type { MemberAccountClients, MlAwsClients } from '../clients';
import { allPages } from '../pages';
import {
  DataAccess,
  ensureDataAccessGranted,
  ensureDataAccessRevoked,
} from './lakeFormation';
import {
  ConsumerAccessState,
  ensureConsumerAccessGranted,
  ensureConsumerAccessRevoked,
  ensureDataLakeAdmin,
  readConsumerAccess,
} from './lakeFormationConsumer';
import { checkResourceLinkName } from './resourceLinks';

type StudioReader = Pick<
  MemberAccountClients,
  'accountId' | 'serviceCatalog' | 'sageMaker'
>;

/**
 * The roles that run the account's notebooks: each Studio product's default
 * execution role (its `ExecutionRoleArn` output) and the execution role of
 * each user profile of its domain that has one of its own, as AWS shows
 * them now. Only the account's own roles: Lake Formation re-grants to no
 * other.
 *
 * @public
 */
export async function studioExecutionRoles(
  member: StudioReader,
): Promise<string[]> {
  const provisioned = await allPages(
    paginateSearchProvisionedProducts({ client: member.serviceCatalog }, {}),
    page => page.ProvisionedProducts,
  );
  const roles = new Set<string>();
  for (const product of provisioned) {
    if (!product.LastRecordId) continue;
    const { RecordOutputs = [] } = await member.serviceCatalog.send(
      new DescribeRecordCommand({ Id: product.LastRecordId }),
    );
    const output = (key: string) =>
      RecordOutputs.find(o => o.OutputKey === key)?.OutputValue;
    const domainId = output('DomainId');
    const role = output('ExecutionRoleArn');
    // Studio products only: others' ExecutionRoleArn runs no notebook.
    if (!domainId || !role) continue;
    roles.add(role);
    const profiles = await allPages(
      paginateListUserProfiles(
        { client: member.sageMaker },
        { DomainIdEquals: domainId },
      ),
      page => page.UserProfiles,
    );
    for (const profile of profiles) {
      if (profile.Status === 'Deleting') continue;
      const described = await member.sageMaker.send(
        new DescribeUserProfileCommand({
          DomainId: domainId,
          UserProfileName: profile.UserProfileName,
        }),
      );
      const own = described.UserSettings?.ExecutionRole;
      if (own) roles.add(own);
    }
  }
  const prefix = new RegExp(`^arn:aws[\\w-]*:iam::${member.accountId}:role/`);
  return [...roles].filter(r => prefix.test(r)).sort();
}

/** What applying a grant left in the project account. @public */
export interface ProjectDataAccess {
  /** The resource link to query, e.g. `sales_link`. */
  link: string;
  /** The roles granted SELECT through it. */
  roles: string[];
}

/**
 * Applies a data grant end to end, each step looking before it changes:
 * the data lake grants the project account read-only access with grant
 * option; in the project account the suite's role is made a data lake
 * administrator (kept from provisioning, or set now for an account made
 * before), the resource link is made, and the Studio execution roles are
 * granted DESCRIBE on it and SELECT, DESCRIBE on the target's tables.
 *
 * @public
 */
export async function grantProjectDataAccess(
  clients: Pick<MlAwsClients, 'forAccount'>,
  access: DataAccess,
): Promise<ProjectDataAccess> {
  const member = await clients.forAccount(access.accountId);
  // A link name taken by anything else is refused before any change.
  await checkResourceLinkName(member.glue, access);
  const lake = await clients.forAccount(access.catalogId);
  await ensureDataAccessGranted(lake.lakeFormation, access);
  await ensureDataLakeAdmin(member.lakeFormation, member.roleArn);
  const roles = await studioExecutionRoles(member);
  const { link } = await ensureConsumerAccessGranted(member, access, roles);
  return { link, roles };
}

/**
 * Takes a data grant away end to end: the roles' grants and the link in
 * the project account first, then the data lake's grant to the account
 * (offboarding revokes a retiring project's grants before it suspends its
 * accounts, so the account can still be entered).
 *
 * @public
 */
export async function revokeProjectDataAccess(
  clients: Pick<MlAwsClients, 'forAccount'>,
  access: DataAccess,
): Promise<void> {
  const member = await clients.forAccount(access.accountId);
  await ensureConsumerAccessRevoked(member, access);
  const lake = await clients.forAccount(access.catalogId);
  await ensureDataAccessRevoked(lake.lakeFormation, access);
}

/**
 * What the project account holds now of an active grant: the link and the
 * Studio roles' grants, without changing anything.
 *
 * @public
 */
export async function readProjectDataAccess(
  clients: Pick<MlAwsClients, 'forAccount'>,
  access: DataAccess,
): Promise<ConsumerAccessState> {
  const member = await clients.forAccount(access.accountId);
  const roles = await studioExecutionRoles(member);
  return readConsumerAccess(member, access, roles);
}
