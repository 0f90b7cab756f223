import {
  devAccount,
  sandboxAccount,
} from '../evaluation/__testUtils__/scpLevels';
import { checkTemplate } from './checkTemplate';

// The Studio product as a platform team would write it: VPC-only by default.
const studio = (networkDefault: string) => ({
  Parameters: {
    AppNetworkAccessType: { Type: 'String', Default: networkDefault },
    KmsKeyId: { Type: 'String' },
  },
  Resources: {
    StudioDomain: {
      Type: 'AWS::SageMaker::Domain',
      Properties: {
        DomainName: 'studio',
        AuthMode: 'IAM',
        AppNetworkAccessType: { Ref: 'AppNetworkAccessType' },
        SubnetIds: ['subnet-1'],
        VpcId: 'vpc-1',
        KmsKeyId: { Ref: 'KmsKeyId' },
        DefaultUserSettings: { SecurityGroups: ['sg-1'] },
      },
    },
  },
});

describe('checkTemplate', () => {
  it('refuses a public Studio domain in Workloads_Dev, naming require-vpc and its statement', () => {
    const result = checkTemplate(devAccount, studio('PublicInternetOnly'), {
      principalArn:
        'arn:aws:iam::200000000011:role/OrganizationAccountAccessRole',
    });
    expect(result.allowed).toBe(false);
    expect(result.findings).toEqual([
      expect.objectContaining({
        resource: 'StudioDomain',
        action: 'sagemaker:CreateDomain',
        decision: 'denied',
        policy: 'mlgov-require-vpc',
        statement: 'StudioVpcOnly',
      }),
    ]);
  });

  it('takes the same domain in the sandbox, and the VPC-only one in dev', () => {
    const principalArn =
      'arn:aws:iam::200000000011:role/OrganizationAccountAccessRole';
    expect(
      checkTemplate(sandboxAccount, studio('PublicInternetOnly'), {
        principalArn,
      }),
    ).toEqual({
      allowed: true,
      findings: [],
    });
    expect(
      checkTemplate(devAccount, studio('VpcOnly'), { principalArn }),
    ).toEqual({
      allowed: true,
      findings: [],
    });
  });

  it("says unknown, with the reason, where a key's value is not in the template", () => {
    const template = studio('VpcOnly');
    delete (template.Parameters.AppNetworkAccessType as any).Default;
    const result = checkTemplate(devAccount, template, {
      principalArn:
        'arn:aws:iam::200000000011:role/OrganizationAccountAccessRole',
    });
    expect(result.allowed).toBe(true);
    expect(result.findings[0]).toMatchObject({
      decision: 'unknown',
      policy: 'mlgov-require-vpc',
    });
    expect(result.findings[0].reason).toContain(
      'sagemaker:AppNetworkAccessType',
    );
  });

  it('refuses a resource without the cost tags when the stack carries none, and names an unmodelled type', () => {
    const result = checkTemplate(
      devAccount,
      {
        Resources: {
          Notebook: {
            Type: 'AWS::SageMaker::NotebookInstance',
            Properties: {
              InstanceType: 'ml.t3.medium',
              SubnetId: 's',
              SecurityGroupIds: ['sg'],
              KmsKeyId: 'k',
            },
          },
          Queue: { Type: 'AWS::SQS::Queue', Properties: {} },
        },
      },
      { principalArn: 'arn:aws:iam::200000000011:role/Launch', stackTags: {} },
    );
    expect(result.allowed).toBe(false);
    expect(
      result.findings.map(f => [f.resource, f.decision, f.policy]),
    ).toEqual([
      ['Notebook', 'denied', 'mlgov-require-cost-tags'],
      ['Queue', 'unknown', undefined],
    ]);
  });
});
