import {
  resolveConditions,
  resourcesOf,
  templateOf,
} from './__testUtils__/templates.ts';

const pipelineOf = () =>
  resourcesOf(
    templateOf('ml-deploy-pipeline'),
    'AWS::CodePipeline::Pipeline',
  )[0][1];

const targetRoots = [
  { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${PreprodAccountId}:root' },
  { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${ProdAccountId}:root' },
];

/** The AWS principals a policy document names, other than the account itself. */
function foreignPrincipals(document: any): unknown[] {
  const own = {
    'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root',
  };
  return document.Statement.flatMap((s: any) =>
    s.Principal?.AWS ? [s.Principal.AWS].flat() : [],
  ).filter(
    (p: unknown) => JSON.stringify(p) !== JSON.stringify(own) && p !== '*',
  );
}

describe('the deploy pipeline product', () => {
  it('has the approval stage only when ProdApprovalRequired is "true"', () => {
    const template = templateOf('ml-deploy-pipeline');
    expect(template.Conditions.ProdApproval).toEqual({
      'Fn::Equals': [{ Ref: 'ProdApprovalRequired' }, 'true'],
    });
    expect(template.Parameters.ProdApprovalRequired).toMatchObject({
      Default: 'true',
      AllowedValues: ['true', 'false'],
    });
    const stages = (required: string) =>
      (
        resolveConditions(template, pipelineOf().Properties.Stages, {
          ProdApprovalRequired: required,
        }) as any[]
      ).map(s => s.Name);
    expect(stages('true')).toEqual([
      'Source',
      'DeployPreprod',
      'ApproveProd',
      'DeployProd',
    ]);
    expect(stages('false')).toEqual(['Source', 'DeployPreprod', 'DeployProd']);
    const approval = pipelineOf().Properties.Stages[2]['Fn::If'][1];
    expect(approval.Actions[0].ActionTypeId).toMatchObject({
      Category: 'Approval',
      Provider: 'Manual',
    });
  });

  it('deploys each stage through that target account deployment role', () => {
    const [, preprod, , prod] = pipelineOf().Properties.Stages;
    expect(preprod.Actions[0].RoleArn).toEqual({
      'Fn::Sub':
        'arn:${AWS::Partition}:iam::${PreprodAccountId}:role/ml-deployment-role',
    });
    expect(prod.Actions[0].RoleArn).toEqual({
      'Fn::Sub':
        'arn:${AWS::Partition}:iam::${ProdAccountId}:role/ml-deployment-role',
    });
    expect(prod.Actions[0].Configuration.RoleArn).toEqual({
      'Fn::Sub':
        'arn:${AWS::Partition}:iam::${ProdAccountId}:role/ml-cfn-execution-role',
    });
  });

  it('encrypts artifacts with a key whose policy admits exactly the target accounts', () => {
    const template = templateOf('ml-deploy-pipeline');
    const key = template.Resources.ArtifactKey;
    expect(key.Properties.EnableKeyRotation).toBe(true);
    expect(foreignPrincipals(key.Properties.KeyPolicy)).toEqual(targetRoots);
    expect(pipelineOf().Properties.ArtifactStore.EncryptionKey).toEqual({
      Id: { 'Fn::GetAtt': ['ArtifactKey', 'Arn'] },
      Type: 'KMS',
    });
    const bucketPolicy =
      template.Resources.ArtifactBucketPolicy.Properties.PolicyDocument;
    expect(foreignPrincipals(bucketPolicy)).toEqual(targetRoots);
    const encryption =
      template.Resources.ArtifactBucket.Properties.BucketEncryption
        .ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault;
    expect(encryption).toEqual({
      SSEAlgorithm: 'aws:kms',
      KMSMasterKeyID: { 'Fn::GetAtt': ['ArtifactKey', 'Arn'] },
    });
  });
});

describe('the deployment role product', () => {
  it('trusts exactly the pipeline role given, and nothing else', () => {
    const role = templateOf('ml-deployment-role').Resources.DeploymentRole;
    expect(role.Properties.RoleName).toBe('ml-deployment-role');
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      {
        Effect: 'Allow',
        Principal: { AWS: { Ref: 'PipelineRoleArn' } },
        Action: 'sts:AssumeRole',
      },
    ]);
  });

  it('may only pass the CloudFormation execution role, which builds only the project endpoint stack', () => {
    const template = templateOf('ml-deployment-role');
    const statements =
      template.Resources.DeploymentPolicy.Properties.PolicyDocument.Statement;
    const pass = statements.find((s: any) => s.Action === 'iam:PassRole');
    expect(pass.Resource).toEqual({
      'Fn::GetAtt': ['CloudFormationExecutionRole', 'Arn'],
    });
    const stackStatement = statements.find(
      (s: any) => s.Sid === 'EndpointStackOnly',
    );
    expect(stackStatement.Resource).toEqual({
      'Fn::Sub':
        'arn:${AWS::Partition}:cloudformation:${AWS::Region}:${AWS::AccountId}:stack/${ProjectName}-endpoint/*',
    });
  });
});

describe('the registry and model-build products', () => {
  it('lets dev register and automation only read', () => {
    const group = templateOf('ml-model-registry').Resources.ModelPackageGroup;
    const [dev, automation] =
      group.Properties.ModelPackageGroupPolicy.Statement;
    expect(dev.Principal.AWS).toEqual({
      'Fn::Sub': 'arn:${AWS::Partition}:iam::${DevAccountId}:root',
    });
    expect(dev.Action).toContain('sagemaker:CreateModelPackage');
    expect(automation.Principal.AWS).toEqual({
      'Fn::Sub': 'arn:${AWS::Partition}:iam::${AutomationAccountId}:root',
    });
    expect(
      automation.Action.every((a: string) => /:(Describe|List)/.test(a)),
    ).toBe(true);
    expect(group.Properties.ModelPackageGroupPolicy.Statement).toHaveLength(2);
  });

  it('builds, trains and registers into the given group, with every job in the VPC and encrypted', () => {
    const pipeline = resourcesOf(
      templateOf('ml-model-build'),
      'AWS::SageMaker::Pipeline',
    )[0][1];
    const [text, variables] =
      pipeline.Properties.PipelineDefinition.PipelineDefinitionBody['Fn::Sub'];
    expect(variables).toEqual({
      SubnetList: { 'Fn::Join': ['","', { Ref: 'SubnetIds' }] },
      SecurityGroupList: { 'Fn::Join': ['","', { Ref: 'SecurityGroupIds' }] },
    });
    const definition = JSON.parse(text);
    expect(definition.Steps.map((s: any) => s.Type)).toEqual([
      'Processing',
      'Training',
      'RegisterModel',
    ]);
    const [processing, training, register] = definition.Steps;
    expect(register.Arguments.ModelPackageGroupName).toBe(
      '${ModelPackageGroupArn}',
    );
    expect(processing.Arguments.NetworkConfig).toMatchObject({
      EnableInterContainerTrafficEncryption: true,
      VpcConfig: {
        Subnets: ['${SubnetList}'],
        SecurityGroupIds: ['${SecurityGroupList}'],
      },
    });
    expect(training.Arguments.VpcConfig.Subnets).toEqual(['${SubnetList}']);
    expect(training.Arguments.ResourceConfig.VolumeKmsKeyId).toBe(
      '${ArtifactKey.Arn}',
    );
    expect(training.Arguments.OutputDataConfig.KmsKeyId).toBe(
      '${ArtifactKey.Arn}',
    );
    expect(training.Arguments.Tags.map((t: any) => t.Key)).toEqual([
      'ml-project',
      'cost-center',
    ]);
  });
});
