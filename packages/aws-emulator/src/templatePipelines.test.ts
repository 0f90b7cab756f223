import {
  DescribeModelPackageGroupCommand,
  DescribePipelineCommand,
} from '@aws-sdk/client-sagemaker';
import { HeadBucketCommand } from '@aws-sdk/client-s3';
import type { RunningEmulator } from './server.ts';
import {
  type AccountClients,
  PROJECT_DEV,
  launchTemplate,
  jsonCall,
  templateEmulatorEach,
} from './__testUtils__/templates.ts';

describe('MLOps products launched from their CloudFormation templates', () => {
  let emulator: RunningEmulator;
  let dev: AccountClients;

  templateEmulatorEach(started => ({ emulator, dev } = started));

  it('creates the MLOps pipeline with its approval stage, model registry and artifact bucket', async () => {
    const record = await launchTemplate(
      dev,
      PROJECT_DEV,
      'mlops-pipeline.json',
      [
        { Key: 'ProjectName', Value: 'churn' },
        { Key: 'TargetAccounts', Value: '666666666666,777777777777' },
      ],
      'pipeline',
    );
    expect(record.RecordDetail?.Status).toBe('SUCCEEDED');
    const outputs = Object.fromEntries(
      record.RecordOutputs!.map(o => [o.OutputKey, o.OutputValue]),
    );
    expect(outputs.PipelineArn).toBe(
      'arn:aws:codepipeline:us-east-1:444444444444:churn-deploy',
    );
    const pipeline = await jsonCall(
      emulator,
      dev.accessKeyId,
      'codepipeline',
      'CodePipeline_20150709.GetPipeline',
      { name: 'churn-deploy' },
    );
    expect(pipeline.status).toBe(200);
    const stages = pipeline.body.pipeline.stages;
    expect(stages.map((s: any) => s.name)).toEqual([
      'Source',
      'DeployPreProd',
      'ApproveProd',
      'DeployProd',
    ]);
    expect(stages[2].actions[0].actionTypeId).toEqual({
      category: 'Approval',
      owner: 'AWS',
      provider: 'Manual',
      version: '1',
    });
    expect(stages[1].actions[0].roleArn).toBe(
      'arn:aws:iam::666666666666:role/churn-deploy',
    );
    expect(stages[3].actions[0].configuration).toEqual({
      ActionMode: 'CREATE_UPDATE',
      StackName: 'churn-endpoint',
    });
    expect(pipeline.body.pipeline.artifactStore).toMatchObject({
      type: 'S3',
      location: outputs.ArtifactBucket,
      encryptionKey: { type: 'KMS' },
    });
    const listed = await jsonCall(
      emulator,
      dev.accessKeyId,
      'codepipeline',
      'CodePipeline_20150709.ListPipelines',
      {},
    );
    expect(listed.body.pipelines.map((p: any) => p.name)).toEqual([
      'churn-deploy',
    ]);
    const group = await dev.sageMaker.send(
      new DescribeModelPackageGroupCommand({
        ModelPackageGroupName: 'churn-models',
      }),
    );
    expect(group.ModelPackageGroupArn).toBe(outputs.ModelPackageGroupArn);
    const build = await dev.sageMaker.send(
      new DescribePipelineCommand({ PipelineName: outputs.BuildPipelineName }),
    );
    expect(
      JSON.parse(build.PipelineDefinition!).Steps[0].Arguments
        .ModelPackageGroupName,
    ).toBe(outputs.ModelPackageGroupArn);
    await dev.s3.send(
      new HeadBucketCommand({ Bucket: outputs.ArtifactBucket }),
    );
    const role = [...emulator.state.iamRoles.values()].find(
      r => r.name === 'churn-pipeline',
    )!;
    expect([...role.inlinePolicies.keys()]).toEqual(['artifacts']);
    expect(role.managedPolicyArns).toHaveLength(1);
  });

  it('leaves the approval stage out when the parameter says so (Fn::If with AWS::NoValue)', async () => {
    await launchTemplate(
      dev,
      PROJECT_DEV,
      'mlops-pipeline.json',
      [
        { Key: 'ProjectName', Value: 'fraud' },
        { Key: 'TargetAccounts', Value: '666666666666,777777777777' },
        { Key: 'ProdApprovalRequired', Value: 'false' },
      ],
      'pipeline',
    );
    const pipeline = await jsonCall(
      emulator,
      dev.accessKeyId,
      'codepipeline',
      'CodePipeline_20150709.GetPipeline',
      { name: 'fraud-deploy' },
    );
    expect(pipeline.body.pipeline.stages.map((s: any) => s.name)).toEqual([
      'Source',
      'DeployPreProd',
      'DeployProd',
    ]);
    const missing = await jsonCall(
      emulator,
      dev.accessKeyId,
      'codepipeline',
      'CodePipeline_20150709.GetPipeline',
      { name: 'nothing' },
    );
    expect(missing.body.__type).toBe('PipelineNotFoundException');
  });
});
