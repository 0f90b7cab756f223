// Service control policies apply to every call made in a member account,
// never to the management account's own principals (AWS Organizations).
import type { EmulatorConfig } from '../config.ts';
import { AwsError } from '../errors.ts';
import type { Credential, EmulatorState } from '../state.ts';
import { type ScpLevelPolicies, judgeScps } from './evaluate.ts';
import { iamActionOf, requestContextOf } from './requestContext.ts';

const SCP = 'SERVICE_CONTROL_POLICY';

/** Root, OUs and account above a member account, each with its SCPs. */
export function scpLevelsOf(
  state: EmulatorState,
  accountId: string,
): ScpLevelPolicies[] {
  return state.pathTo(accountId).map(target => ({
    target,
    policies: state
      .policiesAttachedTo(target)
      .filter(policy => policy.type === SCP)
      .map(policy => ({
        arn: policy.arn,
        name: policy.name,
        statements: [JSON.parse(policy.content).Statement ?? []].flat(),
      })) as ScpLevelPolicies['policies'],
  }));
}

function appliesTo(state: EmulatorState, caller: Credential) {
  return (
    state.inOrganization &&
    state.scpEnabled &&
    caller.accountId !== state.managementAccountId &&
    state.accounts.has(caller.accountId) &&
    // Service-linked roles are outside SCPs.
    !caller.arn.includes(':role/aws-service-role/') &&
    !caller.arn.includes(':assumed-role/AWSServiceRoleFor')
  );
}

/** The SDK's error code for "access denied" differs by protocol. */
const DENIED_CODE: Record<string, string> = {
  sts: 'AccessDenied',
  iam: 'AccessDenied',
  sqs: 'AccessDenied',
};

export interface ScpCall {
  state: EmulatorState;
  config: EmulatorConfig;
  caller: Credential;
  region: string;
  service: string;
  operation: string;
  input: any;
  /** The resource's ARN where the emulator knows it; otherwise only `*` matches. */
  resource?: string;
  sourceIp?: string;
  viaAwsService?: boolean;
}

/**
 * Reads a call's condition keys now and returns the judgment, to be made
 * when the call happens (e.g. CloudFormation's calls at the end of a
 * stack): AWS's refusal, or undefined when the SCPs allow the call or
 * enforcement is off.
 */
export async function scpJudgment(
  call: ScpCall,
): Promise<() => AwsError | undefined> {
  const { state, caller } = call;
  const action = iamActionOf(call.service, call.operation);
  const request = await requestContextOf({
    caller,
    organizationId: state.organizationId,
    region: call.region,
    service: call.service,
    operation: call.operation,
    input: call.input,
    sourceIp: call.sourceIp,
    viaAwsService: call.viaAwsService,
  });
  return () => {
    if (!call.config.enforceScps || !appliesTo(state, caller)) {
      return undefined;
    }
    const verdict = judgeScps(
      scpLevelsOf(state, caller.accountId),
      action,
      call.resource,
      request,
    );
    if (verdict.allowed) return undefined;
    const who = `User: ${caller.arn} is not authorized to perform: ${action}`;
    const message =
      'explicitDeny' in verdict
        ? `${who} with an explicit deny in a service control policy: ${verdict.explicitDeny.policyArn}`
        : `${who} because no service control policy allows the ${action} action`;
    return new AwsError(
      DENIED_CODE[call.service] ?? 'AccessDeniedException',
      message,
      { status: 403 },
    );
  };
}

/** AWS's refusal of a member account's call now, or undefined. */
export async function scpRefusal(call: ScpCall) {
  if (!call.config.enforceScps || !appliesTo(call.state, call.caller)) {
    return undefined;
  }
  return (await scpJudgment(call))();
}
