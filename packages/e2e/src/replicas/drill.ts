// 2. The crash drill: an MLOps task is started, and the replica running it
// is killed right after AWS applied one kind of mutation and before its
// answer arrived (proxy.ts); the other replica recovers the task and
// finishes it. Once per kind of mutation the template makes; afterwards
// nothing is duplicated and no account is left in the Root.
import { setTimeout as sleep } from 'node:timers/promises';
import { mutatingCalls, type CallCounts } from '../lib/emulator.ts';
import { waitFor } from '../lib/processes.ts';
import type { Check } from '../lib/report.ts';
import {
  CASES,
  awsClients,
  layoutProblems,
  readOrganization,
} from '../templates/index.ts';
import { EMULATOR } from './config.ts';
import {
  other,
  replicas,
  startReplica,
  type Api,
  type Armed,
  type Replica,
} from './replica.ts';

const counts = () => mutatingCalls(EMULATOR);

// Each run makes these anew; the guide's OUs, their SCPs, registrations and
// controls were made once by the calm run and are only looked up after.
const perProject = (op: string) =>
  !/:(CreateOrganizationalUnit|CreatePolicy|UpdatePolicy|AttachPolicy|EnableBaseline|EnableControl)$/.test(
    op,
  );
// Calls that make a new resource each time (a second one is a duplicate);
// sharing, accepting and associating again are no-ops in AWS's model.
const created = (op: string) =>
  /:(CreateAccount|CreateOrganizationalUnit|CreatePolicy|CreateBudget|ProvisionProduct)$/.test(
    op,
  );

export async function crashDrill(api: Api, check: Check): Promise<void> {
  const mlops = CASES.find(c => c.template === 'ml-mlops-project');
  if (!mlops) throw new Error('no MLOps case in e2e-templates');
  const withProject = (project: string) => ({
    ...mlops,
    values: { ...mlops.values, project },
  });
  const runTask = async (via: Replica, project: string): Promise<string> => {
    const answer = await api(via, '/api/scaffolder/v2/tasks', {
      method: 'POST',
      body: JSON.stringify({
        templateRef: 'template:default/ml-mlops-project',
        values: withProject(project).values,
      }),
    });
    if (answer.status !== 201)
      throw new Error(`task refused: ${answer.status}`);
    return answer.body.id;
  };
  const taskEnd = (id: string) =>
    waitFor(
      async () => {
        for (const r of replicas) {
          const { status, body } = await api(
            r,
            `/api/scaffolder/v2/tasks/${id}`,
          ).catch(() => ({ status: 0, body: undefined }));
          if (
            status === 200 &&
            ['completed', 'failed', 'cancelled'].includes(body.status)
          )
            return body.status as string;
        }
        return undefined;
      },
      600_000,
      2000,
    );
  const templateReady = await waitFor(async () => {
    const { body } = await api(
      replicas[0],
      '/api/catalog/entities/by-name/template/default/ml-mlops-project',
    );
    return body?.metadata?.name;
  }, 120_000);
  if (!templateReady)
    throw new Error('the MLOps template is not in the catalog');

  // A calm run tells which mutations the template makes, in order. The
  // first one also makes what the organization keeps for every project
  // (OUs, SCPs, the shared services' launch role, data lake settings); the
  // second shows what each new project makes, where the drills kill.
  const calmRun = async (project: string) => {
    const seen: string[] = [];
    const before = await counts();
    const id = await runTask(replicas[0], project);
    let ended = false;
    const watching = (async () => {
      while (!ended) {
        const now = await counts();
        for (const op of Object.keys(now)) {
          if (now[op] > (before[op] ?? 0) && !seen.includes(op)) seen.push(op);
        }
        await sleep(100);
      }
    })();
    const status = await taskEnd(id);
    ended = true;
    await watching;
    return { status, order: seen, before, after: await counts() };
  };
  const first = await calmRun('replica-calm');
  const calm = await calmRun('replica-calm-2');
  check(
    'a calm MLOps run completes across the replicas, twice',
    first.status === 'completed' && calm.status === 'completed',
    `${first.status}, ${
      calm.status
    }; mutations of the second in order: ${calm.order.join(', ')}`,
  );
  const calmMade = (op: string) => calm.after[op] - (calm.before[op] ?? 0);

  const drills = [];
  for (const [i, operation] of calm.order.filter(perProject).entries()) {
    // Short enough that aws+<project>-automation@example.com stays within
    // AWS's 64 characters (AssociatePrincipalWithPortfolio is long).
    const project = `crash-${i}-${operation.split(':')[1].toLowerCase()}`.slice(
      0,
      30,
    );
    drills.push(withProject(project));
    const before: CallCounts = await counts();
    let fire: (name: string) => void = () => {};
    const fired = new Promise<string>(done => (fire = done));
    const armed: Armed = { operation, before: before[operation] ?? 0, fire };
    for (const r of replicas) r.armed = armed;
    const id = await runTask(replicas[i % 2], project);
    const ended = taskEnd(id);
    const killed = await Promise.race([fired, ended.then(() => undefined)]);
    for (const r of replicas) r.armed = undefined;
    const status = await ended;
    const after = await counts();
    const repeated = Object.keys(after)
      .filter(created)
      .filter(op => after[op] - (before[op] ?? 0) > calmMade(op));
    const dead = replicas.find(r => r.name === killed);
    const survivor = dead && other(dead);
    check(
      `crash drill: replica killed after ${operation}; the task completes on the other replica`,
      Boolean(killed) && status === 'completed' && repeated.length === 0,
      `${
        killed ? `killed ${killed}` : `the task never made ${operation}`
      }, finished on ${survivor?.name ?? '?'}: ${status}${
        repeated.length ? `; created again: ${repeated.join(', ')}` : ''
      }`,
    );
    if (dead) {
      const back = await startReplica(dead);
      if (!back) throw new Error(`replica ${killed} did not come back`);
    }
  }
  const org = await readOrganization(awsClients(EMULATOR));
  const problems = layoutProblems(
    org,
    [...drills, ...['replica-calm', 'replica-calm-2'].map(withProject)],
    'crash-',
  );
  check(
    'crash drill: the organization is the clean layout (no duplicate, nothing left in the Root)',
    problems.length === 0,
    problems.join('; '),
  );
}
