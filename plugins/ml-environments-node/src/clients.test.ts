import { DescribeOrganizationCommand } from '@aws-sdk/client-organizations';
import { ConfigReader } from '@backstage/config';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { SearchProvisionedProductsCommand } from '@aws-sdk/client-service-catalog';
import { ListUserProfilesCommand } from '@aws-sdk/client-sagemaker';
import { startEmulator, suiteConfigFor } from '@mlgov/aws-emulator';
import { MlAwsClients } from './clients';

describe('MlAwsClients', () => {
  let server: http.Server;
  let endpoint: string;
  const requests: Array<{ headers: http.IncomingHttpHeaders; body: string }> =
    [];

  beforeAll(async () => {
    // A stand-in for an AWS endpoint: records what the SDK sends over HTTP.
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', chunk => (body += chunk));
      req.on('end', () => {
        requests.push({ headers: req.headers, body });
        res.setHeader('content-type', 'application/x-amz-json-1.1');
        res.end(
          JSON.stringify({
            Organization: {
              Id: 'o-exampleorgid',
              MasterAccountId: '111111111111',
              FeatureSet: 'ALL',
            },
          }),
        );
      });
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise(resolve => server.close(resolve)));

  it('signs Organizations calls with the main account credentials and sends them to the configured endpoint', async () => {
    const clients = MlAwsClients.fromConfig(
      new ConfigReader({
        aws: {
          mainAccount: {
            accessKeyId: 'AKIDMANAGEMENT',
            secretAccessKey: 'not-a-secret',
          },
        },
        mlEnvironments: { aws: { endpoint, region: 'eu-west-1' } },
      }),
    );

    const organizations = await clients.organizations();
    const result = await organizations.send(
      new DescribeOrganizationCommand({}),
    );

    expect(result.Organization?.Id).toBe('o-exampleorgid');
    expect(requests).toHaveLength(1);
    expect(requests[0].headers['x-amz-target']).toBe(
      'AWSOrganizationsV20161128.DescribeOrganization',
    );
    expect(requests[0].headers.authorization).toContain(
      'Credential=AKIDMANAGEMENT/',
    );
    expect(requests[0].headers.authorization).toContain(
      '/eu-west-1/organizations/',
    );
    expect(await organizations.config.retryStrategy()).toHaveProperty(
      'mode',
      'adaptive',
    );
  });

  it("reuses a member account's clients and one role session for all its services", async () => {
    const emulator = await startEmulator({
      seed: {
        accounts: [
          { name: 'dev', email: 'dev@example.com', id: '222222222222' },
        ],
      },
    });
    try {
      const clients = MlAwsClients.fromConfig(
        new ConfigReader(suiteConfigFor(emulator.url)),
      );
      const first = await clients.forAccount('222222222222');
      const again = await clients.forAccount('222222222222');
      expect(again).toBe(first);
      await first.serviceCatalog.send(new SearchProvisionedProductsCommand({}));
      await again.serviceCatalog.send(new SearchProvisionedProductsCommand({}));
      await first.sageMaker.send(new ListUserProfilesCommand({}));
      expect(emulator.callCounts()['sts:AssumeRole']).toBe(1);
      expect(first.serviceCatalog).toBe(again.serviceCatalog);
    } finally {
      await emulator.close();
    }
  });
});
