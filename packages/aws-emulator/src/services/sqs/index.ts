import { createHash, randomUUID } from 'node:crypto';
import { AwsError } from '../../errors.ts';
import type { CallContext, Handlers } from '../../context.ts';
import type { EmulatorState, QueueRecord } from '../../state.ts';

/** SQS's longest long poll and largest receive, per its API reference. */
const MAX_WAIT_SECONDS = 20;
const MAX_MESSAGES_PER_RECEIVE = 10;
const MAX_BATCH_ENTRIES = 10;
const DEFAULT_VISIBILITY_TIMEOUT_SECONDS = 30;
const QUEUE_NAME = /^[A-Za-z0-9_-]{1,80}$/;

function nonExistentQueue() {
  return new AwsError(
    'QueueDoesNotExist',
    'The specified queue does not exist.',
  );
}

/** `…/<account>/<name>`: the account and name are what identify a queue. */
function queueOf(ctx: CallContext, queueUrl: string | undefined) {
  const [name, accountId] = String(queueUrl ?? '')
    .split('/')
    .reverse();
  const queue = ctx.state.queues.get(`${accountId}/${name}`);
  if (!queue) throw nonExistentQueue();
  if (queue.accountId !== ctx.caller.accountId) {
    throw new AwsError(
      'AccessDenied',
      `Access to the queue of account ${queue.accountId} is denied.`,
      { status: 403 },
    );
  }
  return queue;
}

function integerIn(name: string, value: unknown, min: number, max: number) {
  if (value === undefined) return undefined;
  if (
    !Number.isInteger(value) ||
    (value as number) < min ||
    (value as number) > max
  ) {
    throw new AwsError(
      'InvalidParameterValue',
      `Value ${value} for parameter ${name} is invalid. Reason: must be between ${min} and ${max}.`,
    );
  }
  return value as number;
}

function md5(text: string) {
  return createHash('md5').update(text).digest('hex');
}

/** Puts a message on a queue and wakes the receives waiting on it. */
export function enqueue(queue: QueueRecord, body: string) {
  const message = {
    messageId: randomUUID(),
    body,
    sentAt: Date.now(),
    visibleAt: 0,
    receiveCount: 0,
  };
  queue.messages.push(message);
  for (const wake of queue.waiters) wake();
  queue.waiters.clear();
  return message;
}

/** Creates the queue, or answers the existing one's URL as SQS does. */
export function ensureQueue(
  state: EmulatorState,
  accountId: string,
  name: string,
) {
  const key = `${accountId}/${name}`;
  let queue = state.queues.get(key);
  if (!queue) {
    queue = {
      accountId,
      name,
      createdAt: Date.now(),
      visibilityTimeoutSeconds: DEFAULT_VISIBILITY_TIMEOUT_SECONDS,
      messages: [],
      waiters: new Set(),
    };
    state.queues.set(key, queue);
  }
  return queue;
}

function visibleMessages(queue: QueueRecord, now: number) {
  return queue.messages.filter(m => m.visibleAt <= now);
}

function receive(queue: QueueRecord, input: any) {
  const max =
    integerIn(
      'MaxNumberOfMessages',
      input.MaxNumberOfMessages,
      1,
      MAX_MESSAGES_PER_RECEIVE,
    ) ?? 1;
  const visibility =
    integerIn('VisibilityTimeout', input.VisibilityTimeout, 0, 43200) ??
    queue.visibilityTimeoutSeconds;
  const now = Date.now();
  return visibleMessages(queue, now)
    .slice(0, max)
    .map(message => {
      message.visibleAt = now + visibility * 1000;
      message.receiveCount++;
      message.receiptHandle = `${message.messageId}#${randomUUID()}`;
      return {
        MessageId: message.messageId,
        ReceiptHandle: message.receiptHandle,
        MD5OfBody: md5(message.body),
        Body: message.body,
      };
    });
}

function deleteByHandle(queue: QueueRecord, receiptHandle: unknown) {
  const index = queue.messages.findIndex(
    m => m.receiptHandle !== undefined && m.receiptHandle === receiptHandle,
  );
  if (index >= 0) {
    queue.messages.splice(index, 1);
    return;
  }
  // A handle of a message already deleted is accepted; a made-up one is not.
  if (typeof receiptHandle !== 'string' || !receiptHandle.includes('#')) {
    throw new AwsError(
      'ReceiptHandleIsInvalid',
      `The input receipt handle "${receiptHandle}" is not a valid receipt handle.`,
    );
  }
}

