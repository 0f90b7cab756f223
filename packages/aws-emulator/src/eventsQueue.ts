import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { RunningEmulator } from './server.ts';

/**
 * Receives, through SQS as a consumer would, every message now visible on
 * the emulator's events queue, in the order they arrive; each body parsed.
 * For tests and benchmarks that feed events to the suite by hand.
 */
export async function receiveQueuedEvents(
  emulator: Pick<RunningEmulator, 'url'>,
  queueName = 'ml-governance-events',
): Promise<unknown[]> {
  const sqs = new SQSClient({
    endpoint: emulator.url,
    region: 'us-east-1',
    credentials: {
      accessKeyId: 'emulator-management',
      secretAccessKey: 'emulator-placeholder',
    },
  });
  const events: unknown[] = [];
  for (;;) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: `${emulator.url}/111111111111/${queueName}`,
        MaxNumberOfMessages: 10,
      }),
    );
    if (Messages.length === 0) return events;
    events.push(...Messages.map(m => JSON.parse(m.Body!)));
  }
}
