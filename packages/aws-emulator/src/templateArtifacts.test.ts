import {
  AssociateProductWithPortfolioCommand,
  CreatePortfolioCommand,
  CreateProductCommand,
  DeleteProvisioningArtifactCommand,
  DescribeProductCommand,
  DescribeProvisioningArtifactCommand,
  DescribeProvisioningParametersCommand,
  ListProvisioningArtifactsCommand,
  ProvisionProductCommand,
  UpdateProvisioningArtifactCommand,
} from '@aws-sdk/client-service-catalog';
import type { RunningEmulator } from './server.ts';
import { errorOf } from './__testUtils__/emulator.ts';
import {
  type AccountClients,
  PROJECT_DEV,
  addArtifact,
  addToPortfolio,
  publishTemplate,
  settledRecord,
  templateEmulatorEach,
} from './__testUtils__/templates.ts';

describe('provisioning artifacts of template-backed products', () => {
  let emulator: RunningEmulator;
  let dev: AccountClients;

  templateEmulatorEach(started => ({ emulator, dev } = started));

  it('adds versions from S3 by any of its URL forms, lists, describes and deprecates them', async () => {
    const { productId, artifactId, url } = await publishTemplate(
      dev,
      PROJECT_DEV,
      'studio-domain.yaml',
    );
    const bucket = `templates-${PROJECT_DEV}`;
    const v2 = await addArtifact(
      dev,
      productId,
      `https://s3.us-east-1.amazonaws.com/${bucket}/studio-domain.yaml`,
      'v2',
    );
    expect(v2.ProvisioningArtifactDetail).toMatchObject({
      Name: 'v2',
      Active: true,
      Guidance: 'DEFAULT',
    });
    await addArtifact(
      dev,
      productId,
      `${emulator.url}/${bucket}/studio-domain.yaml`,
      'v3',
    );
    const listed = await dev.catalog.send(
      new ListProvisioningArtifactsCommand({ ProductId: productId }),
    );
    expect(listed.ProvisioningArtifactDetails?.map(a => a.Name)).toEqual([
      'v1',
      'v2',
      'v3',
    ]);
    const described = await dev.catalog.send(
      new DescribeProvisioningArtifactCommand({
        ProductId: productId,
        ProvisioningArtifactId: artifactId,
        IncludeProvisioningArtifactParameters: true,
      }),
    );
    expect(described.Info).toEqual({ TemplateUrl: url });
    expect(
      described.ProvisioningArtifactParameters?.find(
        p => p.ParameterKey === 'NetworkAccess',
      ),
    ).toMatchObject({
      DefaultValue: 'VpcOnly',
      ParameterType: 'String',
      ParameterConstraints: {
        AllowedValues: ['VpcOnly', 'PublicInternetOnly'],
      },
    });
    await dev.catalog.send(
      new UpdateProvisioningArtifactCommand({
        ProductId: productId,
        ProvisioningArtifactId: artifactId,
        Guidance: 'DEPRECATED',
      }),
    );
    const product = await dev.catalog.send(
      new DescribeProductCommand({ Id: productId }),
    );
    expect(
      product.ProvisioningArtifacts?.map(a => `${a.Name}:${a.Guidance}`),
    ).toEqual(['v1:DEPRECATED', 'v2:DEFAULT', 'v3:DEFAULT']);
    const refused = await errorOf(
      dev.catalog.send(
        new ProvisionProductCommand({
          ProductId: productId,
          ProvisioningArtifactId: artifactId,
          ProvisionedProductName: 'studio',
          ProvisionToken: 'studio-1',
        }),
      ),
    );
    expect(refused.name).toBe('InvalidParametersException');
    expect(refused.message).toMatch(
      /is deprecated: new provisioned products cannot be launched from it/,
    );
    const parameters = await dev.catalog.send(
      new DescribeProvisioningParametersCommand({
        ProductId: productId,
        ProvisioningArtifactId: v2.ProvisioningArtifactDetail!.Id,
      }),
    );
    expect(
      parameters.ProvisioningArtifactParameters?.map(p => p.ParameterKey),
    ).toEqual([
      'ProjectName',
      'EnvType',
      'DomainName',
      'VpcId',
      'SubnetIds',
      'SecurityGroupIds',
      'NetworkAccess',
      'FirstUser',
    ]);
    expect(
      parameters.ProvisioningArtifactOutputKeys?.map(o => o.Key),
    ).toContain('DomainId');
  });

  it('deletes a version unless it is the last or a provisioned product was launched from it', async () => {
    const { productId, artifactId, url } = await publishTemplate(
      dev,
      PROJECT_DEV,
      'studio-domain.yaml',
    );
    const remove = (id: string) =>
      dev.catalog.send(
        new DeleteProvisioningArtifactCommand({
          ProductId: productId,
          ProvisioningArtifactId: id,
        }),
      );
    const last = await errorOf(remove(artifactId));
    expect(last.name).toBe('InvalidParametersException');
    const v2 = await addArtifact(dev, productId, url, 'v2');
    const v3 = await addArtifact(dev, productId, url, 'v3');
    const { RecordDetail } = await dev.catalog.send(
      new ProvisionProductCommand({
        ProductId: productId,
        ProvisioningArtifactId: v2.ProvisioningArtifactDetail!.Id,
        ProvisionedProductName: 'studio',
        ProvisionToken: 'studio-1',
        ProvisioningParameters: [
          { Key: 'ProjectName', Value: 'churn' },
          { Key: 'VpcId', Value: 'vpc-0a1' },
          { Key: 'SubnetIds', Value: 'subnet-0a1' },
          { Key: 'SecurityGroupIds', Value: 'sg-0a1' },
        ],
      }),
    );
    await settledRecord(dev.catalog, RecordDetail!.RecordId!);
    const inUse = await errorOf(remove(v2.ProvisioningArtifactDetail!.Id!));
    expect(inUse.name).toBe('ResourceInUseException');
    await remove(v3.ProvisioningArtifactDetail!.Id!);
    const listed = await dev.catalog.send(
      new ListProvisioningArtifactsCommand({ ProductId: productId }),
    );
    expect(listed.ProvisioningArtifactDetails?.map(a => a.Name)).toEqual([
      'v1',
      'v2',
    ]);
  });

  it('gives a canned product template versions, each version launching its own way', async () => {
    const canned = await dev.catalog.send(
      new CreateProductCommand({
        Name: 'Studio (canned)',
        Owner: 'Platform',
        ProductType: 'CLOUD_FORMATION_TEMPLATE',
        IdempotencyToken: 'canned-1',
        ProvisioningArtifactParameters: { Name: 'v1', Info: {} },
        Tags: [{ Key: 'emulator:kind', Value: 'sagemaker-studio-domain' }],
      }),
    );
    const productId = canned.ProductViewDetail!.ProductViewSummary!.ProductId!;
    const { portfolioId } = await publishTemplate(
      dev,
      PROJECT_DEV,
      'studio-domain.yaml',
    );
    await dev.catalog.send(
      new AssociateProductWithPortfolioCommand({
        ProductId: productId,
        PortfolioId: portfolioId,
      }),
    );
    const url = `https://templates-${PROJECT_DEV}.s3.us-east-1.amazonaws.com/studio-domain.yaml`;
    const v2 = await addArtifact(dev, productId, url, 'v2');
    const launch = async (
      artifactId: string,
      name: string,
      parameters: Array<{ Key: string; Value: string }>,
    ) => {
      const { RecordDetail } = await dev.catalog.send(
        new ProvisionProductCommand({
          ProductId: productId,
          ProvisioningArtifactId: artifactId,
          ProvisionedProductName: name,
          ProvisionToken: `${name}-1`,
          ProvisioningParameters: parameters,
        }),
      );
      return settledRecord(dev.catalog, RecordDetail!.RecordId!);
    };
    const old = await launch(canned.ProvisioningArtifactDetail!.Id!, 'old', []);
    expect(old.RecordOutputs?.map(o => o.OutputKey)).toEqual([
      'DomainId',
      'DomainArn',
      'DomainUrl',
    ]);
    const current = await launch(
      v2.ProvisioningArtifactDetail!.Id!,
      'current',
      [
        { Key: 'ProjectName', Value: 'churn' },
        { Key: 'VpcId', Value: 'vpc-0a1' },
        { Key: 'SubnetIds', Value: 'subnet-0a1' },
        { Key: 'SecurityGroupIds', Value: 'sg-0a1' },
      ],
    );
    expect(current.RecordDetail?.Status).toBe('SUCCEEDED');
    expect(current.RecordOutputs?.map(o => o.OutputKey)).toContain('KmsKeyArn');
  });

  it('needs the launch path named when a product has more than one', async () => {
    const { productId, artifactId } = await publishTemplate(
      dev,
      PROJECT_DEV,
      'studio-domain.yaml',
    );
    const { PortfolioDetail } = await dev.catalog.send(
      new CreatePortfolioCommand({
        DisplayName: 'Second',
        ProviderName: 'Platform',
        IdempotencyToken: 'second',
      }),
    );
    await addToPortfolio(dev, PROJECT_DEV, PortfolioDetail!.Id!, productId);
    const describe = (path: { PathId?: string; PathName?: string }) =>
      dev.catalog.send(
        new DescribeProvisioningParametersCommand({
          ProductId: productId,
          ProvisioningArtifactId: artifactId,
          ...path,
        }),
      );
    const unnamed = await errorOf(describe({}));
    expect(unnamed.name).toBe('InvalidParametersException');
    expect(unnamed.message).toMatch(/has 2 launch paths .*: give PathId/);
    const named = await describe({ PathName: 'Second' });
    expect(named.ProvisioningArtifactParameters?.length).toBe(8);
  });
});
