import { aws_iam as iam } from 'aws-cdk-lib';
import type { Construct } from 'constructs';

/** Who may assume a role: an AWS service or an AWS principal (an ARN). */
export type TrustedPrincipal = { Service: string } | { AWS: string };

/** A trust policy that lets one principal assume the role. */
export function trustPolicy(principal: TrustedPrincipal) {
  return {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' },
    ],
  };
}

/** A role only the given principal may assume. */
export function roleTrusting(
  scope: Construct,
  id: string,
  principal: TrustedPrincipal,
  props: { description: string; roleName?: string },
): iam.CfnRole {
  return new iam.CfnRole(scope, id, {
    ...props,
    assumeRolePolicyDocument: trustPolicy(principal),
  });
}

/** A role's inline policy (AWS::IAM::Policy) made of the given statements. */
export function rolePolicy(
  scope: Construct,
  id: string,
  role: iam.CfnRole,
  policyName: string,
  statements: iam.PolicyStatement[],
): iam.CfnPolicy {
  return new iam.CfnPolicy(scope, id, {
    policyName,
    roles: [role.ref],
    policyDocument: new iam.PolicyDocument({ statements }),
  });
}
