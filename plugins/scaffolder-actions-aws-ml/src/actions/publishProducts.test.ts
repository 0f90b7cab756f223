import { createHash } from 'node:crypto';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  ListProvisioningArtifactsCommand,
  SearchProductsAsAdminCommand,
} from '@aws-sdk/client-service-catalog';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import {
  PolicyDocument,
  ScpLevel,
  checkTemplate,
} from '@mlgov/plugin-ml-environments-common';
import {
  PublishedProduct,
  publishedProducts,
} from '@mlgov/ml-environments-products';
import type { RunningEmulator } from '@mlgov/aws-emulator';
import { currentArtifact } from '@mlgov/plugin-ml-environments-node';
import { createPublishProductsAction } from './publishProducts';
import {
  demoSeedBeforePublishing,
  startActionsEnv,
} from './__testUtils__/emulator';
import { testAuthority } from './__testUtils__/authority';
import { createTestActionContext } from './__testUtils__/testing';

/**
 * The backend's product check on the emulator's own SCPs: the suite's
 * evaluator over the chain from the root to the OU, as the backend judges
 * it from its snapshot.
 */
function checkOn(emulator: () => RunningEmulator) {
  return async (_credentials: unknown, template: object, ouPath: string) => {
    const { state } = emulator();
    const names = ouPath.split('/');
    let parentId = state.rootId;
    const chain: ScpLevel[] = [];
    const levelOf = (id: string, label: string): ScpLevel => ({
      label,
      policies: state.policiesAttachedTo(id).map(p => ({
        name: p.name,
        document: JSON.parse(p.content) as PolicyDocument,
      })),
    });
    chain.push(levelOf(parentId, 'Root'));
    for (const name of names.filter(Boolean)) {
      const parent = parentId;
      const ou = [...state.ous.values()].find(
        o => o.parentId === parent && o.name === name,
      )!;
      chain.push(levelOf(ou.id, `OU ${name}`));
      parentId = ou.id;
    }
    return checkTemplate(chain, template as any, {
      principalArn: 'arn:aws:iam::000000000000:role/ml-environments-member',
    });
  };
}

