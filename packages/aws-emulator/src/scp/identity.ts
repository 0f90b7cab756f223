// Identity policies decide the calls of the principals that have them (the
// suite's, seeded from seeds/suite-iam.json, and the seed's own); any other
// principal is an administrator, as the roles Organizations makes are. AWS
// judges identity policies after the SCPs, so this runs after them.
import type { EmulatorConfig } from '../config.ts';
import { AwsError } from '../errors.ts';
import type { RequestValues } from './evaluate.ts';
import { evaluateIdentityPolicies, policiesOf } from '../services/iam/index.ts';
import type { Credential, EmulatorState } from '../state.ts';
import { iamActionOf, principalArnOf } from './requestContext.ts';

/** Answered for any valid credentials: no permission needed (STS). */
const UNAUTHORIZED_OPERATIONS = new Set(['sts:GetCallerIdentity']);

const DENIED_CODE: Record<string, string> = {
  sts: 'AccessDenied',
  iam: 'AccessDenied',
  sqs: 'AccessDenied',
  s3: 'AccessDenied',
};

/**
 * The resource a call acts on, where the emulator knows its ARN: otherwise
 * `*`, which only a statement whose Resource is `*` matches.
 */
function resourceOf(
  service: string,
  input: any,
  region: string,
  accountId: string,
): string {
  if (service === 'sts' && typeof input.RoleArn === 'string') {
    return input.RoleArn;
  }
  if (service === 'iam' && typeof input.RoleName === 'string') {
    return `arn:aws:iam::${accountId}:role/${input.RoleName}`;
  }
  if (service === 'sqs' && typeof input.QueueUrl === 'string') {
    const [account, name] = new URL(input.QueueUrl).pathname
      .split('/')
      .filter(Boolean);
    return `arn:aws:sqs:${region}:${account}:${name}`;
  }
  if (service === 's3' && typeof input.Bucket === 'string') {
    return `arn:aws:s3:::${input.Bucket}${
      typeof input.Key === 'string' ? `/${input.Key}` : ''
    }`;
  }
  return '*';
}

/**
 * The condition keys identity policies may test: the caller's account and
 * role, and for S3 the account that owns the bucket (absent when no bucket
 * of that name exists, so no condition on it holds).
 */
function identityRequest(call: IdentityCall): RequestValues {
  const values: RequestValues = new Map([
    ['aws:principalaccount', [call.caller.accountId]],
    ['aws:principalarn', [principalArnOf(call.caller)]],
  ]);
  const bucket =
    call.service === 's3' && typeof call.input.Bucket === 'string'
      ? call.state.buckets.get(call.input.Bucket)
      : undefined;
  if (bucket) values.set('s3:resourceaccount', [bucket.accountId]);
  return values;
}

export interface IdentityCall {
  state: EmulatorState;
  config: EmulatorConfig;
  caller: Credential;
  region: string;
  service: string;
  operation: string;
  input: any;
}

/** AWS's refusal of a call its caller's identity policies do not allow, or undefined. */
export function identityRefusal(call: IdentityCall): AwsError | undefined {
  const { state, caller, service, operation } = call;
  const key = `${service}:${operation}`;
  if (
    !call.config.enforceIdentityPolicies ||
    UNAUTHORIZED_OPERATIONS.has(key)
  ) {
    return undefined;
  }
  const policies = policiesOf(state, principalArnOf(caller));
  if (!policies) return undefined;
  // S3 answers NoSuchBucket before it authorizes (which is why bucket
  // names can be probed): a bucket that does not exist is the handler's.
  if (
    service === 's3' &&
    operation !== 'CreateBucket' &&
    typeof call.input.Bucket === 'string' &&
    !state.buckets.has(call.input.Bucket)
  ) {
    return undefined;
  }
  const action = iamActionOf(service, operation);
  const resource = resourceOf(
    service,
    call.input,
    call.region,
    caller.accountId,
  );
  const decision = evaluateIdentityPolicies(
    policies,
    action,
    resource,
    identityRequest(call),
  );
  if (decision === 'allowed') return undefined;
  const who = `User: ${caller.arn} is not authorized to perform: ${action} on resource: ${resource}`;
  return new AwsError(
    DENIED_CODE[service] ?? 'AccessDeniedException',
    decision === 'explicitDeny'
      ? `${who} with an explicit deny in an identity-based policy`
      : `${who} because no identity-based policy allows the ${action} action`,
    { status: 403 },
  );
}
