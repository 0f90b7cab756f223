// The suite's permission policy in production: nothing decided before the
// first snapshot, then the record and the policy decide who may do what.
import type { Check } from '../lib/report.ts';
import type { Answer, Client } from './client.ts';
import { EMULATOR } from './config.ts';
import { mutatingCalls } from '../lib/emulator.ts';
import { waitFor } from '../lib/processes.ts';

const TAKEOVER = {
  project: 'churn-prediction',
  owner: 'group:default/team-fraud',
  costCenter: 'CC-6666',
  pattern: 'sandbox',
  spendingLimitUsd: 100,
  alertEmail: 'mallory@example.com',
};

const mutating = () => mutatingCalls(EMULATOR);

/** A fresh database before the first snapshot: nothing is decided. */
export async function checkBeforeFirstSnapshot(
  { call, runTask }: Client,
  check: Check,
): Promise<void> {
  const callsBefore = await mutating();
  const earlyAdopt = await call(
    'ada',
    'POST',
    '/api/ml-environments/projects/churn-prediction/adopt',
    { owner: 'group:default/team-fraud' },
  );
  check(
    'before the first snapshot an adoption is refused: 503 with Retry-After and a sentence',
    earlyAdopt.status === 503 &&
      Number(earlyAdopt.headers.get('retry-after')) > 0 &&
      /has not finished its first read/.test(
        earlyAdopt.json?.error?.message ?? '',
      ),
    `status ${earlyAdopt.status}: ${earlyAdopt.json?.error?.message}`,
  );
  const earlyTask = await runTask('mallory', 'ml-sandbox-project', {
    ...TAKEOVER,
    description: 'Taking over a project before the suite has read AWS',
  });
  const earlyOwnToken = await call(
    'mallory',
    'POST',
    '/api/ml-environments/projects/churn-prediction/provisioning',
    { pattern: 'mlops', owner: 'group:default/team-fraud', taskId: 'early' },
  );
  const earlyMutations = Object.entries(await mutating()).filter(
    ([key, n]) => n > (callsBefore[key] ?? 0),
  );
  check(
    "before the first snapshot another team's template run on an existing name fails closed, with zero mutating AWS calls",
    earlyTask.status === 'failed' &&
      earlyTask.errors.some(e => /has not finished its first read/.test(e)) &&
      earlyOwnToken.status === 403 &&
      earlyMutations.length === 0,
    `task ${earlyTask.status}: ${earlyTask.errors.join('; ')}; own token ${
      earlyOwnToken.status
    }; mutating calls: ${earlyMutations.map(([k]) => k).join(', ') || 'none'}`,
  );
}

/**
 * After an administrator's refresh: the record's owner and the policy
 * decide. Returns the owner's Studio URL answer (it must stay out of the log).
 */
export async function checkPolicy(
  { call, runTask }: Client,
  check: Check,
): Promise<Answer> {
  const refreshedByAdmin = await waitFor(async () => {
    const res = await call('ada', 'POST', '/api/ml-environments/refresh');
    return res.status === 202 || res.status === 429 ? res : undefined;
  }, 120_000);
  const refreshByGuest = await call(
    'guest',
    'POST',
    '/api/ml-environments/refresh',
  );
  check(
    "the suite's policy: an administrator refreshes, an owner may not",
    Boolean(refreshedByAdmin) && refreshByGuest.status === 403,
    `admin ${refreshedByAdmin?.status}, guest ${refreshByGuest.status}`,
  );

  const record = await waitFor(async () => {
    const res = await call(
      'guest',
      'GET',
      '/api/ml-environments/projects/churn-prediction/record',
    );
    return res.status === 200 ? res.json : undefined;
  }, 60_000);
  const ownerStudio = await call(
    'guest',
    'POST',
    '/api/ml-environments/projects/churn-prediction/studio-url',
  );
  const otherStudio = await call(
    'mallory',
    'POST',
    '/api/ml-environments/projects/churn-prediction/studio-url',
  );
  check(
    "the suite's policy: the recorded owner gets a Studio URL, another team 403",
    record?.owner === 'group:default/team-churn' &&
      ownerStudio.status === 200 &&
      otherStudio.status === 403,
    `owner ${ownerStudio.status}, other ${otherStudio.status}`,
  );
  const takeover = await call(
    'mallory',
    'POST',
    '/api/ml-environments/projects/churn-prediction/provisioning',
    { pattern: 'mlops', owner: 'group:default/team-fraud', taskId: 'e2e' },
  );
  check(
    'another team cannot claim the project for provisioning',
    takeover.status === 403,
    `status ${takeover.status}`,
  );
  const lateTask = await runTask('mallory', 'ml-sandbox-project', {
    ...TAKEOVER,
    description: 'Taking over a project once the suite has read AWS',
  });
  check(
    "after the first snapshot and the adoption, another team's template run on the project is refused by the record",
    lateTask.status === 'failed' &&
      lateTask.errors.some(e =>
        e.includes(
          'user:default/mallory may not provision ML project churn-prediction',
        ),
      ),
    `task ${lateTask.status}: ${lateTask.errors.join('; ')}`,
  );
  return ownerStudio;
}
