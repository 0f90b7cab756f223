// End-to-end checks of retiring a project in the running dev app, through
// the ml-offboard-project template (scaffolder API): a user of another team
// is refused, an open exception refuses the retirement until the run revokes
// it, and then every account of the project is in the Suspended OU under
// the deny-all SCP, tagged and closing, its Studio gone, its record and view
// retired; a re-run changes nothing and the name cannot be provisioned again.
import {
  ListPoliciesForTargetCommand,
  ListTagsForResourceCommand,
  DescribeAccountCommand,
} from '@aws-sdk/client-organizations';
import { setTimeout as sleep } from 'node:timers/promises';
import { callsBetween, type CallCounts } from '../lib/emulator.ts';
import type { Check } from '../lib/report.ts';
import { readableDatabases } from './lake.ts';
import { readOrganization, type AwsClients } from './organization.ts';
import type { Api, Headers, RecordAccount, RunTemplate } from './scaffolder.ts';

export const RETIRED_PROJECT = 'forecast-lab';
const REASON = 'The forecasting libraries were compared; the lab is done';

export type OffboardingEnv = {
  api: Api;
  runTemplate: RunTemplate;
  clients: AwsClients;
  check: Check;
};

/** Where each of the project's accounts is, what it is tagged and its state. */
async function accountsOf(project: string, { api, clients }: OffboardingEnv) {
  const record = await api(`/api/ml-environments/projects/${project}/record`);
  const org = await readOrganization(clients);
  const suspended = org.ous.get('Suspended');
  const scps = suspended
    ? (
        await clients.organizations.send(
          new ListPoliciesForTargetCommand({
            TargetId: suspended.Id,
            Filter: 'SERVICE_CONTROL_POLICY',
          }),
        )
      ).Policies?.map(p => p.Name) ?? []
    : [];
  const accounts = [];
  for (const { accountId } of (record.body?.accounts ??
    []) as RecordAccount[]) {
    const { Tags = [] } = await clients.organizations.send(
      new ListTagsForResourceCommand({ ResourceId: accountId }),
    );
    const { Account } = await clients.organizations.send(
      new DescribeAccountCommand({ AccountId: accountId }),
    );
    accounts.push({
      accountId,
      ouPath: org.accounts.find(a => a.Id === accountId)?.ouPath,
      closingDate: Tags.find(t => t.Key === 'ml-closing-date')?.Value,
      state: `${Account?.State}`,
    });
  }
  return {
    record: record.body,
    accounts,
    scps,
    suspendedOus: org.ouPaths.filter(p => p === 'Suspended').length,
  };
}

