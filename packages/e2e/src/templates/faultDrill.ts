// The fault drill: AWS answers 30 % of calls with throttling, 10 % with
// ConcurrentModificationException and loses 5 % of mutating answers after
// acting (seeded, so a failure can be replayed). Each template still
// completes, nothing in the organization is duplicated, and a refresh under
// the same faults returns a snapshot.
import { configureEmulator } from '../lib/emulator.ts';
import type { Check } from '../lib/report.ts';
import { CASES } from './cases.ts';
import { offboardingUnderFaults } from './offboarding.ts';
import {
  layoutProblems,
  readOrganization,
  type AwsClients,
} from './organization.ts';
import {
  devUser,
  waitUntil,
  type Api,
  type RunTemplate,
} from './scaffolder.ts';

export type FaultDrillEnv = {
  api: Api;
  runTemplate: RunTemplate;
  emulator: string;
  clients: AwsClients;
  check: Check;
};

export async function faultDrill({
  api,
  runTemplate,
  emulator,
  clients,
  check,
}: FaultDrillEnv): Promise<void> {
  const setFaults = (faults: Record<string, unknown>) =>
    configureEmulator(emulator, { faults });
  const drillFaults = (seed: number) => ({
    rate: 0.4,
    errors: [
      'TooManyRequestsException',
      'TooManyRequestsException',
      'TooManyRequestsException',
      'ConcurrentModificationException',
    ],
    operations: [],
    lostAnswerRate: 0.05,
    seed,
  });
  // New accounts' roles also answer AccessDenied for a while, as while
  // IAM propagates them.
  const setRoleDelay = (newAccountRoleDelayMs: number) =>
    configureEmulator(emulator, { newAccountRoleDelayMs });
  await setFaults(drillFaults(2026));
  await setRoleDelay(5000);
  try {
    const drills = CASES.map(c => ({
      ...c,
      values: { ...c.values, project: `drill-${c.values.project}` },
    }));
    for (const c of drills) {
      const run = await runTemplate(c.template, c.values);
      check(
        `fault drill: ${c.template} completes under 30 % throttling, 10 % conflicts, 5 % lost answers and 5 s of role propagation`,
        run.status === 'completed',
        `${run.status} ${run.errors?.join('; ') ?? ''}`,
      );
    }
    const ada = await devUser(api, 'ada');
    const started = await api(
      '/api/ml-environments/refresh',
      { method: 'POST' },
      ada,
    );
    // 202 at once; the refresh's progress says how it ended.
    const refresh =
      started.status === 202
        ? (await waitUntil(async () => {
            const { body } = await api(
              `/api/ml-environments/refresh/${started.body.refreshId}`,
              {},
              ada,
            );
            return body?.state === 'running' ? undefined : body;
          }, 300_000)) ?? {}
        : started.body;
    check(
      'fault drill: an administrator refreshes the snapshot under the same faults',
      started.status === 202 &&
        refresh.state === 'succeeded' &&
        Boolean(refresh.takenAt),
      `status ${started.status}, then ${JSON.stringify(refresh).slice(0, 200)}`,
    );
    // The checks read the organization with a plain SDK client, on a calm AWS.
    await setFaults({ rate: 0, lostAnswerRate: 0 });
    const org = await readOrganization(clients);
    const problems = layoutProblems(org, drills, 'drill-');
    check(
      'fault drill: the organization is the clean layout afterwards (no duplicate account or OU, every account in its OU)',
      problems.length === 0,
      problems.join('; '),
    );
    // Retiring under the same faults (another seed), checked on a calm AWS.
    await setFaults(drillFaults(2027));
    // The drill's dev project reads the data lake: its grants end too.
    const verifyRetirement = await offboardingUnderFaults(
      { api, runTemplate, clients, check, emulator },
      drills[1].values.project,
    );
    await setFaults({ rate: 0, lostAnswerRate: 0 });
    await verifyRetirement();
  } finally {
    await setFaults({ rate: 0, lostAnswerRate: 0 });
    await setRoleDelay(0);
  }
}
