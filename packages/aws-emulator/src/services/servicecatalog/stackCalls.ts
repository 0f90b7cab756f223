// The API calls CloudFormation makes for a product's resources, judged by
// the organization's SCPs as the calls of the principal that launched it
// (no launch constraint is modelled: CloudFormation acts as the caller).
import type { CallContext } from '../../context.ts';
import type { AwsError } from '../../errors.ts';
import { scpJudgment } from '../../scp/enforce.ts';
import type { ProductRecord } from '../../state.ts';

/**
 * The emulator's Studio product stands for a platform team's domain
 * template: VPC-only networking in the account's subnets and security
 * groups, and the account's SageMaker KMS key, unless its parameters
 * (`AppNetworkAccessType`, `SubnetIds`, `SecurityGroupIds`, `KmsKeyId`) say
 * otherwise; the provisioning tags reach the domain, as
 * Service Catalog's stack tags reach the resources that take tags.
 */
export function studioDomainRequest(
  accountId: string,
  region: string,
  name: string,
  parameters: Record<string, string>,
  tags: Array<{ Key: string; Value: string }>,
) {
  return {
    DomainName: parameters.DomainName || `${name}-domain`,
    AuthMode: 'IAM',
    AppNetworkAccessType: parameters.AppNetworkAccessType || 'VpcOnly',
    SubnetIds: (parameters.SubnetIds || 'subnet-0123456789abcdef0').split(','),
    DefaultUserSettings: {
      SecurityGroups: (
        parameters.SecurityGroupIds || 'sg-0123456789abcdef0'
      ).split(','),
    },
    KmsKeyId:
      parameters.KmsKeyId ||
      `arn:aws:kms:${region}:${accountId}:alias/aws/sagemaker`,
    Tags: tags,
  };
}

/**
 * The judgment of a product's stack calls, read when it is launched and
 * made when the stack runs them; undefined for products with no modelled
 * calls.
 */
export async function stackCallsJudgment(
  ctx: CallContext,
  product: ProductRecord,
  name: string,
  parameters: Array<{ Key: string; Value: string }>,
  tags: Array<{ Key: string; Value: string }>,
): Promise<(() => AwsError | undefined) | undefined> {
  if (product.kind !== 'sagemaker-studio-domain') return undefined;
  const input = studioDomainRequest(
    ctx.caller.accountId,
    ctx.region,
    name,
    Object.fromEntries(parameters.map(p => [p.Key, p.Value])),
    tags,
  );
  return scpJudgment({
    state: ctx.state,
    config: ctx.config,
    caller: ctx.caller,
    region: ctx.region,
    service: 'sagemaker',
    operation: 'CreateDomain',
    input,
    viaAwsService: true,
  });
}

/** CloudFormation's account of a resource its call was refused for. */
export function stackFailure(logicalId: string, refusal: AwsError) {
  return {
    Code: 'CloudFormation',
    Description: `The following resource(s) failed to create: [${logicalId}]. Resource handler returned message: "${refusal.message} (Service: SageMaker, Status Code: 400)"`,
  };
}