export async function offboardingChecks(
  env: OffboardingEnv & {
    mutatingCalls: () => Promise<CallCounts>;
    mallory: Headers;
  },
): Promise<void> {
  const { api, runTemplate, mutatingCalls, check, mallory } = env;
  const values = { project: RETIRED_PROJECT, reason: REASON };

  const beforeRefusals = await mutatingCalls();
  const byMallory = await runTemplate('ml-offboard-project', values, mallory);
  const { body: layout } = await api(
    `/api/ml-environments/projects/${RETIRED_PROJECT}`,
  );
  const sandbox = layout?.accounts?.[0]?.id;
  const asked = await api(
    `/api/ml-environments/projects/${RETIRED_PROJECT}/exceptions`,
    {
      method: 'POST',
      body: JSON.stringify({
        accountId: sandbox,
        guardrailId: 'deny-sagemaker-hosting',
        reason: 'One endpoint to compare latency before the lab ends',
        endsAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      }),
    },
  );
  const withOpenException = await runTemplate('ml-offboard-project', values);
  const refusalMutations = callsBetween(beforeRefusals, await mutatingCalls());
  check(
    'offboarding: a user of another team and a project with an open exception are refused, with zero mutating AWS calls',
    byMallory.status === 'failed' &&
      Boolean(
        byMallory.errors?.some(e =>
          e.includes(
            `user:default/mallory may not retire ML project ${RETIRED_PROJECT}`,
          ),
        ),
      ) &&
      asked.status === 201 &&
      withOpenException.status === 'failed' &&
      Boolean(withOpenException.errors?.some(e => e.includes(asked.body.id))) &&
      refusalMutations.length === 0,
    `mallory ${byMallory.status}: ${byMallory.errors?.join('; ')}; exception ${
      asked.status
    }; open ${withOpenException.status}: ${withOpenException.errors?.join(
      '; ',
    )}; mutating calls: ${refusalMutations.join(', ') || 'none'}`,
  );

  const before = await accountsOf(RETIRED_PROJECT, env);
  const run = await runTemplate('ml-offboard-project', {
    ...values,
    revokeOpenExceptions: true,
  });
  const after = await accountsOf(RETIRED_PROJECT, env);
  const { body: revoked } = await api(
    `/api/ml-environments/exceptions?project=${RETIRED_PROJECT}&state=revoked`,
  );
  check(
    'offboarding: the owner retires the project; its accounts move to the Suspended OU under mlgov-deny-all, tagged and closing; its exception is revoked',
    run.status === 'completed' &&
      before.accounts.every(a => a.ouPath === 'Sandbox') &&
      after.accounts.length === before.accounts.length &&
      after.accounts.every(
        a =>
          a.ouPath === 'Suspended' &&
          /^\d{4}-\d\d-\d\d$/.test(a.closingDate ?? '') &&
          ['PENDING_CLOSURE', 'SUSPENDED', 'CLOSED'].includes(a.state),
      ) &&
      after.scps.includes('mlgov-deny-all') &&
      after.record.retirement?.state === 'retired' &&
      revoked?.items?.some((e: { id: string }) => e.id === asked.body?.id),
    `${run.status} ${run.errors?.join('; ') ?? ''}; before ${JSON.stringify(
      before.accounts,
    )}; after ${JSON.stringify(after.accounts)}; Suspended SCPs ${after.scps}`,
  );

  // The snapshot follows the moves by their AWS events, within seconds.
  let retiredView;
  const deadline = Date.now() + 120_000;
  do {
    ({ body: retiredView } = await api(
      `/api/ml-environments/projects/${RETIRED_PROJECT}`,
    ));
    if (
      retiredView?.accounts?.every(
        (a: { ouPath: string }) => a.ouPath === 'Suspended',
      )
    )
      break;
    await sleep(2000);
  } while (Date.now() < deadline);
  const studio = await api(
    `/api/ml-environments/projects/${RETIRED_PROJECT}/studio-url`,
    { method: 'POST' },
  );
  check(
    "offboarding: the project's view says retired, and no Studio URL is handed out",
    retiredView?.record?.retirement?.state === 'retired' &&
      retiredView.accounts.every(
        (a: { ouPath: string }) => a.ouPath === 'Suspended',
      ) &&
      studio.status >= 400,
    `retirement ${JSON.stringify(
      retiredView?.record?.retirement,
    )}; OUs ${retiredView?.accounts?.map(
      (a: { ouPath: string }) => a.ouPath,
    )}; studio ${studio.status}`,
  );

  const beforeRerun = await mutatingCalls();
  const rerun = await runTemplate('ml-offboard-project', values);
  const again = await runTemplate('ml-sandbox-project', {
    project: RETIRED_PROJECT,
    description: 'A second lab under the old name',
    owner: 'group:default/team-churn',
    costCenter: 'CC-9001',
    pattern: 'sandbox',
    spendingLimitUsd: 250,
    alertEmail: 'team-churn@example.com',
  });
  const rerunMutations = callsBetween(beforeRerun, await mutatingCalls());
  check(
    'offboarding: a re-run changes nothing, and the retired name cannot be provisioned again',
    rerun.status === 'completed' &&
      again.status === 'failed' &&
      Boolean(again.errors?.some(e => e.includes('is retired'))) &&
      rerunMutations.length === 0,
    `re-run ${rerun.status}; provision ${again.status}: ${again.errors?.join(
      '; ',
    )}; mutating calls: ${rerunMutations.join(', ') || 'none'}`,
  );
}

/**
 * Retires one of the fault drill's projects while AWS throttles, conflicts
 * and loses answers: it completes, with one Suspended OU and every account in
 * it, and ends the project's data grants in the same run. Returns the check,
 * to run once AWS is calm again.
 */
export async function offboardingUnderFaults(
  env: OffboardingEnv & { emulator: string },
  project: string,
): Promise<() => Promise<void>> {
  const { runTemplate, check, emulator } = env;
  const run = await runTemplate('ml-offboard-project', {
    project,
    reason: 'The fault drill retires what it made',
    revokeDataGrants: true,
  });
  return async () => {
    const after = await accountsOf(project, env);
    const reads = await Promise.all(
      after.accounts.map(a => readableDatabases(emulator, a.accountId)),
    );
    check(
      'fault drill: ml-offboard-project completes under the same faults: one Suspended OU holding every account, the data grants revoked in Lake Formation',
      run.status === 'completed' &&
        after.suspendedOus === 1 &&
        after.accounts.length > 0 &&
        after.accounts.every(a => a.ouPath === 'Suspended') &&
        reads.every(r => r.length === 0),
      `${run.status} ${run.errors?.join('; ') ?? ''}; ${JSON.stringify(
        after.accounts,
      )}; Suspended OUs ${after.suspendedOus}; reads ${JSON.stringify(reads)}`,
    );
  };
}
