import {
  CreateAccountCommand,
  DescribeCreateAccountStatusCommand,
  ListRootsCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { MUTATIONS, SERVICES, isMutatingOperation } from './server.ts';
import {
  MANAGEMENT_KEY,
  clientConfig,
  errorOf,
  startTestEmulator,
} from './__testUtils__/emulator.ts';

const signed = (service: string) =>
  `AWS4-HMAC-SHA256 Credential=${MANAGEMENT_KEY}/20261127/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=0`;

describe('emulator server', () => {
  it('answers unknown operations, malformed bodies and unsigned calls with AWS error shapes', async () => {
    const { emulator } = await startTestEmulator();
    try {
      const call = (
        headers: Record<string, string>,
        body: string,
        path = '/',
      ) => fetch(`${emulator.url}${path}`, { method: 'POST', headers, body });

      const unknown = await call(
        {
          authorization: signed('organizations'),
          'x-amz-target': 'AWSOrganizationsV20161128.LaunchRockets',
          'content-type': 'application/x-amz-json-1.1',
        },
        '{}',
      );
      expect(unknown.status).toBe(400);
      expect(unknown.headers.get('content-type')).toBe('application/json');
      expect(await unknown.json()).toMatchObject({
        __type: 'UnknownOperationException',
      });

      const malformed = await call(
        {
          authorization: signed('organizations'),
          'x-amz-target': 'AWSOrganizationsV20161128.ListRoots',
        },
        '{"MaxResults": ',
      );
      expect(await malformed.json()).toMatchObject({
        __type: 'SerializationException',
      });

      const unsigned = await call(
        { 'x-amz-target': 'AWSOrganizationsV20161128.ListRoots' },
        '{}',
      );
      expect(unsigned.status).toBe(403);
      expect(await unsigned.json()).toMatchObject({
        __type: 'MissingAuthenticationTokenException',
      });

      const noRoute = await call(
        { authorization: signed('controltower') },
        '{}',
        '/launch-rockets',
      );
      expect(noRoute.status).toBe(404);
      expect(noRoute.headers.get('x-amzn-errortype')).toBe(
        'UnknownOperationException',
      );

      const badStsAction = await call(
        {
          authorization: signed('sts'),
          'content-type': 'application/x-www-form-urlencoded',
        },
        'Action=LaunchRockets&Version=2011-06-15',
      );
      expect(await badStsAction.text()).toContain('<Code>InvalidAction</Code>');

      const badMaxResults = await errorOf(
        new OrganizationsClient(clientConfig(emulator)).send(
          new ListRootsCommand({ MaxResults: 50 }),
        ),
      );
      expect(badMaxResults.name).toBe('InvalidInputException');
    } finally {
      await emulator.close();
    }
  });

  it('throttles with a token bucket per operation when throttling is on', async () => {
    const { emulator, organizations } = await startTestEmulator({
      config: {
        throttling: {
          enabled: true,
          rules: {
            'organizations:ListRoots': { ratePerSecond: 0.001, burst: 2 },
          },
        },
      },
    });
    try {
      await organizations.send(new ListRootsCommand({}));
      await organizations.send(new ListRootsCommand({}));
      const third = await errorOf(organizations.send(new ListRootsCommand({})));
      expect(third.name).toBe('TooManyRequestsException');
      expect(emulator.callCounts()['organizations:ListRoots']).toBe(3);
      expect(emulator.throttledCallCounts()).toEqual({
        'organizations:ListRoots': 1,
      });
    } finally {
      await emulator.close();
    }
  });

  it('injects faults and fails CreateAccount for matching emails', async () => {
    const { emulator, organizations } = await startTestEmulator({
      config: {
        faults: {
          rate: 1,
          errors: ['ConcurrentModificationException'],
          operations: ['organizations:ListRoots'],
          createAccountFailures: [
            { emailPattern: '^blocked-', reason: 'INVALID_EMAIL' },
          ],
        },
      },
    });
    try {
      expect(
        (await errorOf(organizations.send(new ListRootsCommand({})))).name,
      ).toBe('ConcurrentModificationException');
      const { CreateAccountStatus } = await organizations.send(
        new CreateAccountCommand({
          Email: 'blocked-1@example.com',
          AccountName: 'Blocked',
        }),
      );
      const status = await organizations.send(
        new DescribeCreateAccountStatusCommand({
          CreateAccountRequestId: CreateAccountStatus!.Id,
        }),
      );
      expect(status.CreateAccountStatus).toMatchObject({
        State: 'FAILED',
        FailureReason: 'INVALID_EMAIL',
      });
    } finally {
      await emulator.close();
    }
  });

  it('finishes asynchronous work only after the configured delay', async () => {
    const { emulator, organizations } = await startTestEmulator({
      config: { asyncDelayMs: 300 },
    });
    try {
      const { CreateAccountStatus } = await organizations.send(
        new CreateAccountCommand({
          Email: 'later@example.com',
          AccountName: 'Later',
        }),
      );
      const describe = async () =>
        (
          await organizations.send(
            new DescribeCreateAccountStatusCommand({
              CreateAccountRequestId: CreateAccountStatus!.Id,
            }),
          )
        ).CreateAccountStatus?.State;
      expect(await describe()).toBe('IN_PROGRESS');
      await new Promise(r => setTimeout(r, 350));
      expect(await describe()).toBe('SUCCEEDED');
    } finally {
      await emulator.close();
    }
  });

  it('starts from the command line with the demo seed and prints its URL', async () => {
    const cli = spawn(
      process.execPath,
      [
        resolve(__dirname, 'cli.ts'),
        '--port',
        '0',
        '--seed',
        resolve(__dirname, '../seeds/demo.yaml'),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    try {
      const url = await new Promise<string>((resolveUrl, reject) => {
        let output = '';
        cli.stdout.on('data', chunk => {
          output += chunk;
          const match = /ready at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
          if (match) resolveUrl(match[1]);
        });
        cli.stderr.on('data', chunk => (output += chunk));
        cli.on('exit', code =>
          reject(new Error(`exited with ${code}: ${output}`)),
        );
      });
      const organizations = new OrganizationsClient({
        ...clientConfig({ url } as any),
      });
      const { Roots } = await organizations.send(new ListRootsCommand({}));
      expect(Roots).toHaveLength(1);
    } finally {
      cli.kill();
    }
  });
});

describe('what changes state', () => {
  it('is declared by each service for operations it serves, and nothing else counts', () => {
    const served = Object.entries(SERVICES).flatMap(([service, handlers]) =>
      Object.keys(handlers).map(op => `${service}:${op}`),
    );
    const mutating = served.filter(isMutatingOperation);
    expect(mutating).toEqual(
      expect.arrayContaining([
        'organizations:CreateAccount',
        'controltower:ResetEnabledBaseline',
        'servicecatalog:ProvisionProduct',
      ]),
    );
    // Named like changes, but only read or sign.
    expect(mutating).not.toContain('sagemaker:CreatePresignedDomainUrl');
    expect(isMutatingOperation('organizations:CreateSomethingUnserved')).toBe(
      false,
    );
    // No declaration names an operation that is not served (a typo).
    const declared = Object.entries(MUTATIONS).flatMap(([service, ops]) =>
      [...ops].map(op => `${service}:${op}`),
    );
    expect(declared.filter(key => !served.includes(key))).toEqual([]);
    expect(mutating.sort()).toEqual(declared.sort());
  });
});
