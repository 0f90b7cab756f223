// `npm run bench`, on the dev stack: a new sandbox project and a new MLOps
// project through their templates (the scaffolder API, as the browser's form
// submits them), on the demo organization as seeded and with Control Tower
// auto-enrolment on, the emulator as `npm run dev` starts it. Each time is
// from the request to the task's end. Prints figures and the MLOps/sandbox
// ratios; asserts nothing.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import { BACKEND, guestSignIn } from '../lib/stack.ts';
import { createApi, type Api } from '../templates/scaffolder.ts';
import { startQuietly, waitUntil } from '../smoke/stack.ts';

const DEMO_SEED = 'packages/aws-emulator/seeds/demo.yaml';

const TEMPLATES = {
  sandbox: {
    template: 'ml-sandbox-project',
    values: {
      pattern: 'sandbox',
      spendingLimitUsd: 250,
      alertEmail: 'team-churn@example.com',
    },
  },
  mlops: {
    template: 'ml-mlops-project',
    values: { pattern: 'mlops', prodApprovalRequired: true },
  },
};

/**
 * Runs the template; the time from its request to the task's end, as the
 * user's browser would see it (the task polled every 100 ms; the
 * scaffolder's own timestamps are whole seconds).
 */
async function timedTask(
  api: Api,
  template: string,
  values: Record<string, unknown>,
): Promise<{ status: string; ms: number }> {
  const started = performance.now();
  const created = await api('/api/scaffolder/v2/tasks', {
    method: 'POST',
    body: JSON.stringify({
      templateRef: `template:default/${template}`,
      values,
    }),
  });
  if (created.status !== 201)
    return { status: `rejected ${created.status}`, ms: NaN };
  const { id } = created.body as { id: string };
  for (;;) {
    const { body } = await api(`/api/scaffolder/v2/tasks/${id}`);
    if (['completed', 'failed', 'cancelled'].includes(body.status)) {
      return {
        status: body.status,
        ms: Math.round(performance.now() - started),
      };
    }
    if (performance.now() - started > 600_000)
      return { status: 'timed out', ms: NaN };
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}

async function onOrganization(label: string, seedFile: string) {
  rmSync('local-repositories', { recursive: true, force: true });
  const dev = startQuietly(
    'npm',
    ['run', 'dev'],
    `.ci-out/bench-${label.replace(/\W+/g, '-')}.log`,
    {
      env: { AWS_EMULATOR_SEED: seedFile },
    },
  );
  const rows: string[] = [];
  const times: Record<string, number> = {};
  try {
    const up = await waitUntil(
      'the backend',
      async () => (await fetch(`${BACKEND}/.backstage/health/v1/readiness`)).ok,
      600_000,
    );
    // The frontend's first build is over before anything is timed.
    await waitUntil(
      'the frontend',
      async () => (await fetch('http://localhost:3000')).ok,
      600_000,
    );
    let identity = up ? await guestSignIn(BACKEND) : undefined;
    // The templates are in the catalog once its first processing is over.
    await waitUntil(
      'the templates in the catalog',
      async () =>
        (
          await fetch(
            `${BACKEND}/api/catalog/entities/by-name/template/default/ml-mlops-project`,
            { headers: { authorization: `Bearer ${identity?.token}` } },
          )
        ).ok,
      300_000,
    );
    // Group membership is resolved at sign-in: again, now that the catalog
    // holds the guest's User, a member of the owner team.
    identity = await guestSignIn(BACKEND);
    // And the suite's first read of the organization is complete, or a
    // project request is told to come back later.
    await waitUntil(
      'the first complete organization snapshot',
      async () => {
        const response = await fetch(
          `${BACKEND}/api/ml-environments/organization`,
          { headers: { authorization: `Bearer ${identity?.token}` } },
        );
        if (!response.ok) return false;
        const { loading } = (await response.json()) as { loading?: string[] };
        return !loading?.length;
      },
      300_000,
    );
    if (!identity?.token)
      return { rows: [`${label}: the dev stack did not start`], times };
    const api = createApi(BACKEND, identity.token);
    for (const [pattern, { template, values }] of Object.entries(TEMPLATES)) {
      const { status, ms } = await timedTask(api, template, {
        ...values,
        project: `bench-${pattern}`,
        description: 'Timed by npm run bench',
        owner: 'group:default/team-churn',
        costCenter: 'CC-9100',
      });
      times[pattern] = ms;
      rows.push(
        `${pattern.padEnd(8)} ${label.padEnd(22)} ${status.padEnd(9)} ${String(
          ms,
        ).padStart(6)}`,
      );
    }
  } finally {
    await dev.stop();
  }
  return { rows, times };
}

async function main() {
  mkdirSync('.ci-out', { recursive: true });
  const seed = parse(readFileSync(DEMO_SEED, 'utf8'));
  // Beside the demo seed: its paths are relative to where it lies.
  const autoSeed = 'packages/aws-emulator/seeds/.bench-auto-enrolling.yaml';
  writeFileSync(
    autoSeed,
    stringify({
      ...seed,
      controlTower: { ...seed.controlTower, autoEnrollment: true },
    }),
  );
  const lines = ['pattern  organization           status        ms'];
  const ratios: string[] = [];
  for (const [label, file] of [
    ['demo', DEMO_SEED],
    ['demo, auto-enrolling', autoSeed],
  ]) {
    const { rows, times } = await onOrganization(label, file).finally(() =>
      file === autoSeed ? rmSync(autoSeed, { force: true }) : undefined,
    );
    lines.push(...rows);
    if (times.mlops && times.sandbox) {
      ratios.push(
        `dev stack, ${label}: MLOps ${times.mlops} ms vs sandbox ${
          times.sandbox
        } ms = ${(times.mlops / times.sandbox).toFixed(2)}x`,
      );
    }
  }
  console.log([...lines, ...ratios].join('\n'));
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
