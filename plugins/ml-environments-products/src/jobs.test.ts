import { evaluateScps } from '@mlgov/plugin-ml-environments-common';
import { chainTo } from './__testUtils__/scp.ts';
import { resourcesOf, templateOf } from './__testUtils__/templates.ts';

/**
 * The request a job of the definition makes, as the SCPs see it: a
 * `${...}` placeholder is a value present but unknown here, except the
 * instance type, which takes the parameter's default.
 */
function requestOf(
  keys: Record<string, unknown>,
  tags: Array<{ Key: string }>,
  defaults: Record<string, string>,
) {
  const context: Record<string, string | string[]> = {};
  const presentKeys: string[] = [];
  for (const [key, raw] of Object.entries(keys)) {
    if (raw === undefined) continue;
    const values = [raw].flat().map(v => {
      const name = /^\$\{(\w+)\}$/.exec(String(v))?.[1];
      return name && defaults[name] !== undefined ? defaults[name] : String(v);
    });
    if (values.some(v => v.includes('${'))) presentKeys.push(key);
    else context[key] = values.length === 1 ? values[0] : values;
  }
  for (const tag of tags) presentKeys.push(`aws:RequestTag/${tag.Key}`);
  context['aws:TagKeys'] = tags.map(t => t.Key);
  return { context, presentKeys };
}

describe("the model-build pipeline's jobs", () => {
  const template = templateOf('ml-model-build');
  const pipeline = resourcesOf(template, 'AWS::SageMaker::Pipeline')[0][1];
  const definition = JSON.parse(
    pipeline.Properties.PipelineDefinition.PipelineDefinitionBody['Fn::Sub'][0],
  );
  const defaults = Object.fromEntries(
    Object.entries<any>(template.Parameters)
      .filter(([, p]) => p.Default !== undefined)
      .map(([name, p]) => [name, p.Default]),
  );
  const step = (type: string) =>
    definition.Steps.find((s: any) => s.Type === type).Arguments;

  it.each([
    [
      'sagemaker:CreateProcessingJob',
      (a: any) => ({
        'sagemaker:VpcSubnets': a.NetworkConfig.VpcConfig.Subnets,
        'sagemaker:VpcSecurityGroupIds':
          a.NetworkConfig.VpcConfig.SecurityGroupIds,
        'sagemaker:VolumeKmsKeyArn':
          a.ProcessingResources.ClusterConfig.VolumeKmsKeyId,
        'sagemaker:OutputKmsKeyArn': a.ProcessingOutputConfig.KmsKeyId,
        'sagemaker:InterContainerTrafficEncryption':
          a.NetworkConfig.EnableInterContainerTrafficEncryption,
        'sagemaker:InstanceTypes':
          a.ProcessingResources.ClusterConfig.InstanceType,
      }),
      'Processing',
    ],
    [
      'sagemaker:CreateTrainingJob',
      (a: any) => ({
        'sagemaker:VpcSubnets': a.VpcConfig.Subnets,
        'sagemaker:VpcSecurityGroupIds': a.VpcConfig.SecurityGroupIds,
        'sagemaker:VolumeKmsKeyArn': a.ResourceConfig.VolumeKmsKeyId,
        'sagemaker:OutputKmsKeyArn': a.OutputDataConfig.KmsKeyId,
        'sagemaker:InterContainerTrafficEncryption':
          a.EnableInterContainerTrafficEncryption,
        'sagemaker:InstanceTypes': a.ResourceConfig.InstanceType,
      }),
      'Training',
    ],
  ])(
    '%s passes the dev account guardrails (VPC, KMS, transit encryption, instance type, cost tags)',
    (action, keysOf, type) => {
      const args = step(type);
      const { context, presentKeys } = requestOf(
        keysOf(args),
        args.Tags,
        defaults,
      );
      expect(context['sagemaker:InstanceTypes']).toBe('ml.m5.large');
      const decision = evaluateScps(chainTo('Workloads/Workloads_Dev'), {
        action,
        context: {
          ...context,
          'aws:PrincipalArn': 'arn:aws:iam::200000000011:role/model-build',
        },
        presentKeys,
      });
      expect({ action, decision: decision.decision }).toEqual({
        action,
        decision: 'allowed',
      });
    },
  );

  it('would be denied without its KMS key (the check can fail)', () => {
    const args = step('Training');
    const { context, presentKeys } = requestOf(
      {
        'sagemaker:VpcSubnets': args.VpcConfig.Subnets,
        'sagemaker:VpcSecurityGroupIds': args.VpcConfig.SecurityGroupIds,
      },
      args.Tags,
      defaults,
    );
    const decision = evaluateScps(chainTo('Workloads/Workloads_Dev'), {
      action: 'sagemaker:CreateTrainingJob',
      context: {
        ...context,
        'aws:PrincipalArn': 'arn:aws:iam::200000000011:role/model-build',
      },
      presentKeys,
    });
    expect(decision.decision).toBe('denied');
    expect(decision.decidedBy?.policy).toBe('mlgov-require-kms');
  });
});
