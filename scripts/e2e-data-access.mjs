// End-to-end checks of data-lake access in the running dev app: the dev
// template's datasets are granted at once (self-service), a request through
// ml-request-data-access waits for a data owner (ada, of the platform team),
// whom neither the requester nor another team can stand in for; then Lake
// Formation in the Data Lake account (read through the SDK) holds exactly
// the approved grants, and a revocation takes one away again.
import { ListPermissionsCommand } from '@aws-sdk/client-lakeformation';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { LakeFormationClient } from '@aws-sdk/client-lakeformation';

export const DATA_LAKE = '100000000011';
const PROJECT = 'churn-prediction';

/** The databases Lake Formation lets the account read (SELECT on all tables). */
export async function readableDatabases(emulator, accountId) {
  const options = {
    region: 'us-east-1',
    endpoint: emulator,
    credentials: {
      accessKeyId: 'emulator-management',
      secretAccessKey: 'emulator-placeholder',
    },
    maxAttempts: 10,
  };
  const { Credentials } = await new STSClient(options).send(
    new AssumeRoleCommand({
      RoleArn: `arn:aws:iam::${DATA_LAKE}:role/OrganizationAccountAccessRole`,
      RoleSessionName: 'e2e',
    }),
  );
  const lakeFormation = new LakeFormationClient({
    ...options,
    credentials: {
      accessKeyId: Credentials.AccessKeyId,
      secretAccessKey: Credentials.SecretAccessKey,
      sessionToken: Credentials.SessionToken,
    },
  });
  const { PrincipalResourcePermissions = [] } = await lakeFormation.send(
    new ListPermissionsCommand({
      Principal: { DataLakePrincipalIdentifier: accountId },
      MaxResults: 1000,
    }),
  );
  return PrincipalResourcePermissions.filter(
    p => p.Resource?.Table?.TableWildcard && p.Permissions?.includes('SELECT'),
  )
    .map(p => p.Resource.Table.DatabaseName)
    .sort();
}

export async function dataAccessChecks({
  api,
  runTemplate,
  emulator,
  check,
  ada,
  mallory,
  devProject,
}) {
  const dev = async project =>
    (
      await api(`/api/ml-environments/projects/${project}/record`)
    ).body?.accounts?.find(a => a.stage === 'dev')?.accountId;

  const created = await dev(devProject);
  const { body: createdGrants } = await api(
    `/api/ml-environments/data-grants?project=${devProject}`,
  );
  const createdReads = created
    ? await readableDatabases(emulator, created)
    : [];
  check(
    `data access: the dev template's datasets are granted to ${devProject}'s dev account at once (self-service), in Lake Formation`,
    JSON.stringify(createdReads) === JSON.stringify(['sales', 'stores']) &&
      createdGrants?.items?.every(g => g.state === 'active'),
    `reads ${JSON.stringify(createdReads)}; grants ${JSON.stringify(
      createdGrants?.items?.map(g => [g.database, g.state]),
    )}`,
  );

  const churnDev = await dev(PROJECT);
  const run = await runTemplate('ml-request-data-access', {
    project: PROJECT,
    stage: 'dev',
    databases: ['customers', 'web_events'],
    reason: 'Churn labels and sessions for the next model',
  });
  const { body: asked } = await api(
    `/api/ml-environments/data-grants?project=${PROJECT}&state=pending`,
  );
  const pending = asked?.items ?? [];
  const readsBefore = await readableDatabases(emulator, churnDev);
  const decide = (grant, verb, as) =>
    api(
      `/api/ml-environments/data-grants/${grant.id}/${verb}`,
      { method: 'POST', body: '{}' },
      as,
    );
  const refusals = [];
  for (const as of [undefined, mallory]) {
    refusals.push(
      (await decide(pending[0] ?? { id: 'none' }, 'approve', as)).status,
    );
  }
  check(
    'data access: a request waits for a data owner; neither the requester nor another team may approve it, and nothing is granted meanwhile',
    run.status === 'completed' &&
      pending
        .map(g => g.database)
        .sort()
        .join(',') === 'customers,web_events' &&
      refusals.every(s => s === 403) &&
      !readsBefore.includes('customers'),
    `${run.status} ${run.errors?.join('; ') ?? ''}; pending ${pending.map(
      g => g.database,
    )}; approvals refused ${refusals}; reads ${readsBefore}`,
  );
  if (pending.length < 2) return;

  const approvals = [];
  for (const grant of pending) {
    approvals.push((await decide(grant, 'approve', ada)).status);
  }
  const readsApproved = await readableDatabases(emulator, churnDev);
  const webEvents = pending.find(g => g.database === 'web_events');
  const revoked = await decide(webEvents, 'revoke');
  const readsAfter = await readableDatabases(emulator, churnDev);
  check(
    'data access: a data owner approves and Lake Formation grants; the owner group ends one and Lake Formation revokes it',
    approvals.every(s => s === 200) &&
      readsApproved.includes('customers') &&
      readsApproved.includes('web_events') &&
      revoked.status === 200 &&
      readsAfter.includes('customers') &&
      !readsAfter.includes('web_events'),
    `approvals ${approvals}; reads after approval ${readsApproved}; revoke ${revoked.status}; reads after ${readsAfter}`,
  );
}