describe('aws:servicecatalog:publishProducts', () => {
  let env: Awaited<ReturnType<typeof startActionsEnv>>;
  const start = async (
    options: { organizationChange?: AuthorizeResult } = {},
  ) => {
    env = await startActionsEnv(
      { seed: demoSeedBeforePublishing() },
      {},
      testAuthority({
        organizationChange: options.organizationChange as any,
        checkProduct: checkOn(() => env.emulator),
      }),
    );
    return env;
  };
  afterEach(() => env?.emulator.close());

  const sharedServices = async () =>
    (await env.deps.clients.forAccount('100000000010')).serviceCatalog;
  const artifactsOf = async (name: string) => {
    const sc = await sharedServices();
    const { ProductViewDetails } = await sc.send(
      new SearchProductsAsAdminCommand({
        Filters: { FullTextSearch: [name] },
      }),
    );
    const id = ProductViewDetails!.find(
      p => p.ProductViewSummary?.Name === name,
    )!.ProductViewSummary!.ProductId!;
    const { ProvisioningArtifactDetails } = await sc.send(
      new ListProvisioningArtifactsCommand({ ProductId: id }),
    );
    return ProvisioningArtifactDetails!;
  };

  it('publishes every product once, its template in S3, and a second run changes nothing', async () => {
    await start();
    const action = createPublishProductsAction(env.deps);
    const first = createTestActionContext({});
    await action.handler(first.ctx);
    const published = first.outputs.published as Array<any>;
    expect(published.map(p => [p.id, p.action])).toEqual(
      publishedProducts().map(p => [p.id, 'create-product']),
    );
    const counts = env.mutatingCalls();
    expect(counts['servicecatalog:CreateProduct']).toBe(6);
    expect(counts['servicecatalog:AssociateProductWithPortfolio']).toBe(6);
    expect(counts['s3:PutObject']).toBe(6);

    // The artifact is the template as shipped, byte for byte.
    const studio = publishedProducts().find(p => p.id === 'ml-studio-domain')!;
    const [artifact] = await artifactsOf(studio.name);
    expect(artifact.Name).toBe(studio.version);
    expect(artifact.Description).toContain(studio.sha256);
    const owner = await env.deps.clients.forAccount('100000000010');
    const object = await owner.s3.send(
      new GetObjectCommand({
        Bucket: 'mlgov-products-100000000010-us-east-1',
        Key: `products/${studio.name}/${studio.version}/${studio.sha256}.template.json`,
      }),
    );
    expect(await object.Body!.transformToString()).toBe(studio.templateBody);

    const again = createTestActionContext({});
    await action.handler(again.ctx);
    expect((again.outputs.published as any[]).map(p => p.action)).toEqual(
      Array(6).fill('current'),
    );
    expect(env.mutatingCalls()).toEqual(counts);
  });

  it('refuses a templates bucket another account took first, uploading nothing', async () => {
    await start();
    // Bucket names are global: another account creates the predictable
    // name and opens it to everyone, to collect (or serve) the templates.
    const bucket = 'mlgov-products-100000000010-us-east-1';
    env.emulator.state.buckets.set(bucket, {
      name: bucket,
      accountId: '200000000011',
      region: 'us-east-1',
      createdAt: new Date(),
      objects: new Map(),
      tags: {},
      policy: JSON.stringify({
        Statement: [
          {
            Effect: 'Allow',
            Principal: '*',
            Action: 's3:*',
            Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
          },
        ],
      }),
    });
    const action = createPublishProductsAction(env.deps);
    await expect(
      action.handler(createTestActionContext({}).ctx),
    ).rejects.toThrow(
      `The templates bucket ${bucket} belongs to another AWS account than the shared services account 100000000010`,
    );
    expect(env.emulator.state.buckets.get(bucket)!.objects.size).toBe(0);
    const counts = env.mutatingCalls();
    expect(counts['s3:PutObject']).toBeUndefined();
    expect(counts['servicecatalog:CreateProduct']).toBeUndefined();
  });

  it('adds a new version, which provisioning then launches, and deprecates the older', async () => {
    await start();
    const v1 = publishedProducts().find(p => p.id === 'ml-model-registry')!;
    const body = v1.templateBody.replace('{', '{"Metadata": {},');
    const v2: PublishedProduct = {
      ...v1,
      version: '1.1.0',
      templateBody: body,
      template: JSON.parse(body),
      sha256: createHash('sha256').update(body).digest('hex'),
    };
    const publish = (products: PublishedProduct[]) =>
      createPublishProductsAction(env.deps, { products: () => products });
    await publish([v1]).handler(createTestActionContext({}).ctx);
    const second = createTestActionContext({});
    await publish([v2]).handler(second.ctx);
    expect((second.outputs.published as any[])[0].action).toBe('add-version');
    const artifacts = await artifactsOf(v1.name);
    expect(
      Object.fromEntries(artifacts.map(a => [a.Name, a.Guidance])),
    ).toEqual({ '1.0.0': 'DEPRECATED', '1.1.0': 'DEFAULT' });
    expect(currentArtifact(artifacts)?.Name).toBe('1.1.0');
  });

  it('refuses a changed template under a version already published, changing nothing', async () => {
    await start();
    const v1 = publishedProducts().find(p => p.id === 'ml-model-registry')!;
    const publish = (products: PublishedProduct[]) =>
      createPublishProductsAction(env.deps, { products: () => products });
    await publish([v1]).handler(createTestActionContext({}).ctx);
    const before = env.mutatingCalls();
    await expect(
      publish([{ ...v1, sha256: 'c'.repeat(64) }]).handler(
        createTestActionContext({}).ctx,
      ),
    ).rejects.toThrow(/already published with another template.*new version/);
    expect(env.mutatingCalls()).toEqual(before);
  });

  it("refuses a Studio domain on the public internet for Workloads_Dev, naming require-vpc's statement, and publishes it for the sandbox", async () => {
    await start();
    const studio = publishedProducts().find(p => p.id === 'ml-studio-domain')!;
    const publicBody = studio.templateBody.replace(
      '"VpcOnly"',
      '"PublicInternetOnly"',
    );
    const publicStudio: PublishedProduct = {
      ...studio,
      name: 'Public Studio',
      templateBody: publicBody,
      template: JSON.parse(publicBody),
    };
    const action = createPublishProductsAction(env.deps, {
      products: () => [publicStudio],
    });
    await expect(
      action.handler(createTestActionContext({}).ctx),
    ).rejects.toThrow(
      /Not published, nothing changed: ml-studio-domain 1\.0\.0 in Workloads\/Workloads_Dev: .*sagemaker:CreateDomain.* denied by mlgov-require-vpc\/StudioVpcOnly/,
    );
    expect(env.mutatingCalls()).toEqual({});

    const sandbox = createPublishProductsAction(env.deps, {
      products: () => [
        { ...publicStudio, patterns: ['sandbox'], stages: ['sandbox'] },
      ],
    });
    const run = createTestActionContext({});
    await sandbox.handler(run.ctx);
    expect((run.outputs.published as any[])[0].action).toBe('create-product');
  });

  it('refuses a user who is not an administrator before any AWS call', async () => {
    await start({ organizationChange: AuthorizeResult.DENY });
    await expect(
      createPublishProductsAction(env.deps).handler(
        createTestActionContext({}).ctx,
      ),
    ).rejects.toThrow(/only administrators may make such changes/);
    expect(env.mutatingCalls()).toEqual({});
  });

  it('refuses an unknown product id, naming the known ones', async () => {
    await start();
    await expect(
      createPublishProductsAction(env.deps).handler(
        createTestActionContext({ products: ['ml-notebook'] }).ctx,
      ),
    ).rejects.toThrow(
      /Unknown product ml-notebook; the products are ml-studio-domain, /,
    );
  });

  it('changes nothing in a dry run and says what it would do', async () => {
    await start();
    const { ctx, logged } = createTestActionContext({}, { isDryRun: true });
    await createPublishProductsAction(env.deps).handler(ctx);
    expect(env.mutatingCalls()).toEqual({});
    expect(logged()).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Dry run: would create bucket mlgov-products-/),
        expect.stringMatching(
          /^Dry run: ML Studio domain 1\.0\.0: create-product/,
        ),
      ]),
    );
  });
});
