import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
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
import {
  GUEST,
  asUser,
  demoBackend,
  membersOf,
} from './__testUtils__/demoBackend';
import { refreshOrThrow } from './__testUtils__/refresh';

const ADMIN = 'user:default/admin';
const SHARED_SERVICES = '100000000010';
const PRODUCT = 'ML Studio domain';
const STUDIO = 'churn-prediction-studio';
const quiet = { info() {}, warn() {}, error() {}, debug() {} } as any;
const step: ProvisioningStep = {
  logger: { ...quiet, child: () => quiet },
  isDryRun: false,
  checkpoint: (_key, fn) => fn(),
  pollIntervalMs: 1,
  timeoutMs: 5_000,
};

/** Everything allowed, but updating products only for the admin. */
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

describe('POST /projects/{project}/products/update', () => {
  const demo = demoBackend();

  /** The platform team publishes a version: 1.0.0's template, changed. */
  async function publish(
    version: string,
    change: (template: Record<string, any>) => Record<string, any>,
  ) {
    const owner = await MlAwsClients.fromConfig(
      new ConfigReader(adminConfigFor(demo.emulator().url)),
    ).forAccount(SHARED_SERVICES);
    const sc = owner.serviceCatalog;
    const product = [...demo.emulator().state.products.values()].find(
      p => p.name === PRODUCT,
    )!;
    const v1 = product.artifacts.find(a => a.name === '1.0.0')!;
    const templateBody = JSON.stringify(
      change(
        await readArtifactTemplate(owner, product.id, v1.id, SHARED_SERVICES),
      ),
    );
    // The bucket the demo seed published 1.0.0 to.
    const bucket = `mlgov-products-${SHARED_SERVICES}-us-east-1`;
    const publishable = {
      name: PRODUCT,
      description: 'Studio domain',
      version,
      templateBody,
      sha256: createHash('sha256').update(templateBody).digest('hex'),
    };
    const portfolioId = await findOwnPortfolio(sc, 'ML Platform');
    const [plan] = await planProductPublishing(sc, portfolioId, [publishable]);
    const templateUrl = await ensureTemplateUploaded(
      owner.s3,
      { bucket, region: 'us-east-1', owner: SHARED_SERVICES },
      publishable,
      step,
    );
    await ensureProductPublished(sc, portfolioId, plan, templateUrl, step);
  }

  async function backend() {
    const { server } = await demo.startBackend(
      [
        membersOf({ [ADMIN]: ['group:default/platform-team'] }),
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
    const update = (
      body: object,
      { user = ADMIN, project = 'churn-prediction' } = {},
    ) =>
      request(server)
        .post(`/api/ml-environments/projects/${project}/products/update`)
        .set('authorization', asUser(user))
        .send(body);
    return { server, update, devAccount: dev.id };
  }

  const updateCalls = () =>
    demo.emulator().callCounts()['servicecatalog:UpdateProvisionedProduct'] ??
    0;

  it("is an administrator's, for a recorded project, its own account and product", async () => {
    const { update, devAccount } = await backend();
    const body = { accountId: devAccount, product: STUDIO };
    expect((await update(body, { user: GUEST })).status).toBe(403);
    // The spec refuses what it does not name.
    expect((await update({ ...body, version: '9.9.9' })).status).toBe(400);
    expect((await update(body, { project: 'no-such-project' })).status).toBe(
      404,
    );
    const foreign = await update({ ...body, accountId: '999999999999' });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.message).toMatch(/is not one of ML project/);
    expect((await update({ ...body, product: 'nothing' })).status).toBe(404);
    // Nothing newer is published: nothing to do.
    const current = await update(body);
    expect(current.body).toEqual({
      accountId: devAccount,
      product: STUDIO,
      fromVersion: '1.0.0',
      toVersion: '1.0.0',
      updated: false,
    });
    expect(updateCalls()).toBe(0);
  });

  it("refuses a version the account's SCPs deny, naming resource, call, policy and statement, and changes nothing", async () => {
    await publish('1.1.0', template =>
      JSON.parse(
        JSON.stringify(template).replace('"VpcOnly"', '"PublicInternetOnly"'),
      ),
    );
    const { update, devAccount } = await backend();
    const refused = await update({ accountId: devAccount, product: STUDIO });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(
      /^Not updating churn-prediction-studio in account \d+ to version 1\.1\.0: its service control policies would deny \w+ \(sagemaker:CreateDomain\) by [\w-]+ statement \w+: .*Nothing was changed/,
    );
    expect(updateCalls()).toBe(0);
  });

  it('updates to the latest version, waits for it and audits it', async () => {
    await publish('1.2.0', template => ({
      ...template,
      Description: 'Studio, 1.2.0',
    }));
    const { server, update, devAccount } = await backend();
    const done = await update({ accountId: devAccount, product: STUDIO });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      fromVersion: '1.0.0',
      toVersion: '1.2.0',
      updated: true,
    });
    expect(updateCalls()).toBe(1);
    const audit = await request(server)
      .get('/api/ml-environments/audit?project=churn-prediction')
      .set('authorization', asUser(ADMIN));
    expect(
      audit.body.items.find((e: any) => e.action === 'product.update'),
    ).toMatchObject({
      actor: ADMIN,
      detail: { product: STUDIO, fromVersion: '1.0.0', toVersion: '1.2.0' },
    });
    // Asked again, it already runs 1.2.0.
    const again = await update({ accountId: devAccount, product: STUDIO });
    expect(again.body.updated).toBe(false);
    expect(updateCalls()).toBe(1);
  });
});
