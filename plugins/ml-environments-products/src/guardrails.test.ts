import {
  RESOURCE_TAG_KEYS,
  checkTemplate,
} from '@mlgov/plugin-ml-environments-common';
import { chainTo } from './__testUtils__/scp.ts';
import {
  resourcesOf,
  synthesized,
  templateOf,
} from './__testUtils__/templates.ts';

const principalArn =
  'arn:aws:iam::200000000011:role/OrganizationAccountAccessRole';
const domainOf = (id: string) =>
  resourcesOf(templateOf(id), 'AWS::SageMaker::Domain')[0][1];

describe('the Studio products', () => {
  it('makes the dev domain VPC-only in the given subnets, encrypted with the key it creates', () => {
    const template = templateOf('ml-studio-domain');
    const props = domainOf('ml-studio-domain').Properties;
    expect(props.AppNetworkAccessType).toBe('VpcOnly');
    expect(props.AuthMode).toBe('IAM');
    expect(props.SubnetIds).toEqual({ Ref: 'SubnetIds' });
    expect(props.VpcId).toEqual({ Ref: 'VpcId' });
    expect(props.DefaultUserSettings.SecurityGroups).toEqual({
      Ref: 'SecurityGroupIds',
    });
    expect(props.KmsKeyId).toEqual({ 'Fn::GetAtt': ['StudioKey', 'Arn'] });
    expect(template.Resources.StudioKey.Type).toBe('AWS::KMS::Key');
    expect(template.Resources.StudioKey.Properties.EnableKeyRotation).toBe(
      true,
    );
    expect(props.DomainSettings.ExecutionRoleIdentityConfig).toBe(
      'USER_PROFILE_NAME',
    );
  });

  it('makes the sandbox domain public, with no corporate network parameter', () => {
    const template = templateOf('ml-sandbox-studio');
    expect(domainOf('ml-sandbox-studio').Properties.AppNetworkAccessType).toBe(
      'PublicInternetOnly',
    );
    expect(template.Parameters.SecurityGroupIds).toBeUndefined();
  });

  it('tags every taggable resource with the suite scheme from parameters', () => {
    for (const id of [
      'ml-studio-domain',
      'ml-model-build',
      'ml-deploy-pipeline',
    ]) {
      const template = templateOf(id);
      for (const [, r] of Object.entries<any>(template.Resources)) {
        if (!r.Properties?.Tags) continue;
        const keys = r.Properties.Tags.map((t: any) => t.Key);
        expect(keys).toEqual(expect.arrayContaining([...RESOURCE_TAG_KEYS]));
      }
      const domainOrPipeline = Object.values<any>(template.Resources).filter(
        r => /SageMaker::Domain|CodePipeline|SageMaker::Pipeline/.test(r.Type),
      );
      for (const r of domainOrPipeline) {
        expect(r.Properties.Tags).toContainEqual({
          Key: 'cost-center',
          Value: { Ref: 'CostCenter' },
        });
        expect(r.Properties.Tags).toContainEqual({
          Key: 'ml-project',
          Value: { Ref: 'ProjectName' },
        });
      }
    }
  });

  it('passes the default baseline SCPs where it is launched, and the sandbox one is refused in dev', () => {
    const dev = chainTo('Workloads/Workloads_Dev');
    // Every call decided, the KMS alias and managed policies included.
    const result = checkTemplate(dev, templateOf('ml-studio-domain'), {
      principalArn,
    });
    expect(result).toEqual({ allowed: true, findings: [] });
    expect(
      checkTemplate(chainTo('Sandbox'), templateOf('ml-sandbox-studio'), {
        principalArn,
      }).allowed,
    ).toBe(true);
    const refused = checkTemplate(dev, templateOf('ml-sandbox-studio'), {
      principalArn,
    });
    expect(refused.allowed).toBe(false);
    expect(refused.findings).toContainEqual(
      expect.objectContaining({
        policy: 'mlgov-require-vpc',
        statement: 'StudioVpcOnly',
      }),
    );
  });

  it("models every resource type of every product: the check never answers that it does not know a type's calls", () => {
    const unmodelled = synthesized().flatMap(({ product, template }) =>
      checkTemplate(chainTo('Workloads/Workloads_Dev'), template, {
        principalArn,
      })
        .findings.filter(f => /does not model/.test(f.reason))
        .map(f => `${product.id}: ${f.action}`),
    );
    expect(unmodelled).toEqual([]);
  });

  it('lets a user open only the profile tagged with their own studiouserid', () => {
    const policy =
      templateOf('ml-studio-domain').Resources.StudioUserAccessPolicy;
    const open = policy.Properties.PolicyDocument.Statement.find(
      (s: any) => s.Sid === 'OpenOwnProfile',
    );
    expect(open.Condition).toEqual({
      StringEquals: {
        'sagemaker:ResourceTag/studiouserid':
          '${aws:PrincipalTag/studiouserid}',
      },
    });
  });
});
