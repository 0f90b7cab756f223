import { TagResourceCommand } from '@aws-sdk/client-organizations';
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { clientConfig, startTestEmulator } from './__testUtils__/emulator.ts';

const MEMBER = '222222222222';

/** Tags the member account `count` times and returns the values EventBridge delivered, in arrival order. */
async function deliveredTagValues(
  eventDelivery: { duplicateRate: number; maxDelayMs: number; seed: number },
  count: number,
) {
  const { emulator, organizations } = await startTestEmulator({
    seed: {
      accessKeys: { 'emulator-management': 'Management' },
      accounts: [{ name: 'Dev', email: 'dev@example.com', id: MEMBER }],
    },
    config: { eventDelivery },
  });
  try {
    for (let i = 0; i < count; i++) {
      await organizations.send(
        new TagResourceCommand({
          ResourceId: MEMBER,
          Tags: [{ Key: 'step', Value: String(i) }],
        }),
      );
    }
    // Every delivery is due within maxDelayMs.
    await new Promise(r => setTimeout(r, eventDelivery.maxDelayMs + 100));
    const sqs = new SQSClient(clientConfig(emulator));
    const values: string[] = [];
    for (;;) {
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: `${emulator.url}/111111111111/ml-governance-events`,
          MaxNumberOfMessages: 10,
        }),
      );
      if (Messages.length === 0) return values;
      for (const message of Messages) {
        const { detail } = JSON.parse(message.Body!);
        values.push(detail.requestParameters.tags[0].value);
      }
    }
  } finally {
    await emulator.close();
  }
}

describe('EventBridge delivery knobs', () => {
  const sent = Array.from({ length: 20 }, (_, i) => String(i));

  it('delivers each event once, in order, by default', async () => {
    expect(
      await deliveredTagValues(
        { duplicateRate: 0, maxDelayMs: 0, seed: 1 },
        20,
      ),
    ).toEqual(sent);
  });

  it('delivers some events twice and late, out of order, as AWS may', async () => {
    const values = await deliveredTagValues(
      { duplicateRate: 0.5, maxDelayMs: 300, seed: 7 },
      20,
    );
    // At least once: nothing lost.
    expect([...new Set(values)].sort()).toEqual([...sent].sort());
    expect(values.length).toBeGreaterThan(sent.length);
    // Out of order: arrival is not the order the calls were made in.
    expect(values).not.toEqual(
      [...values].sort((a, b) => Number(a) - Number(b)),
    );
  });
});
