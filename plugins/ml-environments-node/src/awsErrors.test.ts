import { ConfigReader } from '@backstage/config';
import { ListRootsCommand } from '@aws-sdk/client-organizations';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { MlAwsClients } from './clients';

/** An endpoint that answers like a proxy's error page, not like AWS. */
async function htmlEndpoint(status: number) {
  const server = http.createServer((_req, res) => {
    res.writeHead(status, { 'content-type': 'text/html' });
    res.end(
      '<html><body><h1>Bad gateway</h1><p>secret internal host</p></body></html>',
    );
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => server.close() };
}

describe('AWS errors with their operation', () => {
  it.each([200, 403])(
    'explains an HTML answer (HTTP %s) without passing the page on',
    async status => {
      const endpoint = await htmlEndpoint(status);
      try {
        const clients = MlAwsClients.fromConfig(
          new ConfigReader({
            aws: {
              mainAccount: { accessKeyId: 'k', secretAccessKey: 's' },
            },
            mlEnvironments: { aws: { endpoint: endpoint.url, maxAttempts: 1 } },
          }),
        );
        const organizations = await clients.organizations();
        const error = await organizations
          .send(new ListRootsCommand({}))
          .catch(e => e);
        expect(error.message).toMatch(
          /^Organizations ListRoots got an answer that is not AWS's \(HTTP \d+\): check mlEnvironments.aws.region/,
        );
        expect(error.message).not.toContain('secret internal host');
        expect(error.message).not.toContain('<');
      } finally {
        endpoint.close();
      }
    },
  );
});
