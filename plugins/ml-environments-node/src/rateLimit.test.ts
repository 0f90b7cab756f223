import { ListRootsCommand } from '@aws-sdk/client-organizations';
import { ConfigReader } from '@backstage/config';
import {
  readSeedFile,
  startEmulator,
  suiteConfigFor,
  type RunningEmulator,
} from '@mlgov/aws-emulator';
import { resolve } from 'node:path';
import { MlAwsClients } from './clients';
import { readMlEnvironmentsAwsConfig } from './config';

describe('Organizations calls held to a rate', () => {
  let emulator: RunningEmulator;

  beforeEach(async () => {
    emulator = await startEmulator({
      seed: readSeedFile(
        resolve(__dirname, '../../../packages/aws-emulator/seeds/demo.yaml'),
      ),
      config: {
        throttling: {
          enabled: true,
          rules: { 'organizations:List*': { ratePerSecond: 20, burst: 4 } },
        },
      },
    });
  });
  afterEach(() => emulator.close());

  async function listRootsTwelveTimes(limits: object) {
    const clients = MlAwsClients.fromConfig(
      new ConfigReader(
        suiteConfigFor(emulator.url, {
          organizationsRateLimits: limits,
          maxAttempts: 10,
        }),
      ),
    );
    const organizations = await clients.organizations();
    await Promise.all(
      Array.from({ length: 12 }, () =>
        organizations.send(new ListRootsCommand({})),
      ),
    );
    return emulator.throttledCallCounts()['organizations:ListRoots'] ?? 0;
  }

  it('is never throttled within AWS’s rate', async () => {
    // Half AWS's rate and burst: room for calls that arrive bunched.
    expect(
      await listRootsTwelveTimes({ list: { ratePerSecond: 10, burst: 2 } }),
    ).toBe(0);
    expect(emulator.callCounts()['organizations:ListRoots']).toBe(12);
  });

  it('keeps one token of AWS’s burst unused, for calls that arrive late', async () => {
    const clients = MlAwsClients.fromConfig(
      new ConfigReader(
        suiteConfigFor(emulator.url, {
          // A rate of its own (buckets are per rate), two calls a second.
          organizationsRateLimits: { list: { ratePerSecond: 2, burst: 3 } },
        }),
      ),
    );
    const organizations = await clients.organizations();
    const send = () => organizations.send(new ListRootsCommand({}));
    const before = emulator.callCounts()['organizations:ListRoots'] ?? 0;
    const calls = () =>
      (emulator.callCounts()['organizations:ListRoots'] ?? 0) - before;
    const [first, second, third] = [send(), send(), send()];
    await Promise.all([first, second]);
    // The third waits half a second for a token (burst 3 less the one held
    // back); a busy machine only makes it later.
    await new Promise(r => setTimeout(r, 200));
    expect(calls()).toBe(2);
    await third;
    expect(calls()).toBe(3);
  });

  it('is throttled (and retried) when it exceeds it', async () => {
    expect(
      await listRootsTwelveTimes({
        list: { ratePerSecond: 1000, burst: 1000 },
      }),
    ).toBeGreaterThan(0);
  });

  it('reads the limits from config, refusing impossible ones', () => {
    expect(
      readMlEnvironmentsAwsConfig(
        new ConfigReader({
          mlEnvironments: {
            aws: {
              organizationsRateLimits: {
                list: { ratePerSecond: 3, burst: 4 },
                describePolicy: { ratePerSecond: 1 },
              },
            },
          },
        }),
      ).organizationsRateLimits,
    ).toEqual({
      'List*': { ratePerSecond: 3, burst: 4 },
      DescribePolicy: { ratePerSecond: 1, burst: 1 },
    });
    expect(() =>
      readMlEnvironmentsAwsConfig(
        new ConfigReader({
          mlEnvironments: {
            aws: { organizationsRateLimits: { list: { ratePerSecond: 0 } } },
          },
        }),
      ),
    ).toThrow(
      'Invalid configuration at mlEnvironments.aws.organizationsRateLimits.list: ratePerSecond must be above 0',
    );
  });
});
