import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { mlProjectProductsUpdatePermission } from '@mlgov/plugin-ml-environments-common';
import {
  MlAwsClients,
  ProvisioningStep,
  ensureProductPublished,
  ensureTemplateUploaded,
  findOwnPortfolio,
  planProductPublishing,
  readArtifactTemplate,
} from '@mlgov/plugin-ml-environments-node';
import { adminConfigFor } from '@mlgov/aws-emulator';
import { createHash } from 'node:crypto';
import request from 'supertest';
import { asUser, demoBackend, membersOf } from './__testUtils__/demoBackend';
import { refreshOrThrow } from './__testUtils__/refresh';

// Security review probes of the product update route (see the report).
const ADMIN = 'user:default/admin';
const MALLORY = 'user:default/mallory';
const SHARED_SERVICES = '100000000010';
const PRODUCT = 'ML Studio domain';
const STUDIO = 'churn-prediction-studio';
const BUCKET = `mlgov-products-${SHARED_SERVICES}-us-east-1`;
const quiet = { info() {}, warn() {}, error() {}, debug() {} } as any;
const step: ProvisioningStep = {
  logger: { ...quiet, child: () => quiet },
  isDryRun: false,
  checkpoint: (_key, fn) => fn(),
  pollIntervalMs: 1,
  timeoutMs: 5_000,
};

function adminOnlyUpdates() {
  return mockServices.permissions.mock({
    authorize: async (requests: any[], { credentials }: any) =>
      requests.map(({ permission }) => ({
        result:
          permission.name === mlProjectProductsUpdatePermission.name &&
          credentials.principal.userEntityRef !== ADMIN
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
      })) as any,
  }).factory;
}

describe('POST /projects/{project}/products/update (attacks)', () => {
  const demo = demoBackend();
  const owner = () =>
    MlAwsClients.fromConfig(
      new ConfigReader(adminConfigFor(demo.emulator().url)),
    ).forAccount(SHARED_SERVICES);
  const calls = (name: string) => demo.emulator().callCounts()[name] ?? 0;

  /** Publishes `version` as 1.0.0's template changed; its template's key. */
  async function publish(
    version: string,
    change: (template: Record<string, any>) => Record<string, any>,
  ) {
    const { serviceCatalog: sc, s3 } = await owner();
    const product = [...demo.emulator().state.products.values()].find(
      p => p.name === PRODUCT,
    )!;
    const v1 = product.artifacts.find(a => a.name === '1.0.0')!;
    const original = await readArtifactTemplate(
      await owner(),
      product.id,
      v1.id,
      SHARED_SERVICES,
    );
    const templateBody = JSON.stringify(change(original));
    const publishable = {
      name: PRODUCT,
      description: 'Studio domain',
      version,
      templateBody,
      sha256: createHash('sha256').update(templateBody).digest('hex'),
    };
    const portfolioId = await findOwnPortfolio(sc, 'ML Platform');
    const [plan] = await planProductPublishing(sc, portfolioId, [publishable]);
    const url = await ensureTemplateUploaded(
      s3,
      { bucket: BUCKET, region: 'us-east-1', owner: SHARED_SERVICES },
      publishable,
      step,
    );
    await ensureProductPublished(sc, portfolioId, plan, url, step);
    return {
      key: decodeURIComponent(new URL(url).pathname.slice(1)),
      original,
    };
  }

  async function backend() {
    const { server } = await demo.startBackend(
      [
        membersOf({
          [ADMIN]: ['group:default/platform-team'],
          [MALLORY]: ['group:default/team-fraud'],
        }),
        adminOnlyUpdates(),
      ],
      [],
      {},
      {
        serviceCatalog: {
          sharedServicesAccountId: SHARED_SERVICES,
          portfolio: 'ML Platform',
        },
      },
    );
    await refreshOrThrow(server, asUser(ADMIN));
    const dev = [...demo.emulator().state.accounts.values()].find(
      a => a.name === 'churn-prediction-dev',
    )!;
    const update = (body: object, user = ADMIN, project = 'churn-prediction') =>
      request(server)
        .post(`/api/ml-environments/projects/${project}/products/update`)
        .set('authorization', asUser(user))
        .send(body);
    return { update, devAccount: dev.id };
  }

  it("refuses a non-administrator before any AWS call, and an account not the project's", async () => {
    await publish('1.2.0', t => ({ ...t, Description: 'Studio, 1.2.0' }));
    const { update, devAccount } = await backend();
    const body = { accountId: devAccount, product: STUDIO };
    const searches = calls('servicecatalog:SearchProvisionedProducts');
    for (const project of ['churn-prediction', 'no-such-project']) {
      expect((await update(body, MALLORY, project)).status).toBe(403);
    }
    expect(calls('servicecatalog:SearchProvisionedProducts')).toBe(searches);
    // The shared services account holds products too: not the project's.
    const shared = await update({ ...body, accountId: SHARED_SERVICES });
    expect(shared.status).toBe(400);
    expect(calls('servicecatalog:SearchProvisionedProducts')).toBe(searches);
    expect(calls('servicecatalog:UpdateProvisionedProduct')).toBe(0);
  });

  it('judges the template the version launches, not whatever its S3 key holds now', async () => {
    // A denied version is published; then the object at its URL is
    // overwritten with the harmless 1.0.0 template (anyone who may write the
    // templates bucket). Service Catalog keeps the template it read when
    // the version was made, so the update would launch the denied one.
    const { key, original } = await publish('1.1.0', t =>
      JSON.parse(
        JSON.stringify(t).replace('"VpcOnly"', '"PublicInternetOnly"'),
      ),
    );
    await (
      await owner()
    ).s3.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: key,
        Body: JSON.stringify(original),
      }),
    );
    const { update, devAccount } = await backend();
    const refused = await update({ accountId: devAccount, product: STUDIO });
    // Today: 200 or 409 after an UpdateProvisionedProduct; the check passed.
    expect({ status: refused.status, body: refused.body }).toMatchObject({
      status: 409,
      body: { error: { message: expect.stringMatching(/^Not updating/) } },
    });
    expect(calls('servicecatalog:UpdateProvisionedProduct')).toBe(0);
  });
});
