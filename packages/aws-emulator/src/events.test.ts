import {
  CreateAccountCommand,
  DescribeCreateAccountStatusCommand,
  OrganizationsClient,
  TagResourceCommand,
} from '@aws-sdk/client-organizations';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ReceiveMessageCommand,
  SQSClient,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { resolve } from 'node:path';
import { type RunningEmulator, startEmulator } from './server.ts';
import { readSeedFile } from './seed.ts';
import {
  clientConfig,
  errorOf,
  startTestEmulator,
} from './__testUtils__/emulator.ts';

const MEMBER = '222222222222';

describe('SQS and the organization events queue', () => {
  let emulator: RunningEmulator;
  let sqs: SQSClient;
  let queueUrl: string;

  beforeEach(async () => {
    let organizations: OrganizationsClient;
    ({ emulator, organizations } = await startTestEmulator({
      seed: {
        accessKeys: { 'emulator-management': 'Management', 'dev-key': 'Dev' },
        accounts: [{ name: 'Dev', email: 'dev@example.com', id: MEMBER }],
      },
    }));
    sqs = new SQSClient(clientConfig(emulator));
    ({ QueueUrl: queueUrl } = (await sqs.send(
      new GetQueueUrlCommand({ QueueName: 'ml-governance-events' }),
    )) as { QueueUrl: string });
    await organizations.send(
      new TagResourceCommand({
        ResourceId: MEMBER,
        Tags: [{ Key: 'ml:project', Value: 'churn' }],
      }),
    );
  });

  afterEach(() => emulator.close());

  async function receiveAll() {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
      }),
    );
    return Messages;
  }

  it('delivers a CloudTrail event for each mutating call, as EventBridge would', async () => {
    const [message] = await receiveAll();
    const event = JSON.parse(message.Body!);
    expect(event).toMatchObject({
      source: 'aws.organizations',
      'detail-type': 'AWS API Call via CloudTrail',
      region: 'us-east-1',
      detail: {
        eventSource: 'organizations.amazonaws.com',
        eventName: 'TagResource',
        requestParameters: {
          resourceId: MEMBER,
          tags: [{ key: 'ml:project', value: 'churn' }],
        },
      },
    });
  });

  it('sends CreateAccountResult when an account creation finishes', async () => {
    const client = new OrganizationsClient(clientConfig(emulator));
    const { CreateAccountStatus } = await client.send(
      new CreateAccountCommand({
        AccountName: 'New',
        Email: 'new@example.com',
      }),
    );
    const { CreateAccountStatus: done } = await client.send(
      new DescribeCreateAccountStatusCommand({
        CreateAccountRequestId: CreateAccountStatus!.Id,
      }),
    );
    const events = (await receiveAll()).map(m => JSON.parse(m.Body!));
    const result = events.find(
      e => e.detail.eventName === 'CreateAccountResult',
    );
    expect(result).toMatchObject({
      'detail-type': 'AWS Service Event via CloudTrail',
      detail: {
        serviceEventDetails: {
          createAccountStatus: {
            state: 'SUCCEEDED',
            accountId: done!.AccountId,
          },
        },
      },
    });
  });

  it('hides a received message until deleted or its visibility times out', async () => {
    const first = await receiveAll();
    expect(first).toHaveLength(1);
    expect(await receiveAll()).toHaveLength(0);
    const { Successful, Failed } = await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: first.map((m, i) => ({
          Id: String(i),
          ReceiptHandle: m.ReceiptHandle,
        })),
      }),
    );
    expect({ Successful, Failed }).toEqual({
      Successful: [{ Id: '0' }],
      Failed: [],
    });
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: queueUrl,
        AttributeNames: ['All'],
      }),
    );
    expect(Attributes?.ApproximateNumberOfMessages).toBe('0');
    expect(Attributes?.ApproximateNumberOfMessagesNotVisible).toBe('0');
  });

  it('authorizes the batch calls as their single action (IAM has no sqs:DeleteMessageBatch)', async () => {
    const { Arn } = await new STSClient(clientConfig(emulator)).send(
      new GetCallerIdentityCommand({}),
    );
    emulator.state.principalPolicies.set(Arn!, [
      {
        Statement: [
          {
            Effect: 'Allow',
            Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage'],
            Resource: '*',
          },
        ],
      },
    ]);
    const first = await receiveAll();
    const batch = new DeleteMessageBatchCommand({
      QueueUrl: queueUrl,
      Entries: first.map((m, i) => ({
        Id: String(i),
        ReceiptHandle: m.ReceiptHandle,
      })),
    });
    expect((await sqs.send(batch)).Successful).toEqual([{ Id: '0' }]);
    // Without sqs:DeleteMessage the batch is refused as that action.
    emulator.state.principalPolicies.set(Arn!, [
      {
        Statement: [
          { Effect: 'Allow', Action: 'sqs:ReceiveMessage', Resource: '*' },
        ],
      },
    ]);
    expect((await errorOf(sqs.send(batch))).message).toMatch(
      /not authorized to perform: sqs:DeleteMessage on resource/,
    );
  });

  it('answers a long poll as soon as a message arrives', async () => {
    await receiveAll();
    const { QueueUrl: own } = await sqs.send(
      new CreateQueueCommand({ QueueName: 'own' }),
    );
    const polled = sqs.send(
      new ReceiveMessageCommand({ QueueUrl: own, WaitTimeSeconds: 20 }),
    );
    await sqs.send(
      new SendMessageCommand({ QueueUrl: own, MessageBody: 'hi' }),
    );
    const { Messages } = await polled;
    expect(Messages?.map(m => m.Body)).toEqual(['hi']);
  });

  it("refuses unknown queues, another account's queue and bad receive sizes", async () => {
    expect(
      (
        await errorOf(
          sqs.send(new GetQueueUrlCommand({ QueueName: 'missing' })),
        )
      ).name,
    ).toBe('QueueDoesNotExist');
    const dev = new SQSClient(clientConfig(emulator, 'dev-key'));
    expect(
      (
        await errorOf(
          dev.send(new ReceiveMessageCommand({ QueueUrl: queueUrl })),
        )
      ).name,
    ).toBe('AccessDenied');
    const tooMany = await errorOf(
      sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: queueUrl,
          MaxNumberOfMessages: 11,
        }),
      ),
    );
    expect(tooMany.name).toBe('InvalidParameterValue');
    expect(await receiveAll()).toHaveLength(1);
  });

  it('emits a Config compliance change when an evaluation is recorded', async () => {
    const demo = await startEmulator({
      seed: readSeedFile(resolve(__dirname, '../seeds/demo.yaml')),
    });
    try {
      const record = (body: object) =>
        fetch(`${demo.url}/_emulator/compliance`, {
          method: 'POST',
          body: JSON.stringify(body),
        });
      const response = await record({
        accountId: '200000000011',
        control: 'AWS-GR_S3_BUCKET_PUBLIC_READ_PROHIBITED',
        resourceId: 'churn-prediction-dev-features',
        compliance: 'NON_COMPLIANT',
      });
      expect(await response.json()).toEqual({
        ruleName: 'AWSControlTower_AWS-GR_S3_BUCKET_PUBLIC_READ_PROHIBITED',
        before: 'COMPLIANT',
        after: 'NON_COMPLIANT',
      });
      const demoSqs = new SQSClient(clientConfig(demo));
      const { QueueUrl } = await demoSqs.send(
        new GetQueueUrlCommand({ QueueName: 'ml-governance-events' }),
      );
      const { Messages = [] } = await demoSqs.send(
        new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }),
      );
      expect(Messages.map(m => JSON.parse(m.Body!))).toEqual([
        expect.objectContaining({
          source: 'aws.config',
          'detail-type': 'Config Rules Compliance Change',
          detail: expect.objectContaining({
            awsAccountId: '200000000011',
            newEvaluationResult: { complianceType: 'NON_COMPLIANT' },
          }),
        }),
      ]);
    } finally {
      await demo.close();
    }
  });

  it('refuses an evaluation for a rule the account does not have', async () => {
    const response = await fetch(`${emulator.url}/_emulator/compliance`, {
      method: 'POST',
      body: JSON.stringify({
        accountId: MEMBER,
        control: 'AWS-GR_S3_BUCKET_PUBLIC_READ_PROHIBITED',
        resourceId: 'my-bucket',
        compliance: 'NON_COMPLIANT',
      }),
    });
    // No control deploys that rule in the account in this seed.
    expect(response.status).toBe(400);
    expect((await response.json()).message).toMatch(/enable the control/);
  });
});
