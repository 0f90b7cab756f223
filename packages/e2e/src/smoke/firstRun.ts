// The newcomer's first command, `npm run dev`: the backend and the frontend
// answer, the guest signs in into the example team, the seeded catalog, the
// AWS emulator and the suite's scaffolder action reaching it.
import {
  BACKEND,
  EMULATOR,
  FRONTEND,
  bearer,
  guestSignIn,
  type BackstageIdentity,
} from '../lib/stack.ts';
import type { Check } from '../lib/report.ts';
import { scaffolderDryRun } from './dryRun.ts';
import { waitUntil } from './stack.ts';

/** A catalog entity, as far as the smoke test reads it. */
type Entity = {
  kind: string;
  metadata: { name: string; annotations?: Record<string, string> };
};

/** What the later stages need of the first run. */
export type FirstRun = {
  frontendUp: boolean;
  identity: BackstageIdentity | undefined;
  auth: Record<string, string>;
};

export async function checkFirstRun(check: Check): Promise<FirstRun> {
  const backendUp = await waitUntil(
    'the backend',
    async () => (await fetch(`${BACKEND}/.backstage/health/v1/readiness`)).ok,
    600_000,
  );
  check('backend answers on :7007', backendUp);

  const frontendUp = await waitUntil(
    'the frontend',
    async () => (await (await fetch(FRONTEND)).text()).includes('id="root"'),
    600_000,
  );
  check('frontend serves the app on :3000', frontendUp);
  if (frontendUp) {
    const html = await (await fetch(FRONTEND)).text();
    const scripts = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map(
      m => m[1],
    );
    const bundles = await Promise.all(
      scripts.map(async src => (await fetch(new URL(src, FRONTEND))).status),
    );
    check(
      'frontend bundles load',
      scripts.length > 0 && bundles.every(s => s === 200),
      `${scripts.length} scripts, statuses ${bundles.join(',')}`,
    );
  }

  let identity = await guestSignIn(BACKEND);
  check('guest sign-in gives a token', Boolean(identity?.token));

  // The catalog reads its file locations shortly after start.
  let project: Entity | undefined;
  await waitUntil(
    'the seeded catalog',
    async () => {
      const entities = (await (
        await fetch(`${BACKEND}/api/catalog/entities`, {
          headers: bearer(identity?.token),
        })
      ).json()) as Entity[];
      project = entities.find(
        e => e.kind === 'System' && e.metadata.name === 'churn-prediction',
      );
      return Boolean(project) && entities.some(e => e.kind === 'User');
    },
    60_000,
  );
  // Group membership is resolved at sign-in, so sign in again now that the
  // catalog holds the User.
  identity = await guestSignIn(BACKEND);
  check(
    'guest is a member of the example team',
    Boolean(
      identity?.identity?.ownershipEntityRefs?.includes(
        'group:default/team-churn',
      ),
    ),
  );
  const auth = bearer(identity?.token);
  const annotations = (project as Entity | undefined)?.metadata.annotations;
  check(
    'catalog lists the seeded ML project with its annotations',
    annotations?.['ml-environments.io/project'] === 'churn-prediction' &&
      annotations?.['ml-environments.io/pattern'] === 'mlops',
  );

  // 503 until the first snapshot is read; either way the user got through.
  const signedIn = await fetch(`${BACKEND}/api/ml-environments/organization`, {
    headers: auth,
  });
  check(
    'ml-environments backend answers a signed-in user',
    signedIn.ok || signedIn.status === 503,
    `status ${signedIn.status}`,
  );
  const emulator = (await fetch(`${EMULATOR}/_emulator/health`)
    .then(r => r.json())
    .catch(() => ({}))) as { organizationId?: string };
  check(
    'the AWS emulator runs with the demo organization',
    emulator.organizationId === 'o-demoorg0001',
  );

  // A dry run of the suite's scaffolder action reads the emulator's OUs
  // through the AWS SDK, as it would read AWS.
  const { status: dryRunStatus, body: dryRunBody } = await scaffolderDryRun(
    BACKEND,
    auth,
    'smoke-ou',
    {
      id: 'ou',
      name: 'Ensure OU',
      action: 'aws:organizations:ensureOrganizationalUnit',
      input: { path: 'Workloads/Workloads_Dev' },
    },
    { ouId: '${{ steps.ou.output.ouId }}' },
  );
  const dryRunLog = (dryRunBody.log ?? [])
    .map(l => l.body?.message ?? '')
    .join('\n');
  const ouId = dryRunBody.output?.ouId as string | undefined;
  check(
    'the backend reaches the emulator through the scaffolder action',
    /^ou-demo-/.test(ouId ?? '') &&
      dryRunLog.includes('OU Workloads/Workloads_Dev exists'),
    `status ${dryRunStatus}, ouId ${ouId}`,
  );
  return { frontendUp, identity, auth };
}
