// The adopter's app at work: the guest signs in, the suite's templates are
// in the catalog, a sandbox project is provisioned through the scaffolder
// API, and its account is read back from the emulator with the AWS SDK.
import {
  DescribeOrganizationalUnitCommand,
  ListAccountsCommand,
  ListParentsCommand,
  OrganizationsClient,
  type Account,
} from '@aws-sdk/client-organizations';
import { waitFor } from '../lib/processes.ts';
import type { Check } from '../lib/report.ts';
import type { Project } from './guide.ts';

/** Returns the project's account (from the emulator), if it was made. */
export async function provisionSandbox({
  backendUrl,
  emulator,
  project,
  check,
}: {
  backendUrl: string;
  emulator: string;
  project: Project;
  check: Check;
}): Promise<Account | undefined> {
  const backend = (path: string) => `${backendUrl}${path}`;
  const signIn = () =>
    waitFor(async () => {
      const res = await fetch(backend('/api/auth/guest/refresh'), {
        method: 'POST',
      });
      return res.ok && ((await res.json()).backstageIdentity?.token as string);
    }, 60_000);
  let token = await signIn();
  check('the guest signs in through the auth backend', Boolean(token));
  // A response body of any route: its shape is open.
  const api = async (
    path: string,
    init: RequestInit = {},
  ): Promise<{ status: number; body: any }> => {
    const res = await fetch(backend(path), {
      ...init,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
      },
    });
    return {
      status: res.status,
      body: await res.json().catch(() => undefined),
    };
  };
  const template = await waitFor(
    async () =>
      (
        await api(
          '/api/catalog/entities/by-name/template/default/ml-sandbox-project',
        )
      ).status === 200,
    120_000,
  );
  check(
    'the templates reach the catalog through ml-templates/all.yaml',
    Boolean(template),
  );
  // Provisioning accepts only an owner group the user is in: the catalog
  // must have stitched the membership first.
  const [, group] = project.owner.split('/');
  const member = await waitFor(async () => {
    const { body } = await api(
      `/api/catalog/entities/by-name/group/default/${group}`,
    );
    return ((body?.relations ?? []) as any[]).some(
      r => r.type === 'hasMember' && r.targetRef === 'user:default/guest',
    );
  }, 120_000);
  check(
    "the adopter's catalog has the guest in the project's owner group",
    Boolean(member),
  );
  // A token carries the groups of its sign-in: sign in again now the catalog
  // knows them.
  token = await signIn();
  const snapshot = await waitFor(async () => {
    const { status, body } = await api('/api/ml-environments/organization');
    return status === 200 && JSON.stringify(body).includes('100000000010');
  }, 120_000);
  check(
    "the suite's backend reads the organization from the emulator",
    Boolean(snapshot),
  );

  const created = await api('/api/scaffolder/v2/tasks', {
    method: 'POST',
    body: JSON.stringify({
      templateRef: 'template:default/ml-sandbox-project',
      values: {
        project: project.name,
        description: project.description,
        owner: project.owner,
        costCenter: 'CC-4242',
        pattern: 'sandbox',
        spendingLimitUsd: 100,
        alertEmail: 'team-ml@example.com',
      },
    }),
  });
  check(
    'the scaffolder accepts the sandbox task',
    created.status === 201,
    `${created.status} ${JSON.stringify(created.body)}`,
  );
  const task = await waitFor(async () => {
    const { body } = await api(`/api/scaffolder/v2/tasks/${created.body?.id}`);
    return ['completed', 'failed', 'cancelled'].includes(body?.status) && body;
  }, 300_000);
  const events: any[] =
    (await api(`/api/scaffolder/v2/tasks/${created.body?.id}/events`)).body ??
    [];
  const errors = events
    .filter(e => e.body?.error)
    .map(e => e.body.error.message);
  check(
    'the sandbox task completes (provision, the skeleton fetched beside the template)',
    task?.status === 'completed',
    `${task?.status}: ${errors.join(' | ').slice(0, 600)}`,
  );

  // The emulator as the management account, through the AWS SDK.
  const organizations = new OrganizationsClient({
    region: 'us-east-1',
    endpoint: emulator,
    credentials: {
      accessKeyId: 'emulator-management',
      secretAccessKey: 'emulator-placeholder',
    },
  });
  const account = (
    await organizations.send(new ListAccountsCommand({}))
  ).Accounts?.find(a => a.Name === `${project.name}-sandbox`);
  let ou: string | false | undefined;
  if (account) {
    const { Parents } = await organizations.send(
      new ListParentsCommand({ ChildId: account.Id }),
    );
    ou =
      Parents?.[0].Type === 'ORGANIZATIONAL_UNIT' &&
      (
        await organizations.send(
          new DescribeOrganizationalUnitCommand({
            OrganizationalUnitId: Parents[0].Id,
          }),
        )
      ).OrganizationalUnit?.Name;
  }
  check(
    'the account exists in the emulated organization, active, in the Sandbox OU',
    account?.Status === 'ACTIVE' && ou === 'Sandbox',
    `${account?.Id} ${account?.Status} in ${ou}`,
  );
  // The next scheduled read of the organization brings the account in.
  const inView =
    account &&
    (await waitFor(async () => {
      const { status, body } = await api(
        `/api/ml-environments/projects/${project.name}`,
      );
      return status === 200 && JSON.stringify(body).includes(account.Id!);
    }, 90_000));
  check("the suite's status shows the project's account", Boolean(inView));
  return account;
}
