/*
 * The catalog figures of the refresh bench: the peer
 * (@backstage/plugin-catalog-backend-module-aws's Organizations account
 * reader) run for real on the emulator, and when the suite's account
 * entities reach their final form (OU, stage, owner), both counted in calls
 * the emulator served: AWS's rates count those, not throttled retries.
 */
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { AwsOrganizationCloudAccountProcessor } from '@backstage/plugin-catalog-backend-module-aws';
import type { RunningEmulator } from '@mlgov/aws-emulator';
import {
  ACCOUNT_TAGS,
  OrganizationSnapshot,
  RecordedAccountOfView,
  organizationView,
} from '@mlgov/plugin-ml-environments-common';
import { accountEntity, accountsOf } from '../../catalog/accountEntities';

/** Calls and throttled calls the emulator has counted, by operation. */
export type CallMark = {
  calls: Record<string, number>;
  throttled: Record<string, number>;
};

export const markCalls = (emulator: RunningEmulator): CallMark => ({
  calls: emulator.callCounts(),
  throttled: emulator.throttledCallCounts(),
});

const minus = (now: Record<string, number>, since: Record<string, number>) =>
  Object.fromEntries(
    Object.entries(now)
      .map(([key, n]) => [key, n - (since[key] ?? 0)] as const)
      .filter(([key, n]) => n > 0 && !key.startsWith('sqs:')),
  );

/** Calls made between two marks (throttled ones included), and those served. */
export function callsBetween(since: CallMark, now: CallMark) {
  const calls = minus(now.calls, since.calls);
  const throttled = minus(now.throttled, since.throttled);
  const served = Object.fromEntries(
    Object.entries(calls)
      .map(([k, n]) => [k, n - (throttled[k] ?? 0)] as const)
      .filter(([, n]) => n > 0),
  );
  return { calls, throttled, served };
}

export const total = (calls: Record<string, number>) =>
  Object.values(calls).reduce((a, b) => a + b, 0);

/**
 * Runs the peer's account reader once, as the catalog would for an
 * `aws-cloud-accounts` location: its own Organizations client (its retry
 * defaults), pointed at the emulator the SDK's standard way
 * (AWS_ENDPOINT_URL_ORGANIZATIONS), with credentials from `aws.mainAccount`
 * through @backstage/integration-aws-node, as the peer reads them.
 */
export async function runPeer(
  emulator: RunningEmulator,
  credentials: { accessKeyId: string; secretAccessKey: string },
) {
  const previous = process.env.AWS_ENDPOINT_URL_ORGANIZATIONS;
  process.env.AWS_ENDPOINT_URL_ORGANIZATIONS = emulator.url;
  try {
    const processor = await AwsOrganizationCloudAccountProcessor.fromConfig(
      new ConfigReader({ aws: { mainAccount: credentials } }),
      { logger: mockServices.logger.mock() },
    );
    const since = markCalls(emulator);
    const started = Date.now();
    let entities = 0;
    await processor.readLocation(
      { type: 'aws-cloud-accounts', target: '' },
      false,
      result => {
        if (result.type === 'entity') entities++;
      },
    );
    const seconds = (Date.now() - started) / 1000;
    return {
      entities,
      seconds,
      ...callsBetween(since, markCalls(emulator)),
    };
  } finally {
    if (previous === undefined)
      delete process.env.AWS_ENDPOINT_URL_ORGANIZATIONS;
    else process.env.AWS_ENDPOINT_URL_ORGANIZATIONS = previous;
  }
}

/**
 * The suite's record as a deployment that made or adopted the seed's ML
 * projects holds it: every account tagged with a project, by its tags.
 */
export function recordOf(emulator: RunningEmulator) {
  const owners = new Map<string, string>();
  const accounts = new Map<string, RecordedAccountOfView>();
  for (const account of emulator.state.accounts.values()) {
    const project = account.tags[ACCOUNT_TAGS.project];
    if (!project) continue;
    owners.set(
      project,
      account.tags[ACCOUNT_TAGS.owner] ?? 'group:default/platform-team',
    );
    accounts.set(account.id, {
      project,
      stage: account.tags[ACCOUNT_TAGS.stage] ?? 'sandbox',
      pattern: account.tags[ACCOUNT_TAGS.pattern],
    });
  }
  return { owners, accounts };
}

/**
 * The first saved stage whose account entities (what AwsAccountEntityProvider
 * publishes) are those of the last stage: every entity fully described.
 */
export function describedStage(
  saved: Array<{ snapshot: OrganizationSnapshot }>,
  options: Parameters<typeof organizationView>[2],
  record: ReturnType<typeof recordOf>,
) {
  const entitiesOf = (snapshot: OrganizationSnapshot) =>
    JSON.stringify(
      accountsOf(
        organizationView(snapshot, record.owners, options, record.accounts)
          .root,
      )
        .map(a => accountEntity(a, 'group:default/platform-team'))
        .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name)),
    );
  const final = entitiesOf(saved.at(-1)!.snapshot);
  return saved.findIndex(s => entitiesOf(s.snapshot) === final);
}
