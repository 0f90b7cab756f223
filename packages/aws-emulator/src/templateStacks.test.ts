import {
  DescribeDomainCommand,
  DescribeUserProfileCommand,
  ListTagsCommand,
  CreateUserProfileCommand,
  DeleteUserProfileCommand,
} from '@aws-sdk/client-sagemaker';
import {
  DescribeProvisionedProductCommand,
  GetProvisionedProductOutputsCommand,
  ProvisionProductCommand,
  TerminateProvisionedProductCommand,
} from '@aws-sdk/client-service-catalog';
import type { RunningEmulator } from './server.ts';
import { errorOf } from './__testUtils__/emulator.ts';
import {
  type AccountClients,
  PROJECT_DEV,
  SANDBOX,
  clientsIn,
  launchTemplate,
  jsonCall,
  publishTemplate,
  settledRecord,
  templateEmulatorEach,
} from './__testUtils__/templates.ts';

const STUDIO_PARAMETERS = [
  { Key: 'ProjectName', Value: 'churn' },
  { Key: 'VpcId', Value: 'vpc-0a1b2c3d' },
  { Key: 'SubnetIds', Value: 'subnet-0a1,subnet-0b2' },
  { Key: 'SecurityGroupIds', Value: 'sg-0c3' },
  { Key: 'FirstUser', Value: 'ada' },
];

