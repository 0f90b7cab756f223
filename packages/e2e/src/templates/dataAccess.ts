// End-to-end checks of data-lake access in the running dev app: of the dev
// template's datasets, the public one is granted at once (self-service) and
// sales, whose PII columns are classified confidential, waits for two data
// owners (ada and grace, of the platform team) and reaches the dev account
// without those columns; a request through ml-request-data-access waits for
// a data owner, whom neither the requester nor another team can stand in
// for; then Lake Formation (read through the SDK) holds exactly the approved
// grants, and a revocation takes one away again.
import type { Check } from '../lib/report.ts';
import { notebookAccess, readableDatabases } from './lake.ts';
import type { Api, Headers, RecordAccount, RunTemplate } from './scaffolder.ts';

const PROJECT = 'churn-prediction';

/** A data grant as the backend lists it. */
type DataGrant = {
  id: string;
  database: string;
  state: string;
  approvalsNeeded?: number;
  withheldColumns?: string[];
  access?: { state: string; link?: string };
};

export type DataAccessEnv = {
  api: Api;
  runTemplate: RunTemplate;
  emulator: string;
  check: Check;
  ada: Headers;
  grace: Headers;
  mallory: Headers;
  /** The project the dev template made, with the sales and stores datasets. */
  devProject: string;
};

export async function dataAccessChecks(env: DataAccessEnv): Promise<void> {
  const { api, emulator, check, ada, grace, devProject } = env;
  const dev = async (project: string) =>
    (
      (await api(`/api/ml-environments/projects/${project}/record`)).body
        ?.accounts as RecordAccount[] | undefined
    )?.find(a => a.stage === 'dev')?.accountId;

  const created = await dev(devProject);
  const grantsOf = async (project: string): Promise<DataGrant[]> =>
    (await api(`/api/ml-environments/data-grants?project=${project}`)).body
      ?.items ?? [];
  const readsAtOnce = created ? await readableDatabases(emulator, created) : [];
  const atOnce = await grantsOf(devProject);
  const sales = atOnce.find(g => g.database === 'sales');
  const withheld = JSON.stringify(sales?.withheldColumns ?? []);
  check(
    `data access: of the dev template's datasets, stores is granted to ${devProject}'s dev account at once (self-service) and sales, with PII columns, waits for two data owners, naming the columns it will withhold`,
    JSON.stringify(readsAtOnce) === JSON.stringify(['stores']) &&
      atOnce.find(g => g.database === 'stores')?.state === 'active' &&
      sales?.state === 'pending' &&
      sales.approvalsNeeded === 2 &&
      withheld.includes('customer_email') &&
      withheld.includes('shipping_address'),
    `reads ${JSON.stringify(readsAtOnce)}; grants ${JSON.stringify(
      atOnce.map(g => [g.database, g.state, g.approvalsNeeded]),
    )}; withheld ${withheld}`,
  );
  const approveAs = (grant: DataGrant | undefined, as: Headers) =>
    api(
      `/api/ml-environments/data-grants/${grant?.id ?? 'none'}/approve`,
      { method: 'POST', body: '{}' },
      as,
    );
  const salesApprovals = [
    (await approveAs(sales, ada)).status,
    (await approveAs(sales, ada)).status,
    (await approveAs(sales, grace)).status,
  ];
  const createdGrants = { items: await grantsOf(devProject) };
  const createdReads = created
    ? await readableDatabases(emulator, created)
    : [];
  check(
    `data access: ada's approval of sales waits for a second data owner (ada again is refused), grace's grants it, and Lake Formation gives ${devProject}'s dev account sales and stores`,
    JSON.stringify(salesApprovals) === JSON.stringify([202, 409, 200]) &&
      JSON.stringify(createdReads) === JSON.stringify(['sales', 'stores']) &&
      createdGrants.items.every(g => g.state === 'active'),
    `approvals ${salesApprovals}; reads ${JSON.stringify(
      createdReads,
    )}; grants ${JSON.stringify(
      createdGrants.items.map(g => [g.database, g.state]),
    )}`,
  );

  // Issue 40: the grants reach a role of the dev account through a link.
  const notebook = created
    ? await notebookAccess(emulator, created)
    : { links: [], selectRoles: {} as Record<string, string[]> };
  const activeGrants = (createdGrants?.items ?? []).filter(
    g => g.state === 'active',
  );
  const active = activeGrants.map(g => g.database).sort();
  check(
    `data access: ${devProject}'s dev account holds a resource link to each active grant's database, and Lake Formation there shows SELECT for a role of that account; the card's list says in sync`,
    active.length > 0 &&
      JSON.stringify(notebook.links) ===
        JSON.stringify(active.map(db => `${db}_link -> ${db}`)) &&
      active.every(db => notebook.selectRoles[db]?.length > 0) &&
      activeGrants.every(
        g =>
          g.access?.state === 'in-sync' &&
          g.access.link === `${g.database}_link`,
      ),
    `active ${active}; links ${JSON.stringify(
      notebook.links,
    )}; SELECT roles ${JSON.stringify(
      notebook.selectRoles,
    )}; access ${JSON.stringify(activeGrants.map(g => g.access))}`,
  );

  await requestChecks(env, (await dev(PROJECT))!);
}

