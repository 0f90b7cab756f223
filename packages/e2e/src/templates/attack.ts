// The takeovers of issue 32 replayed over HTTP in the running dev app, as a
// second team's user would try them with her own sign-in token and no
// template: mallory of team-fraud against team-churn's churn-prediction.
// Every attempt must be refused, with zero mutating AWS calls, and the
// victim's record, account tags and Studio access unchanged.
import {
  ListTagsForResourceCommand,
  type OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { callsBetween, type CallCounts } from '../lib/emulator.ts';
import type { Check } from '../lib/report.ts';
import type { Api, ApiAnswer, Headers, RecordAccount } from './scaffolder.ts';

const VICTIM = 'churn-prediction';

/** What an attack could change: the record, each account's tags. */
async function victimState(api: Api, organizations: OrganizationsClient) {
  const record = await api(`/api/ml-environments/projects/${VICTIM}/record`);
  const tags: string[] = [];
  for (const { accountId } of (record.body?.accounts ??
    []) as RecordAccount[]) {
    const { Tags } = await organizations.send(
      new ListTagsForResourceCommand({ ResourceId: accountId }),
    );
    tags.push(
      `${accountId}: ${(Tags ?? [])
        .map(t => `${t.Key}=${t.Value}`)
        .sort()
        .join(' ')}`,
    );
  }
  const { owner, pattern, accounts, origin } = record.body ?? {};
  return JSON.stringify({ owner, pattern, accounts, origin, tags });
}

export type AttackEnv = {
  api: Api;
  mutatingCalls: () => Promise<CallCounts>;
  organizations: OrganizationsClient;
  mallory: Headers;
  check: Check;
};

export async function attackChecks({
  api,
  mutatingCalls,
  organizations,
  mallory,
  check,
}: AttackEnv): Promise<void> {
  const post = (path: string, body?: object, as = mallory) =>
    api(
      `/api/ml-environments${path}`,
      { method: 'POST', body: JSON.stringify(body ?? {}) },
      as,
    );
  const before = await victimState(api, organizations);
  const victim = JSON.parse(before) as { accounts?: RecordAccount[] };
  const churnAccounts = victim.accounts ?? [];
  const prod = churnAccounts.find(a => a.stage === 'prod')?.accountId;
  const dev = churnAccounts.find(a => a.stage === 'dev')?.accountId;
  const fraud = await api(
    '/api/ml-environments/projects/fraud-detection/record',
    {},
    mallory,
  );
  const fraudDev = (fraud.body?.accounts as RecordAccount[] | undefined)?.find(
    a => a.stage === 'dev',
  )?.accountId;
  const tasks = await api('/api/scaffolder/v2/tasks', {}, mallory);
  const guestTask = (
    (tasks.body?.tasks ?? []) as { id: string; createdBy: string }[]
  ).find(t => t.createdBy === 'user:default/guest')?.id;
  const calls = await mutatingCalls();

  const attempts: [string, ApiAnswer][] = [
    // 1. The takeover through the provisioning routes.
    [
      'claims a new project "heist" for team-fraud',
      await post('/projects/heist/provisioning', {
        pattern: 'mlops',
        owner: 'group:default/team-fraud',
        taskId: 't1',
      }),
    ],
    [
      "completes heist with churn-prediction's accounts",
      await post('/projects/heist/provisioning/complete', {
        taskId: 't1',
        accounts: churnAccounts,
      }),
    ],
    [
      "makes herself a Studio profile in heist (churn-prediction's domain)",
      await post('/projects/heist/studio-profile'),
    ],
    ['asks a Studio URL for heist', await post('/projects/heist/studio-url')],
    [
      "asks a self-service grant of sales into churn-prediction's dev account",
      await post(`/projects/${VICTIM}/data-grants`, {
        accountId: dev,
        database: 'sales',
        reason: 'Taking a look at the sales data',
      }),
    ],
    [
      "asks the grant for churn-prediction's dev account under her own project",
      await post('/projects/fraud-detection/data-grants', {
        accountId: dev,
        database: 'sales',
        reason: 'Taking a look at the sales data',
      }),
    ],
    [
      "files an exception against churn-prediction's prod account",
      await post(`/projects/${VICTIM}/exceptions`, {
        accountId: prod,
        guardrailId: 'deny-sagemaker-hosting',
        reason: 'One endpoint, just for a moment',
        endsAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      }),
    ],
    [
      'claims the retirement of churn-prediction',
      await post(`/projects/${VICTIM}/retirement`, {
        taskId: 't1',
        reason: 'Retiring a project that is not hers at all',
      }),
    ],
    [
      'completes the retirement of churn-prediction',
      await post(`/projects/${VICTIM}/retirement/complete`, {
        taskId: 't1',
        accounts: churnAccounts.map(a => ({
          accountId: a.accountId,
          closure: 'closing',
        })),
      }),
    ],
    // 2. Completing someone else's task, by an id anyone can list.
    [
      `completes the guest's task ${
        guestTask ?? '(none listed)'
      } with fraud-detection's account`,
      await post(`/projects/${VICTIM}/provisioning/complete`, {
        taskId: guestTask ?? 'unknown-task',
        accounts: [{ stage: 'dev', accountId: fraudDev }],
      }),
    ],
    [
      `releases the guest's task on churn-prediction`,
      await post(`/projects/${VICTIM}/provisioning/release`, {
        taskId: guestTask ?? 'unknown-task',
      }),
    ],
    [
      'claims churn-prediction for team-fraud',
      await post(`/projects/${VICTIM}/provisioning`, {
        pattern: 'mlops',
        owner: 'group:default/team-fraud',
        taskId: guestTask ?? 'unknown-task',
      }),
    ],
    [
      'moves churn-prediction to team-fraud',
      await post(`/projects/${VICTIM}/transfer`, {
        owner: 'group:default/team-fraud',
        reason: 'Reorganisation, apparently',
      }),
    ],
    [
      'adopts demand-forecast for team-fraud',
      await post('/projects/demand-forecast/adopt', {
        owner: 'group:default/team-fraud',
      }),
    ],
  ];
  const mutations = callsBetween(calls, await mutatingCalls());
  const allowed = attempts.filter(([, res]) => res.status < 400);
  check(
    `attack: mallory's ${attempts.length} direct calls against team-churn are all refused, with zero mutating AWS calls`,
    Boolean(dev && prod && fraudDev) &&
      allowed.length === 0 &&
      mutations.length === 0,
    `${attempts
      .map(([what, res]) => `${what}: ${res.status}`)
      .join('; ')}; mutating calls: ${mutations.join(', ') || 'none'}`,
  );
  const taskOnly = attempts
    .filter(([what]) => /claims|completes|releases/.test(what))
    .filter(
      ([, res]) =>
        !/Only a software template's task may do this/.test(
          res.body?.error?.message ?? '',
        ),
    );
  check(
    "attack: the record-writing routes say only a template's task may call them",
    taskOnly.length === 0,
    taskOnly.map(([w, r]) => `${w}: ${r.body?.error?.message}`).join('; '),
  );

  const after = await victimState(api, organizations);
  const studio = await api(
    `/api/ml-environments/projects/${VICTIM}/studio-url`,
    { method: 'POST' },
  );
  const heist = await api('/api/ml-environments/projects/heist/record');
  check(
    "attack: the victim's record and account tags are unchanged, its owner still opens Studio, and no heist record exists",
    after === before && studio.status === 200 && heist.status === 404,
    `${after === before ? 'unchanged' : `${before} → ${after}`}; studio ${
      studio.status
    }; heist ${heist.status}`,
  );
}
