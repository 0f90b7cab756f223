// Requests that meet the demo seed's guardrails (require-vpc, require-kms,
// require-cost-tags), for tests and scripts that make resources directly in
// a Workloads account: with SCPs enforced, anything less is AccessDenied.

/** The demo seed's tag scheme on a resource of one project. */
export function projectTags(project: string, costCenter = 'CC-1234') {
  return [
    { Key: 'ml-project', Value: project },
    { Key: 'cost-center', Value: costCenter },
  ];
}

/** A VPC-only Studio domain with a KMS key and the cost tags. */
export function governedDomainRequest(
  accountId: string,
  domainName: string,
  project = domainName,
) {
  return {
    DomainName: domainName,
    AuthMode: 'IAM' as const,
    AppNetworkAccessType: 'VpcOnly' as const,
    DefaultUserSettings: {
      ExecutionRole: `arn:aws:iam::${accountId}:role/SageMakerExecution`,
      SecurityGroups: ['sg-0123456789abcdef0'],
    },
    SubnetIds: ['subnet-0123456789abcdef0'],
    VpcId: 'vpc-0123456789abcdef0',
    KmsKeyId: `arn:aws:kms:us-east-1:${accountId}:key/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0`,
    Tags: projectTags(project),
  };
}