/**
 * A request through ml-request-data-access for churn-prediction's dev
 * account: refused to the requester and another team, approved by the data
 * owners, then one grant ended again.
 */
async function requestChecks(
  { api, runTemplate, emulator, check, ada, grace, mallory }: DataAccessEnv,
  churnDev: string,
): Promise<void> {
  const run = await runTemplate('ml-request-data-access', {
    project: PROJECT,
    stage: 'dev',
    databases: ['customers', 'web_events'],
    reason: 'Churn labels and sessions for the next model',
  });
  const { body: asked } = await api(
    `/api/ml-environments/data-grants?project=${PROJECT}&state=pending`,
  );
  const pending: DataGrant[] = asked?.items ?? [];
  const readsBefore = await readableDatabases(emulator, churnDev);
  const decide = (grant: Pick<DataGrant, 'id'>, verb: string, as?: Headers) =>
    api(
      `/api/ml-environments/data-grants/${grant.id}/${verb}`,
      { method: 'POST', body: '{}' },
      as,
    );
  const refusals: number[] = [];
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

  // web_events needs one data owner; customers, confidential, a second.
  const approvals: number[] = [];
  for (const grant of pending) {
    approvals.push((await decide(grant, 'approve', ada)).status);
  }
  const customersGrant = pending.find(g => g.database === 'customers')!;
  approvals.push((await decide(customersGrant, 'approve', grace)).status);
  const readsApproved = await readableDatabases(emulator, churnDev);
  const webEvents = pending.find(g => g.database === 'web_events')!;
  const revoked = await decide(webEvents, 'revoke');
  const readsAfter = await readableDatabases(emulator, churnDev);
  const notebookAfter = await notebookAccess(emulator, churnDev);
  check(
    'data access: data owners approve (customers, confidential, by two) and Lake Formation grants; the owner group ends one and Lake Formation revokes it',
    // In pending's order (customers first): 202 then 200, then grace's 200.
    JSON.stringify(
      pending.map(g => (g.database === 'customers' ? 202 : 200)).concat(200),
    ) === JSON.stringify(approvals) &&
      readsApproved.includes('customers') &&
      readsApproved.includes('web_events') &&
      revoked.status === 200 &&
      readsAfter.includes('customers') &&
      !readsAfter.includes('web_events'),
    `approvals ${approvals}; reads after approval ${readsApproved}; revoke ${revoked.status}; reads after ${readsAfter}`,
  );
  check(
    "data access: ending a grant removes its resource link and the roles' SELECT in the project account",
    !notebookAfter.links.includes('web_events_link -> web_events') &&
      notebookAfter.rolesOn('web_events').length === 0,
    `links after ${JSON.stringify(
      notebookAfter.links,
    )}; web_events SELECT roles ${JSON.stringify(
      notebookAfter.rolesOn('web_events'),
    )}`,
  );
}