describe('products launched from their CloudFormation templates', () => {
  let emulator: RunningEmulator;
  let dev: AccountClients;

  templateEmulatorEach(started => ({ emulator, dev } = started));

  it('creates the Studio domain the template asks for: VPC-only, its KMS key, its subnets', async () => {
    const record = await launchTemplate(
      dev,
      PROJECT_DEV,
      'studio-domain.yaml',
      STUDIO_PARAMETERS,
    );
    expect(record.RecordDetail?.Status).toBe('SUCCEEDED');
    const outputs = Object.fromEntries(
      record.RecordOutputs!.map(o => [o.OutputKey, o.OutputValue]),
    );
    expect(Object.keys(outputs).sort()).toEqual([
      'DomainArn',
      'DomainId',
      'KmsKeyArn',
      'StackName',
    ]);
    expect(outputs.StackName).toMatch(/^SC-444444444444-pp-\w+ in us-east-1$/);
    const domain = await dev.sageMaker.send(
      new DescribeDomainCommand({ DomainId: outputs.DomainId }),
    );
    expect(domain).toMatchObject({
      DomainName: 'churn-dev-us-east-1',
      AppNetworkAccessType: 'VpcOnly',
      KmsKeyId: outputs.KmsKeyArn,
      SubnetIds: ['subnet-0a1', 'subnet-0b2'],
      VpcId: 'vpc-0a1b2c3d',
      DefaultUserSettings: { SecurityGroups: ['sg-0c3'] },
    });
    expect(domain.DefaultUserSettings?.ExecutionRole).toMatch(
      /^arn:aws:iam::444444444444:role\/SC-444444444444-pp-\w+-ExecutionRole-/,
    );
    const key = await jsonCall(
      emulator,
      dev.accessKeyId,
      'kms',
      'TrentService.DescribeKey',
      { KeyId: 'alias/churn-studio' },
    );
    expect(key.body.KeyMetadata).toMatchObject({
      Arn: outputs.KmsKeyArn,
      Description: 'Studio volumes of churn',
      KeyManager: 'CUSTOMER',
    });
    const aliases = await jsonCall(
      emulator,
      dev.accessKeyId,
      'kms',
      'TrentService.ListAliases',
      { KeyId: outputs.KmsKeyArn },
    );
    expect(aliases.body.Aliases.map((a: any) => a.AliasName)).toEqual([
      'alias/churn-studio',
    ]);
    const unknownKey = await jsonCall(
      emulator,
      dev.accessKeyId,
      'kms',
      'TrentService.DescribeKey',
      { KeyId: 'alias/nothing' },
    );
    expect(unknownKey.body.__type).toBe('NotFoundException');
    // The provisioning tags reach the domain beside the template's own.
    const { Tags } = await dev.sageMaker.send(
      new ListTagsCommand({ ResourceArn: outputs.DomainArn }),
    );
    expect(Tags).toEqual(
      expect.arrayContaining([
        { Key: 'CostCenter', Value: 'CC-1234' },
        { Key: 'Project', Value: 'churn' },
      ]),
    );
    const profile = await dev.sageMaker.send(
      new DescribeUserProfileCommand({
        DomainId: outputs.DomainId,
        UserProfileName: 'ada',
      }),
    );
    expect(profile.UserSettings?.ExecutionRole).toBe(
      domain.DefaultUserSettings?.ExecutionRole,
    );
    const role = [...emulator.state.iamRoles.values()].find(
      r => r.arn === domain.DefaultUserSettings?.ExecutionRole,
    );
    expect([...role!.inlinePolicies.keys()]).toEqual(['own-apps-only']);
    const viaOutputs = await dev.catalog.send(
      new GetProvisionedProductOutputsCommand({
        ProvisionedProductName: 'studio',
        OutputKeys: ['DomainId'],
      }),
    );
    expect(viaOutputs.Outputs).toEqual([
      {
        OutputKey: 'DomainId',
        OutputValue: outputs.DomainId,
        Description: 'SageMaker Studio domain id',
      },
    ]);
  });

  it('refuses parameters the template refuses, before recording anything', async () => {
    const { productId, artifactId } = await publishTemplate(
      dev,
      PROJECT_DEV,
      'studio-domain.yaml',
    );
    const provision = (parameters: Array<{ Key: string; Value: string }>) =>
      errorOf(
        dev.catalog.send(
          new ProvisionProductCommand({
            ProductId: productId,
            ProvisioningArtifactId: artifactId,
            ProvisionedProductName: 'studio',
            ProvisionToken: 'studio-1',
            ProvisioningParameters: parameters,
          }),
        ),
      );
    const missing = await provision([{ Key: 'ProjectName', Value: 'churn' }]);
    expect(missing.name).toBe('InvalidParametersException');
    expect(missing.message).toBe(
      'Parameters: [VpcId, SubnetIds, SecurityGroupIds] must have values',
    );
    const wrong = await provision([
      ...STUDIO_PARAMETERS,
      { Key: 'NetworkAccess', Value: 'Public' },
      { Key: 'Extra', Value: 'x' },
    ]);
    expect(wrong.message).toBe(
      "Parameters: [Extra] do not exist in the template; Parameter 'NetworkAccess' must be one of AllowedValues",
    );
    expect(emulator.state.provisionedProducts.size).toBe(0);
  });

  it('fails a stack the SCPs refuse, naming the resource, and rolls back what it made', async () => {
    const record = await launchTemplate(
      dev,
      PROJECT_DEV,
      'studio-domain.yaml',
      [
        ...STUDIO_PARAMETERS,
        { Key: 'NetworkAccess', Value: 'PublicInternetOnly' },
      ],
    );
    expect(record.RecordDetail?.Status).toBe('FAILED');
    expect(record.RecordDetail?.RecordErrors?.[0].Description).toMatch(
      /^The following resource\(s\) failed to create: \[Domain\]\. Resource handler returned message: "User: arn:aws:sts::444444444444:assumed-role\/OrganizationAccountAccessRole\/test is not authorized to perform: sagemaker:CreateDomain with an explicit deny in a service control policy: arn:aws:organizations::\d+:policy\/o-\w+\/service_control_policy\/p-\w+" \(Service: SageMaker, Status Code: 403/,
    );
    const product = await dev.catalog.send(
      new DescribeProvisionedProductCommand({ Name: 'studio' }),
    );
    expect(product.ProvisionedProductDetail?.Status).toBe('ERROR');
    // The key, alias and role made before the domain are gone again.
    expect(
      [...emulator.state.kmsKeys.values()].filter(
        k => k.accountId === PROJECT_DEV,
      ),
    ).toEqual([]);
    expect(emulator.state.kmsAliases.size).toBe(0);
    expect(emulator.state.iamRoles.size).toBe(0);
    // The same template is allowed in the sandbox, which no require-vpc SCP governs.
    const lab = await clientsIn(emulator, SANDBOX);
    const allowed = await launchTemplate(lab, SANDBOX, 'studio-domain.yaml', [
      ...STUDIO_PARAMETERS,
      { Key: 'NetworkAccess', Value: 'PublicInternetOnly' },
    ]);
    expect(allowed.RecordDetail?.Status).toBe('SUCCEEDED');
  });

  it('terminates by deleting the stack newest first; a domain holding foreign profiles refuses', async () => {
    const record = await launchTemplate(
      dev,
      PROJECT_DEV,
      'studio-domain.yaml',
      STUDIO_PARAMETERS,
    );
    const domainId = record.RecordOutputs!.find(
      o => o.OutputKey === 'DomainId',
    )!.OutputValue!;
    await dev.sageMaker.send(
      new CreateUserProfileCommand({
        DomainId: domainId,
        UserProfileName: 'grace',
      }),
    );
    const terminate = async (token: string) => {
      const { RecordDetail } = await dev.catalog.send(
        new TerminateProvisionedProductCommand({
          ProvisionedProductName: 'studio',
          TerminateToken: token,
        }),
      );
      return settledRecord(dev.catalog, RecordDetail!.RecordId!);
    };
    const refused = await terminate('end-1');
    expect(refused.RecordDetail?.Status).toBe('FAILED');
    expect(refused.RecordDetail?.RecordErrors?.[0]).toEqual({
      Code: 'ResourceInUse',
      Description: `The following resource(s) failed to delete: [Domain]. Cannot delete domain ${domainId} because it contains user profiles (grace); delete them first.`,
    });
    // The stack's own profile went first; the domain and what it needs stay.
    expect(
      await errorOf(
        dev.sageMaker.send(
          new DescribeUserProfileCommand({
            DomainId: domainId,
            UserProfileName: 'ada',
          }),
        ),
      ),
    ).toMatchObject({ name: 'ResourceNotFound' });
    await dev.sageMaker.send(new DescribeDomainCommand({ DomainId: domainId }));
    await dev.sageMaker.send(
      new DeleteUserProfileCommand({
        DomainId: domainId,
        UserProfileName: 'grace',
      }),
    );
    const done = await terminate('end-2');
    expect(done.RecordDetail?.Status).toBe('SUCCEEDED');
    expect(emulator.state.domains.size).toBe(0);
    expect(emulator.state.kmsKeys.size).toBe(0);
    expect(emulator.state.iamRoles.size).toBe(0);
    expect(emulator.state.stacks.size).toBe(0);
  });
});
