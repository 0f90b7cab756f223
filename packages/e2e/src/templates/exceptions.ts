// End-to-end checks of guardrail exceptions in the running dev app: the
// owner asks through the template (scaffolder API), the requester cannot
// approve, an administrator (ada) approves, the carve-out appears in the
// SCP in AWS (the emulator, read through the SDK) and the project's view
// shows the guardrail as excepted; a short exception expires on the
// backend's schedule and its carve-out is removed.
import {
  DescribePolicyCommand,
  paginateListPolicies,
  type OrganizationsClient,
} from '@aws-sdk/client-organizations';
import type { CallCounts } from '../lib/emulator.ts';
import type { Check } from '../lib/report.ts';
import {
  waitUntil,
  type Api,
  type Headers,
  type RecordAccount,
  type RunTemplate,
} from './scaffolder.ts';

const PROJECT = 'churn-prediction';

type PolicyDocument = {
  Statement: {
    Condition?: { StringNotEquals?: Record<string, string[] | undefined> };
  }[];
};

/** The accounts an SCP lifts out of its Deny statements, as AWS holds it. */
async function carvedOut(
  organizations: OrganizationsClient,
  name: string,
): Promise<string[] | undefined> {
  for await (const page of paginateListPolicies(
    { client: organizations },
    { Filter: 'SERVICE_CONTROL_POLICY' },
  )) {
    const summary = page.Policies?.find(p => p.Name === name);
    if (!summary) continue;
    const { Policy } = await organizations.send(
      new DescribePolicyCommand({ PolicyId: summary.Id }),
    );
    const document = JSON.parse(Policy?.Content ?? '') as PolicyDocument;
    return [
      ...new Set(
        document.Statement.flatMap(
          s => s.Condition?.StringNotEquals?.['aws:PrincipalAccount'] ?? [],
        ),
      ),
    ];
  }
  return undefined;
}

type GuardrailException = {
  id: string;
  guardrailId: string;
  accountId: string;
  state: string;
  removedAt?: string;
};

export type ExceptionEnv = {
  api: Api;
  runTemplate: RunTemplate;
  mutatingCalls: () => Promise<CallCounts>;
  organizations: OrganizationsClient;
  ada: Headers;
  check: Check;
};

export async function exceptionChecks({
  api,
  runTemplate,
  mutatingCalls,
  organizations,
  ada,
  check,
}: ExceptionEnv): Promise<void> {
  const record = await api(`/api/ml-environments/projects/${PROJECT}/record`);
  const dev = (record.body?.accounts as RecordAccount[] | undefined)?.find(
    a => a.stage === 'dev',
  )?.accountId;
  const inDays = (days: number) =>
    new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

  const before = await mutatingCalls();
  const run = await runTemplate('ml-request-guardrail-exception', {
    project: PROJECT,
    stage: 'dev',
    guardrailId: 'deny-sagemaker-hosting',
    reason: 'One real-time endpoint for the board demo',
    endsAt: inDays(30),
  });
  const asked = (
    (await api(`/api/ml-environments/exceptions?project=${PROJECT}`)).body
      ?.items as GuardrailException[] | undefined
  )?.find(
    e => e.guardrailId === 'deny-sagemaker-hosting' && e.state === 'pending',
  );
  const mutations = Object.entries(await mutatingCalls()).filter(
    ([key, n]) => n > (before[key] ?? 0),
  );
  check(
    'exceptions: the owner asks through the template; nothing changes in AWS until approved',
    run.status === 'completed' &&
      asked?.accountId === dev &&
      mutations.length === 0 &&
      !(await carvedOut(organizations, 'mlgov-deny-sagemaker-hosting'))?.length,
    `${run.status} ${run.errors?.join('; ') ?? ''}; mutating calls: ${
      mutations.map(([k]) => k).join(', ') || 'none'
    }`,
  );
  if (!asked) return;

  const ownApproval = await api(
    `/api/ml-environments/exceptions/${asked.id}/approve`,
    { method: 'POST', body: '{}' },
  );
  const approved = await api(
    `/api/ml-environments/exceptions/${asked.id}/approve`,
    { method: 'POST', body: JSON.stringify({ note: 'Demo on Friday' }) },
    ada,
  );
  const lifted = await carvedOut(organizations, 'mlgov-deny-sagemaker-hosting');
  check(
    'exceptions: the requester cannot approve; an administrator approves and the SCP in AWS lifts only that account',
    ownApproval.status === 403 &&
      approved.status === 200 &&
      approved.body.state === 'active' &&
      Boolean(approved.body.appliedAt) &&
      JSON.stringify(lifted) === JSON.stringify([dev]),
    `own ${ownApproval.status}, admin ${approved.status} ${
      approved.body?.state
    }, carve-out ${JSON.stringify(lifted)}`,
  );

  // The snapshot follows by the policy's AWS event, or the next refresh.
  const excepted = await waitUntil(async () => {
    const layout = await api(`/api/ml-environments/projects/${PROJECT}`);
    const guardrail = layout.body?.accounts
      ?.find((a: { stage: string }) => a.stage === 'dev')
      ?.guardrails?.find(
        (g: { guardrailId: string }) =>
          g.guardrailId === 'deny-sagemaker-hosting',
      ) as { state: string; reason: string } | undefined;
    if (guardrail?.state === 'excepted') return guardrail;
    await api('/api/ml-environments/refresh', { method: 'POST' }, ada);
    return undefined;
  }, 120_000);
  check(
    "exceptions: the project's view shows the guardrail as excepted on dev, with its end and reason",
    Boolean(excepted) && Boolean(excepted?.reason.includes('board demo')),
    excepted?.reason ?? 'not excepted within 120 s',
  );

  // A short exception ends on the backend's schedule, which removes its carve-out.
  const short = await api(
    `/api/ml-environments/projects/${PROJECT}/exceptions`,
    {
      method: 'POST',
      body: JSON.stringify({
        accountId: dev,
        guardrailId: 'require-vpc',
        reason: 'A short test of the expiry in the end-to-end run',
        endsAt: new Date(Date.now() + 45_000).toISOString(),
      }),
    },
  );
  await api(
    `/api/ml-environments/exceptions/${short.body?.id}/approve`,
    { method: 'POST', body: '{}' },
    ada,
  );
  const appliedShort = await carvedOut(organizations, 'mlgov-require-vpc');
  const removed = await waitUntil(async () => {
    const { body } = await api(
      `/api/ml-environments/exceptions?project=${PROJECT}&state=expired`,
    );
    return (body?.items as GuardrailException[] | undefined)?.find(
      e => e.id === short.body?.id && e.removedAt,
    );
  }, 240_000);
  const afterExpiry = await carvedOut(organizations, 'mlgov-require-vpc');
  check(
    "exceptions: a short exception expires and the backend's schedule removes its carve-out from AWS",
    short.status === 201 &&
      JSON.stringify(appliedShort) === JSON.stringify([dev]) &&
      Boolean(removed) &&
      afterExpiry?.length === 0,
    `asked ${short.status}, applied ${JSON.stringify(appliedShort)}, removed ${
      removed?.removedAt
    }, after ${JSON.stringify(afterExpiry)}`,
  );
}