function checkBatch(entries: any[] | undefined) {
  if (!entries || entries.length === 0) {
    throw new AwsError(
      'EmptyBatchRequest',
      'There should be at least one entry in the request.',
    );
  }
  if (entries.length > MAX_BATCH_ENTRIES) {
    throw new AwsError(
      'TooManyEntriesInBatchRequest',
      `Maximum number of entries per request are ${MAX_BATCH_ENTRIES}. You have sent ${entries.length}.`,
    );
  }
  if (new Set(entries.map(e => e.Id)).size !== entries.length) {
    throw new AwsError(
      'BatchEntryIdsNotDistinct',
      'Two or more batch entries in the request have the same Id.',
    );
  }
}

/**
 * The subset of Amazon SQS that Backstage's events module and the emulator's
 * own event delivery use. ReceiveMessage long-polls: it answers when a
 * message arrives or WaitTimeSeconds pass.
 */
export function sqsHandlers(): Handlers {
  return {
    CreateQueue(ctx, input) {
      if (!QUEUE_NAME.test(String(input.QueueName ?? ''))) {
        throw new AwsError(
          'InvalidParameterValue',
          'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length',
        );
      }
      const queue = ensureQueue(
        ctx.state,
        ctx.caller.accountId,
        input.QueueName,
      );
      const timeout = input.Attributes?.VisibilityTimeout;
      if (timeout !== undefined) {
        queue.visibilityTimeoutSeconds = integerIn(
          'VisibilityTimeout',
          Number(timeout),
          0,
          43200,
        )!;
      }
      return { QueueUrl: `${ctx.endpoint}/${queue.accountId}/${queue.name}` };
    },
    GetQueueUrl(ctx, input) {
      const owner = input.QueueOwnerAWSAccountId ?? ctx.caller.accountId;
      const queue = ctx.state.queues.get(`${owner}/${input.QueueName}`);
      if (!queue) throw nonExistentQueue();
      return { QueueUrl: `${ctx.endpoint}/${queue.accountId}/${queue.name}` };
    },
    GetQueueAttributes(ctx, input) {
      const queue = queueOf(ctx, input.QueueUrl);
      const now = Date.now();
      const visible = visibleMessages(queue, now).length;
      return {
        Attributes: {
          ApproximateNumberOfMessages: String(visible),
          ApproximateNumberOfMessagesNotVisible: String(
            queue.messages.length - visible,
          ),
          VisibilityTimeout: String(queue.visibilityTimeoutSeconds),
          CreatedTimestamp: String(Math.floor(queue.createdAt / 1000)),
        },
      };
    },
    SendMessage(ctx, input) {
      const queue = queueOf(ctx, input.QueueUrl);
      const message = enqueue(queue, String(input.MessageBody ?? ''));
      return {
        MessageId: message.messageId,
        MD5OfMessageBody: md5(message.body),
      };
    },
    async ReceiveMessage(ctx, input) {
      const queue = queueOf(ctx, input.QueueUrl);
      const waitSeconds =
        integerIn(
          'WaitTimeSeconds',
          input.WaitTimeSeconds,
          0,
          MAX_WAIT_SECONDS,
        ) ?? 0;
      const deadline = Date.now() + waitSeconds * 1000;
      for (;;) {
        const messages = receive(queue, input);
        const left = deadline - Date.now();
        if (messages.length > 0 || left <= 0) {
          return messages.length > 0 ? { Messages: messages } : {};
        }
        // Woken by a new message, or after a second for ones whose
        // visibility timeout ran out.
        await new Promise<void>(resolve => {
          const timer = setTimeout(done, Math.min(left, 1000));
          function done() {
            clearTimeout(timer);
            queue.waiters.delete(done);
            resolve();
          }
          queue.waiters.add(done);
        });
      }
    },
    DeleteMessage(ctx, input) {
      deleteByHandle(queueOf(ctx, input.QueueUrl), input.ReceiptHandle);
      return {};
    },
    DeleteMessageBatch(ctx, input) {
      const queue = queueOf(ctx, input.QueueUrl);
      checkBatch(input.Entries);
      const Successful: Array<{ Id: string }> = [];
      const Failed: Array<Record<string, unknown>> = [];
      for (const entry of input.Entries) {
        try {
          deleteByHandle(queue, entry.ReceiptHandle);
          Successful.push({ Id: entry.Id });
        } catch (error) {
          Failed.push({
            Id: entry.Id,
            SenderFault: true,
            Code: (error as AwsError).code,
            Message: (error as AwsError).message,
          });
        }
      }
      return { Successful, Failed };
    },
    PurgeQueue(ctx, input) {
      queueOf(ctx, input.QueueUrl).messages.length = 0;
      return {};
    },
  };
}

/** Receiving and deleting consume events; they change nothing governed. */
export const sqsMutations: ReadonlySet<string> = new Set([
  'CreateQueue',
  'SendMessage',
  'PurgeQueue',
]);
