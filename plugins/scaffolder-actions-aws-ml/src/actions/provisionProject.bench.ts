/*
 * npm run bench: how many AWS calls provisioning a project makes, and how
 * long it takes against the emulator: unthrottled with no asynchronous
 * delay; then AWS-like (the emulator's default 2 s for each asynchronous
 * operation, Organizations throttled at the rates the Control Tower guide
 * publishes, List* 5/s with bursts of 8 and DescribePolicy 2/s, and the
 * suite holding itself to them) on the demo organization and on a generated
 * 1,000-account one, each with its landing zone as set up and with
 * auto-enrolment on. Prints figures; asserts nothing about time. Each row
 * has the run's critical-path floor (criticalPathFloorMs), and the end the
 * ratios: MLOps against sandbox, and MLOps against its floor.
 */
/* eslint-disable no-restricted-imports, jest/expect-expect, @backstage/no-undeclared-imports -- a benchmark runs on the test helpers and dev dependencies, and reports figures instead of asserting */
import {
  brownfieldSeed,
  defaultConfig,
  type SeedDocument,
} from '@mlgov/aws-emulator';
import { planProject } from '@mlgov/plugin-ml-environments-common';
import { createProvisionProjectAction } from './provisionProject';
import { criticalPathFloorMs } from './__testUtils__/provisioningFloor';
import { demoSeed, startActionsEnv } from './__testUtils__/emulator';
import { createTestActionContext } from './__testUtils__/testing';

jest.setTimeout(10 * 60_000);

const inputs = {
  sandbox: {
    pattern: 'sandbox' as const,
    spendingLimitUsd: 300,
    alertEmail: 'bench@example.com',
  },
  dev: { pattern: 'dev' as const, datasets: ['sales'] },
  mlops: { pattern: 'mlops' as const, prodApprovalRequired: true },
};

const rows: string[] = [];
/** Each AWS-like first run's time and floor, for the ratios at the end. */
const firsts = new Map<string, { ms: number; floorMs: number }>();

/**
 * The brownfield company once it has done the one-time Service Catalog
 * setup (docs/deployment.md, "Service Catalog sharing"), without which the
 * patterns with products stop at pre-flight.
 */
function afterSharingSetup(seed: SeedDocument): SeedDocument {
  return {
    ...seed,
    organization: {
      ...seed.organization,
      trustedServices: ['servicecatalog.amazonaws.com'],
      delegatedAdministrators: {
        'servicecatalog.amazonaws.com': ['Team Shared Services'],
      },
    },
  };
}

function summarize(calls: Record<string, number>) {
  const total = Object.values(calls).reduce((a, b) => a + b, 0);
  const lists = Object.entries(calls)
    .filter(([op]) => /:(List|Describe|Search|Get)|^sts:/.test(op))
    .reduce((a, [, n]) => a + n, 0);
  return { total, reads: lists, writes: total - lists };
}

