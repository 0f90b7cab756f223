import { randomUUID } from 'node:crypto';
import type { Credential, EmulatorState } from './state.ts';
import type { EmulatorConfig } from './config.ts';
import { seededRandom } from './limits.ts';
import { enqueue, ensureQueue } from './services/sqs/index.ts';

/** Services whose calls CloudTrail records and EventBridge forwards here. */
const EVENT_SOURCES = new Set([
  'organizations',
  'controltower',
  'servicecatalog',
  'config',
  'sagemaker',
  'budgets',
]);

/** CloudTrail writes parameters with lower-camel-case names. */
function cloudTrailCase(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(cloudTrailCase);
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, v]) => [
        key.charAt(0).toLowerCase() + key.slice(1),
        cloudTrailCase(v),
      ]),
    );
  }
  return value;
}

/** Organizations is global: its events arrive in us-east-1. */
function eventRegion(service: string, region: string) {
  return service === 'organizations' ? 'us-east-1' : region;
}

function envelope(
  source: string,
  detailType: string,
  account: string,
  region: string,
  detail: Record<string, unknown>,
) {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': detailType,
    source,
    account,
    time: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region,
    resources: [],
    detail,
  };
}

/** How each state's events are delivered: duplicated, delayed, by seeded dice. */
const deliveries = new WeakMap<
  EmulatorState,
  EmulatorConfig['eventDelivery'] & { random: () => number }
>();

/** Sets (or, with the defaults, clears) the delivery knobs of a state's events. */
export function configureEventDelivery(
  state: EmulatorState,
  delivery: EmulatorConfig['eventDelivery'],
) {
  if (delivery.duplicateRate > 0 || delivery.maxDelayMs > 0) {
    deliveries.set(state, { ...delivery, random: seededRandom(delivery.seed) });
  } else {
    deliveries.delete(state);
  }
}

/**
 * Delivers an event to the queue an EventBridge rule would target, if any:
 * at once, or as the delivery knobs say, twice and late, so a later event
 * can arrive first (AWS promises at least once, not order).
 */
function deliver(state: EmulatorState, event: unknown) {
  if (!state.eventsQueue) return;
  const [accountId, name] = state.eventsQueue.split('/');
  const queue = ensureQueue(state, accountId, name);
  const body = JSON.stringify(event);
  const delivery = deliveries.get(state);
  if (!delivery) {
    enqueue(queue, body);
    return;
  }
  const copies = delivery.random() < delivery.duplicateRate ? 2 : 1;
  for (let copy = 0; copy < copies; copy++) {
    const delayMs = Math.floor(delivery.random() * delivery.maxDelayMs);
    if (delayMs === 0) enqueue(queue, body);
    else setTimeout(() => enqueue(queue, body), delayMs).unref();
  }
}

/** "AWS API Call via CloudTrail" for a mutating call that succeeded. */
export function emitApiCallEvent(
  state: EmulatorState,
  call: {
    service: string;
    operation: string;
    input: unknown;
    output: unknown;
    caller: Credential;
    region: string;
  },
) {
  if (!EVENT_SOURCES.has(call.service)) return;
  const region = eventRegion(call.service, call.region);
  deliver(
    state,
    envelope(
      `aws.${call.service}`,
      'AWS API Call via CloudTrail',
      call.caller.accountId,
      region,
      {
        eventVersion: '1.08',
        eventTime: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
        eventSource: `${call.service}.amazonaws.com`,
        eventName: call.operation,
        awsRegion: region,
        eventID: randomUUID(),
        eventType: 'AwsApiCall',
        readOnly: false,
        managementEvent: true,
        recipientAccountId: call.caller.accountId,
        requestParameters: cloudTrailCase(call.input ?? {}),
        responseElements: cloudTrailCase(call.output ?? null),
      },
    ),
  );
}

/** "AWS Service Event via CloudTrail", e.g. Organizations' CreateAccountResult. */
export function emitServiceEvent(
  state: EmulatorState,
  event: {
    service: string;
    eventName: string;
    region: string;
    serviceEventDetails: Record<string, unknown>;
  },
) {
  const region = eventRegion(event.service, event.region);
  deliver(
    state,
    envelope(
      `aws.${event.service}`,
      'AWS Service Event via CloudTrail',
      state.managementAccountId,
      region,
      {
        eventVersion: '1.08',
        eventSource: `${event.service}.amazonaws.com`,
        eventName: event.eventName,
        awsRegion: region,
        eventID: randomUUID(),
        eventType: 'AwsServiceEvent',
        readOnly: false,
        serviceEventDetails: cloudTrailCase(event.serviceEventDetails),
      },
    ),
  );
}

/** AWS Config's "Config Rules Compliance Change", as its rules emit it. */
export function emitComplianceChange(
  state: EmulatorState,
  change: {
    accountId: string;
    region: string;
    configRuleName: string;
    resourceType: string;
    resourceId: string;
    newCompliance: string;
    oldCompliance?: string;
  },
) {
  deliver(
    state,
    envelope(
      'aws.config',
      'Config Rules Compliance Change',
      change.accountId,
      change.region,
      {
        resourceId: change.resourceId,
        awsRegion: change.region,
        awsAccountId: change.accountId,
        configRuleName: change.configRuleName,
        messageType: 'ComplianceChangeNotification',
        resourceType: change.resourceType,
        newEvaluationResult: { complianceType: change.newCompliance },
        ...(change.oldCompliance
          ? { oldEvaluationResult: { complianceType: change.oldCompliance } }
          : {}),
      },
    ),
  );
}
