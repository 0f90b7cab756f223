// What the suite's backend makes of the demo organization: the status
// snapshot and its seeded drift, Studio's presigned URL, the accounts in the
// catalog, a dry run of a whole project, TechDocs, and no anonymous calls.
import { readFileSync } from 'node:fs';
import type { Check } from '../lib/report.ts';
import { BACKEND, EMULATOR } from '../lib/stack.ts';
import { scaffolderDryRun } from './dryRun.ts';
import { waitUntil } from './stack.ts';

type Organization = {
  organizationId?: string;
  loading?: unknown[];
  root: { state: string };
};
type Calls = { calls?: Record<string, number> };

export async function checkStatus(
  check: Check,
  auth: Record<string, string>,
): Promise<void> {
  // The status backend refreshes its snapshot of the emulator shortly after
  // start, publishing it stage by stage: wait until nothing is loading.
  let organization: Organization | undefined;
  await waitUntil(
    'the first complete organization snapshot',
    async () => {
      const response = await fetch(
        `${BACKEND}/api/ml-environments/organization`,
        {
          headers: auth,
        },
      );
      organization = response.ok
        ? ((await response.json()) as Organization)
        : undefined;
      return Boolean(organization) && !organization?.loading?.length;
    },
    120_000,
  );
  const snapshot = organization as Organization | undefined;
  check(
    'the status backend reports the demo organization',
    snapshot?.organizationId === 'o-demoorg0001' &&
      snapshot?.root.state === 'missing',
    `state ${snapshot?.root.state}`,
  );
  const churn = (await fetch(
    `${BACKEND}/api/ml-environments/projects/churn-prediction`,
    {
      headers: auth,
    },
  ).then(r => (r.ok ? r.json() : {}))) as {
    accounts?: { stage: string; state: string }[];
  };
  check(
    "the status backend finds the seeded drift in churn-prediction's accounts",
    churn.accounts?.map(a => `${a.stage}:${a.state}`).join(',') ===
      'dev:ok,preprod:missing,prod:drifted,automation:ok',
    churn.accounts?.map(a => `${a.stage}:${a.state}`).join(','),
  );
  const studio = (await fetch(
    `${BACKEND}/api/ml-environments/projects/churn-prediction/studio-url`,
    { method: 'POST', headers: auth },
  ).then(r => (r.ok ? r.json() : {}))) as { url?: string };
  check(
    "the guest, in the project's team, gets a presigned Studio URL that the log does not show",
    /\/_studio\/d-[a-z0-9]+\/auth\?token=/.test(studio.url ?? '') &&
      !readFileSync('.ci-out/dev.log', 'utf8').includes(studio.url!),
  );

  // The catalog module turns the snapshot's accounts into Resources.
  let parts: string[] = [];
  await waitUntil(
    'the AWS accounts in the catalog',
    async () => {
      const system = (await fetch(
        `${BACKEND}/api/catalog/entities/by-name/system/default/churn-prediction`,
        { headers: auth },
      ).then(r => r.json())) as {
        relations?: { type: string; targetRef: string }[];
      };
      parts = (system.relations ?? [])
        .filter(r => r.type === 'hasPart')
        .map(r => r.targetRef)
        .sort();
      return parts.length > 0;
    },
    120_000,
  );
  check(
    "the catalog holds churn-prediction's four AWS accounts as Resources of its System",
    parts.join(',') ===
      ['200000000011', '200000000012', '200000000013', '200000000014']
        .map(id => `resource:default/aws-account-${id}`)
        .join(','),
    parts.join(','),
  );

  // The composite action plans a whole project in a dry run, with no change.
  const callsBefore = (await fetch(`${EMULATOR}/_emulator/calls`).then(r =>
    r.json(),
  )) as Calls;
  const { status: projectStatus, body: projectBody } = await scaffolderDryRun(
    BACKEND,
    auth,
    'smoke-project',
    {
      id: 'provision',
      name: 'Provision',
      action: 'aws:ml:provisionProject',
      input: {
        pattern: 'mlops',
        project: 'smoke-test',
        owner: 'group:default/team-churn',
        costCenter: 'CC-0000',
      },
    },
    { accounts: '${{ steps.provision.output.layout.accounts | length }}' },
  );
  const callsAfter = (await fetch(`${EMULATOR}/_emulator/calls`).then(r =>
    r.json(),
  )) as Calls;
  const mutating = Object.keys(callsAfter.calls ?? {}).filter(
    op =>
      /:(Create|Attach|Move|Tag|Enable|Update|Provision|Accept|Associate)/.test(
        op,
      ) && callsAfter.calls![op] !== (callsBefore.calls ?? {})[op],
  );
  check(
    'a dry run of aws:ml:provisionProject plans four accounts and changes nothing',
    String(projectBody.output?.accounts) === '4' && mutating.length === 0,
    `status ${projectStatus}, accounts ${
      projectBody.output?.accounts
    }, mutating ${mutating.join(',') || 'none'}`,
  );

  // TechDocs builds the suite's own docs (mkdocs.yml at the root) locally.
  const sync = await fetch(
    `${BACKEND}/api/techdocs/sync/default/component/ml-environments-suite`,
    { headers: auth },
  );
  const syncEvents = await sync.text();
  const page = await fetch(
    `${BACKEND}/api/techdocs/static/docs/default/component/ml-environments-suite/architecture/index.html`,
    { headers: auth },
  );
  check(
    "TechDocs builds the suite's docs",
    syncEvents.includes('event: finish') &&
      page.ok &&
      (await page.text()).includes('From a template to AWS'),
    `sync ${sync.status}, page ${page.status}`,
  );

  const anonymous = await fetch(`${BACKEND}/api/ml-environments/organization`);
  check(
    'ml-environments backend refuses anonymous calls',
    anonymous.status === 401,
    `status ${anonymous.status}`,
  );
}
