import {
  CreateAccountCommand,
  DescribeCreateAccountStatusCommand,
  MoveAccountCommand,
} from '@aws-sdk/client-organizations';
import type { SeedDocument } from './seed.ts';
import { restCall, startTestEmulator } from './__testUtils__/emulator.ts';

function seed(autoEnrollment: boolean): SeedDocument {
  return {
    accessKeys: { 'emulator-management': 'Management' },
    controlTower: { autoEnrollment },
    organizationalUnits: [{ name: 'Workloads', children: [{ name: 'Dev' }] }],
  };
}

/** An emulator, its Dev OU and its registration's enabled baseline ARN. */
async function start(autoEnrollment: boolean, asyncDelayMs = 0) {
  const env = await startTestEmulator({
    seed: seed(autoEnrollment),
    config: { asyncDelayMs },
  });
  const dev = [...env.emulator.state.ous.values()].find(o => o.name === 'Dev')!;
  const listed = await restCall(env.emulator, '/list-enabled-baselines', {
    filter: { targetIdentifiers: [dev.arn] },
  });
  const ouBaseline = listed.body.enabledBaselines.find(
    (b: any) => !b.baselineIdentifier.endsWith('LN25R72TTG6IGPTQ'),
  ).arn as string;
  /** Creates an account in the Root and moves it into Dev. */
  const moveNewAccount = async (name: string) => {
    const { CreateAccountStatus } = await env.organizations.send(
      new CreateAccountCommand({ AccountName: name, Email: `${name}@x.com` }),
    );
    // Creation completes on the emulator's next call (no delay).
    const { CreateAccountStatus: done } = await env.organizations.send(
      new DescribeCreateAccountStatusCommand({
        CreateAccountRequestId: CreateAccountStatus!.Id!,
      }),
    );
    const id = done!.AccountId!;
    await env.organizations.send(
      new MoveAccountCommand({
        AccountId: id,
        SourceParentId: env.rootId,
        DestinationParentId: dev.id,
      }),
    );
    return id;
  };
  const children = async () =>
    (
      await restCall(env.emulator, '/list-enabled-baselines', {
        includeChildren: true,
        filter: { parentIdentifiers: [ouBaseline] },
      })
    ).body.enabledBaselines as any[];
  const ouDrift = async () =>
    (
      await restCall(env.emulator, '/get-enabled-baseline', {
        enabledBaselineIdentifier: ouBaseline,
      })
    ).body.enabledBaselineDetails.driftStatusSummary.types.inheritance.status;
  return { ...env, dev, ouBaseline, moveNewAccount, children, ouDrift };
}

describe('Control Tower enrolment of moved accounts', () => {
  it('shows the remediation types of a landing zone with auto-enrolment', async () => {
    const { emulator } = await start(true);
    try {
      const [{ arn }] = (await restCall(emulator, '/list-landingzones', {}))
        .body.landingZones;
      const { body } = await restCall(emulator, '/get-landingzone', {
        landingZoneIdentifier: arn,
      });
      expect(body.landingZone.remediationTypes).toEqual(['INHERITANCE_DRIFT']);
    } finally {
      await emulator.close();
    }
  });

  it('enrols an account moved into a registered OU by itself, without drift', async () => {
    const env = await start(true);
    try {
      const id = await env.moveNewAccount('auto');
      const [child] = await env.children();
      expect(child).toMatchObject({
        parentIdentifier: env.ouBaseline,
        targetIdentifier: expect.stringMatching(new RegExp(`/${id}$`)),
        statusSummary: { status: 'SUCCEEDED' },
      });
      expect(await env.ouDrift()).toBe('IN_SYNC');
      // The child is its own enabled baseline.
      const got = await restCall(env.emulator, '/get-enabled-baseline', {
        enabledBaselineIdentifier: child.arn,
      });
      expect(got.body.enabledBaselineDetails.parentIdentifier).toBe(
        env.ouBaseline,
      );
      // Children are listed only when asked for.
      const plain = await restCall(env.emulator, '/list-enabled-baselines', {
        filter: { parentIdentifiers: [env.ouBaseline] },
      });
      expect(plain.body.enabledBaselines).toEqual([]);
    } finally {
      await env.emulator.close();
    }
  });

  it('keeps enrolments under change while they run, at most five at once', async () => {
    const env = await startTestEmulator({
      seed: {
        ...seed(true),
        controlTower: { autoEnrollment: true, unregistered: ['Staging'] },
        organizationalUnits: [
          { name: 'Workloads', children: [{ name: 'Dev' }] },
          {
            name: 'Staging',
            accounts: [1, 2, 3, 4, 5, 6].map(i => ({
              name: `staged-${i}`,
              email: `staged-${i}@x.com`,
              id: `90000000000${i}`,
            })),
          },
        ],
      },
      config: { asyncDelayMs: 60_000 },
    });
    try {
      const { state } = env.emulator;
      const ou = (name: string) =>
        [...state.ous.values()].find(o => o.name === name)!;
      for (let i = 1; i <= 6; i++) {
        await env.organizations.send(
          new MoveAccountCommand({
            AccountId: `90000000000${i}`,
            SourceParentId: ou('Staging').id,
            DestinationParentId: ou('Dev').id,
          }),
        );
      }
      const listed = await restCall(env.emulator, '/list-enabled-baselines', {
        includeChildren: true,
        filter: { statuses: ['UNDER_CHANGE'] },
      });
      expect(
        listed.body.enabledBaselines.map((b: any) =>
          b.targetIdentifier.slice(-12),
        ),
      ).toHaveLength(6);
      const started = [...state.autoEnrolments.values()].filter(e => e.started);
      expect(started.map(e => e.accountId)).toEqual(
        [1, 2, 3, 4, 5].map(i => `90000000000${i}`),
      );
      const ouBaseline = listed.body.enabledBaselines[0].parentIdentifier;
      const details = await restCall(env.emulator, '/get-enabled-baseline', {
        enabledBaselineIdentifier: ouBaseline,
      });
      expect(
        details.body.enabledBaselineDetails.driftStatusSummary.types.inheritance
          .status,
      ).toBe('IN_SYNC');
    } finally {
      await env.emulator.close();
    }
  });

  it('leaves a moved account unenrolled and its OU drifted without auto-enrolment, until the baseline is reset', async () => {
    const env = await start(false);
    try {
      await env.moveNewAccount('manual');
      expect(await env.children()).toEqual([]);
      expect(await env.ouDrift()).toBe('DRIFTED');
      await restCall(env.emulator, '/reset-enabled-baseline', {
        enabledBaselineIdentifier: env.ouBaseline,
      });
      expect(await env.ouDrift()).toBe('IN_SYNC');
      expect((await env.children()).map(c => c.statusSummary.status)).toEqual([
        'SUCCEEDED',
      ]);
    } finally {
      await env.emulator.close();
    }
  });

  it('unenrols an account moved out to the Root', async () => {
    const env = await start(true);
    try {
      const id = await env.moveNewAccount('leaving');
      expect(await env.children()).toHaveLength(1);
      await env.organizations.send(
        new MoveAccountCommand({
          AccountId: id,
          SourceParentId: env.dev.id,
          DestinationParentId: env.rootId,
        }),
      );
      expect(await env.children()).toEqual([]);
    } finally {
      await env.emulator.close();
    }
  });
});