describe('provisioning benchmark', () => {
  afterAll(() => {
    // console.log, unlike stdout from a worker's afterAll, survives a run
    // of several benchmark files.
    const ratios = [];
    for (const org of [
      'demo',
      '1,000',
      'demo, auto-enrolling',
      '1,000, auto-enrolling',
    ]) {
      const mlops = firsts.get(`mlops ${org}`);
      const sandbox = firsts.get(`sandbox ${org}`);
      if (mlops && sandbox) {
        ratios.push(
          `${org}: MLOps ${mlops.ms} ms vs sandbox ${sandbox.ms} ms = ${(
            mlops.ms / sandbox.ms
          ).toFixed(2)}x; MLOps vs its critical-path floor ${
            mlops.floorMs
          } ms = ${(mlops.ms / mlops.floorMs).toFixed(2)}x`,
        );
      }
    }
    console.log(
      [
        'pattern  organization                    run     ms  floor  calls  reads  writes',
        ...rows,
        ...ratios,
      ].join('\n'),
    );
  });

  // The landing zone as AWS sets it up, and with auto-enrolment on (a
  // setting of landing zones 3.1 and later).
  const autoEnrolling = (seed: SeedDocument): SeedDocument => ({
    ...seed,
    controlTower: { ...seed.controlTower, autoEnrollment: true },
  });
  const scenarios = [
    { label: 'demo, instant', awsLike: false, org: 'demo', seed: undefined },
    { label: 'demo, AWS-like', awsLike: true, org: 'demo', seed: undefined },
    {
      label: '1,000, AWS-like',
      awsLike: true,
      org: '1,000',
      seed: afterSharingSetup(brownfieldSeed()),
    },
    {
      label: 'demo, AWS-like, auto-enrolling',
      awsLike: true,
      org: 'demo, auto-enrolling',
      seed: autoEnrolling(demoSeed()),
    },
    {
      label: '1,000, AWS-like, auto-enrolling',
      awsLike: true,
      org: '1,000, auto-enrolling',
      seed: autoEnrolling(afterSharingSetup(brownfieldSeed())),
    },
  ];
  for (const { label, awsLike, org, seed } of scenarios) {
    for (const [name, patternInput] of Object.entries(inputs)) {
      it(`${name}, ${label}`, async () => {
        const env = await startActionsEnv(
          {
            ...(seed ? { seed } : {}),
            config: {
              asyncDelayMs: awsLike ? defaultConfig.asyncDelayMs : 0,
              throttling: {
                enabled: awsLike,
                rules: {
                  'organizations:List*': { ratePerSecond: 5, burst: 8 },
                  'organizations:DescribePolicy': {
                    ratePerSecond: 2,
                    burst: 2,
                  },
                },
              },
            },
          },
          {
            maxAttempts: 10,
            // The dev app's interval; AWS-like work takes seconds.
            pollIntervalSeconds: awsLike ? 0.5 : undefined,
            organizationsRateLimits: awsLike
              ? {
                  list: { ratePerSecond: 5, burst: 8 },
                  describePolicy: { ratePerSecond: 2, burst: 2 },
                }
              : undefined,
          },
        );
        try {
          const action = createProvisionProjectAction(env.deps);
          const input = {
            ...patternInput,
            project: `bench-${name}`,
            owner: 'group:default/bench',
            costCenter: 'CC-BENCH',
            accountEmailTemplate: 'aws+{project}-{stage}@example.com',
          };
          // The pattern's plan, for the floor (the action plans the same).
          const plan = planProject({
            ...input,
            [patternInput.pattern]: inputs[patternInput.pattern],
          });
          for (const run of ['first', 'rerun']) {
            env.emulator.reset();
            if (run === 'rerun') {
              await action.handler(createTestActionContext(input).ctx);
              env.emulator.callCounts(); // the first run's calls are not counted
            }
            // From an idle organization: AWS's rate buckets, and the
            // suite's own, full again (List* refills 8 tokens in 1.6 s).
            await new Promise(resolve => setTimeout(resolve, 2000));
            const before = env.emulator.callCounts();
            const started = performance.now();
            await action.handler(createTestActionContext(input).ctx);
            const ms = Math.round(performance.now() - started);
            const after = env.emulator.callCounts();
            const delta = Object.fromEntries(
              Object.entries(after).map(([op, n]) => [
                op,
                n - (before[op] ?? 0),
              ]),
            );
            const { total, reads, writes } = summarize(delta);
            const delayMs = awsLike ? defaultConfig.asyncDelayMs : 0;
            const floorMs = criticalPathFloorMs(
              plan,
              delta,
              delayMs,
              seed?.controlTower?.autoEnrollment === true,
            );
            if (awsLike && run === 'first') {
              firsts.set(`${name} ${org}`, {
                ms,
                floorMs,
              });
            }
            rows.push(
              [
                name.padEnd(8),
                label.padEnd(31),
                run.padEnd(5),
                String(ms).padStart(6),
                String(floorMs).padStart(6),
                String(total).padStart(6),
                String(reads).padStart(6),
                String(writes).padStart(7),
              ].join(' '),
            );
          }
        } finally {
          await env.emulator.close();
        }
      });
    }
  }
});
