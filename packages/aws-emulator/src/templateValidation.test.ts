import {
  CreateProductCommand,
  CreateProvisioningArtifactCommand,
  ListProvisioningArtifactsCommand,
  ProvisionProductCommand,
  SearchProductsAsAdminCommand,
} from '@aws-sdk/client-service-catalog';
import type { RunningEmulator } from './server.ts';
import { errorOf } from './__testUtils__/emulator.ts';
import {
  type AccountClients,
  PROJECT_DEV,
  addArtifact,
  fixture,
  publishTemplate,
  settledRecord,
  templateEmulatorEach,
  uploadTemplate,
} from './__testUtils__/templates.ts';

const KEY_ONLY = 'Resources:\n  Key:\n    Type: AWS::KMS::Key\n';

describe('template validation: what the artifact refuses and what the stack fails', () => {
  let emulator: RunningEmulator;
  let dev: AccountClients;

  templateEmulatorEach(started => ({ emulator, dev } = started));

  it.each([
    ['not YAML', 'Resources: [\n', /YAML not well-formed/],
    [
      'no resources',
      'Description: nothing\n',
      /At least one Resources member must be defined/,
    ],
    [
      'a resource type it does not create',
      'Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n',
      /Unrecognized resource types: \[AWS::Lambda::Function\]/,
    ],
    [
      'an intrinsic it does not evaluate',
      'Resources:\n  Key:\n    Type: AWS::KMS::Key\n    Properties:\n      Description: !ImportValue shared\n',
      /does not evaluate Fn::ImportValue/,
    ],
    [
      'a reference to nothing',
      'Resources:\n  Alias:\n    Type: AWS::KMS::Alias\n    Properties:\n      AliasName: alias/x\n      TargetKeyId: !Ref Missing\n',
      /Unresolved resource dependencies \[Missing\] in the Resources\/Alias block/,
    ],
    [
      'a misspelt resource attribute',
      'Resources:\n  Key:\n    Type: AWS::KMS::Key\n    Propertiez: {}\n',
      /Invalid template resource property 'Propertiez' in Resources\/Key/,
    ],
    [
      'a circular dependency',
      'Resources:\n  A:\n    Type: AWS::KMS::Key\n    DependsOn: B\n  B:\n    Type: AWS::KMS::Key\n    DependsOn: A\n',
      /Circular dependency between resources/,
    ],
  ])(
    'refuses a template with %s, creating nothing',
    async (_, body, message) => {
      const url = await uploadTemplate(dev, PROJECT_DEV, 'bad.yaml', body);
      const refused = await errorOf(
        dev.catalog.send(
          new CreateProductCommand({
            Name: 'bad',
            Owner: 'Platform',
            ProductType: 'CLOUD_FORMATION_TEMPLATE',
            IdempotencyToken: 'bad-1',
            ProvisioningArtifactParameters: {
              Type: 'CLOUD_FORMATION_TEMPLATE',
              Info: { LoadTemplateFromURL: url },
            },
          }),
        ),
      );
      expect(refused.name).toBe('InvalidParametersException');
      expect(refused.message).toMatch(message);
      const { ProductViewDetails } = await dev.catalog.send(
        new SearchProductsAsAdminCommand({}),
      );
      expect(ProductViewDetails).toEqual([]);
    },
  );

  it('refuses URLs outside S3 and objects that are not there', async () => {
    const { productId } = await publishTemplate(
      dev,
      PROJECT_DEV,
      'studio-domain.yaml',
    );
    const elsewhere = await errorOf(
      addArtifact(dev, productId, 'https://example.com/studio.yaml', 'v2'),
    );
    expect(elsewhere.message).toMatch(/does not name an S3 object/);
    const missing = await errorOf(
      addArtifact(
        dev,
        productId,
        `https://templates-${PROJECT_DEV}.s3.us-east-1.amazonaws.com/missing.yaml`,
        'v3',
      ),
    );
    expect(missing.name).toBe('InvalidParametersException');
    expect(missing.message).toMatch(
      /NoSuchKey: The specified key does not exist/,
    );
    const listed = await dev.catalog.send(
      new ListProvisioningArtifactsCommand({ ProductId: productId }),
    );
    expect(listed.ProvisioningArtifactDetails).toHaveLength(1);
  });
  it('fails the stack on what validation leaves to it: unread properties and, when disabled, unknown types', async () => {
    const withExtra = fixture('studio-domain.yaml').replace(
      '      AuthMode: IAM\n',
      '      AuthMode: IAM\n      Foo: bar\n',
    );
    const { productId, artifactId } = await publishTemplate(
      dev,
      PROJECT_DEV,
      'extra.yaml',
      withExtra,
    );
    const { RecordDetail } = await dev.catalog.send(
      new ProvisionProductCommand({
        ProductId: productId,
        ProvisioningArtifactId: artifactId,
        ProvisionedProductName: 'extra',
        ProvisionToken: 'extra-1',
        ProvisioningParameters: [
          { Key: 'ProjectName', Value: 'churn' },
          { Key: 'VpcId', Value: 'vpc-0a1' },
          { Key: 'SubnetIds', Value: 'subnet-0a1' },
          { Key: 'SecurityGroupIds', Value: 'sg-0a1' },
        ],
      }),
    );
    const failed = await settledRecord(dev.catalog, RecordDetail!.RecordId!);
    expect(failed.RecordDetail?.RecordErrors?.[0].Description).toBe(
      'The following resource(s) failed to create: [Domain]. Properties validation failed for resource Domain (AWS::SageMaker::Domain) with message: #: extraneous key [Foo] is not permitted',
    );
    expect(emulator.state.kmsKeys.size).toBe(0);

    const url = await uploadTemplate(
      dev,
      PROJECT_DEV,
      'lambda.yaml',
      `${KEY_ONLY}  Fn:\n    Type: AWS::Lambda::Function\n`,
    );
    const lenient = await dev.catalog.send(
      new CreateProvisioningArtifactCommand({
        ProductId: productId,
        IdempotencyToken: 'lenient',
        Parameters: {
          Name: 'lenient',
          Type: 'CLOUD_FORMATION_TEMPLATE',
          Info: { LoadTemplateFromURL: url },
          DisableTemplateValidation: true,
        },
      }),
    );
    const launched = await dev.catalog.send(
      new ProvisionProductCommand({
        ProductId: productId,
        ProvisioningArtifactId: lenient.ProvisioningArtifactDetail!.Id,
        ProvisionedProductName: 'lenient',
        ProvisionToken: 'lenient-1',
      }),
    );
    const unknown = await settledRecord(
      dev.catalog,
      launched.RecordDetail!.RecordId!,
    );
    expect(unknown.RecordDetail?.Status).toBe('FAILED');
    expect(unknown.RecordDetail?.RecordErrors?.[0].Description).toMatch(
      /^Template format error: Unrecognized resource types: \[AWS::Lambda::Function\]/,
    );
  });
});
