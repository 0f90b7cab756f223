/**
 * Template-backed products: their launch runs the artifact's template
 * through the emulator's CloudFormation (each create call judged by the
 * organization's SCPs and the identity policies of the role it runs as:
 * the LAUNCH constraint's, or the launching principal's); their
 * termination deletes the stack.
 */
import type { CallContext } from '../../context.ts';
import type { AwsError } from '../../errors.ts';
import { scpJudgment } from '../../scp/enforce.ts';
import { identityRefusal } from '../../scp/identity.ts';
import type {
  Credential,
  EmulatorState,
  ProductRecord,
  ProvisionedProductRecord,
  RecordRecord,
} from '../../state.ts';
import {
  type StackCall,
  type StackOutcome,
  createStackSteps,
  deleteStack,
  runJudged,
  runUnjudged,
  stackIdFor,
} from '../cloudformation/engine.ts';
import { resolveParameters } from '../cloudformation/parameters.ts';
import { parseTemplateText } from '../cloudformation/template.ts';
import { invalid } from './requests.ts';

export type StackJudge = (call: StackCall) => Promise<AwsError | undefined>;

function templateOf(product: ProductRecord, artifactId: string) {
  const body = product.artifacts.find(a => a.id === artifactId)?.templateBody;
  if (body === undefined)
    throw new Error(`Artifact ${artifactId} of ${product.id} has no template`);
  return parseTemplateText(body);
}

/**
 * The values a launch took from the template's defaults: what
 * UsePreviousValue reads for a parameter the launch did not give.
 */
export function templateDefaults(
  product: ProductRecord,
  artifactId: string,
): Record<string, string> {
  const artifact = product.artifacts.find(a => a.id === artifactId);
  if (artifact?.templateBody === undefined) return {};
  const parameters = templateOf(product, artifactId).Parameters ?? {};
  return Object.fromEntries(
    Object.entries(parameters)
      .filter(([, p]) => p.Default !== undefined)
      .map(([key, p]) => [key, String(p.Default)]),
  );
}

/** Refuses, before anything is recorded, parameters the template would refuse. */
export function checkLaunchParameters(
  product: ProductRecord,
  artifactId: string,
  parameters: Array<{ Key: string; Value?: string }>,
) {
  const { problems } = resolveParameters(
    templateOf(product, artifactId),
    parameters,
  );
  if (problems.length) throw invalid(problems.join('; '));
}

/**
 * Who CloudFormation acts as: the LAUNCH constraint's role, in a session
 * Service Catalog starts, or else the launching principal itself.
 */
function stackPrincipal(ctx: CallContext, launchRoleArn?: string): Credential {
  if (!launchRoleArn) return ctx.caller;
  const [, accountId, name] =
    /^arn:aws:iam::(\d{12}):role\/(?:.*\/)?(.+)$/.exec(launchRoleArn)!;
  const session = 'AWSServiceCatalogProvisioning';
  return {
    accessKeyId: `service-catalog-${accountId}`,
    accountId,
    arn: `arn:aws:sts::${accountId}:assumed-role/${name}/${session}`,
    userId: `AROASERVICECATALOG0:${session}`,
  };
}

/**
 * The judgment of each create call: the organization's SCPs, then the
 * identity policies of the principal the stack runs as (the launch role
 * under a LAUNCH constraint, else the launching principal), as AWS makes it.
 */
export function stackJudge(
  ctx: CallContext,
  launchRoleArn?: string,
): StackJudge {
  const caller = stackPrincipal(ctx, launchRoleArn);
  return async call => {
    const scps = (
      await scpJudgment({
        state: ctx.state,
        config: ctx.config,
        caller,
        region: ctx.region,
        service: call.service,
        operation: call.operation,
        input: call.input,
        viaAwsService: true,
      })
    )();
    return (
      scps ??
      identityRefusal({
        state: ctx.state,
        config: ctx.config,
        caller,
        region: ctx.region,
        service: call.service,
        operation: call.operation,
        input: call.input,
      })
    );
  };
}

function finish(
  pp: ProvisionedProductRecord,
  record: RecordRecord,
  outcome: StackOutcome,
) {
  record.updatedTime = new Date();
  if (outcome.ok) {
    pp.stackId = outcome.stack.stackId;
    record.outputs = outcome.stack.outputs;
    record.status = 'SUCCEEDED';
    pp.status = 'AVAILABLE';
  } else {
    // Rolled back: the product stays, in error, as Service Catalog leaves it.
    record.status = 'FAILED';
    record.errors = [{ Code: 'CloudFormation', Description: outcome.reason }];
    pp.status = 'ERROR';
  }
}

/**
 * Runs the stack: at once when nothing judges its calls (seeds), else
 * after each call is judged (the record stays IN_PROGRESS meanwhile).
 */
export function launchTemplateStack(
  state: EmulatorState,
  region: string,
  product: ProductRecord,
  pp: ProvisionedProductRecord,
  record: RecordRecord,
  judge?: StackJudge,
): Promise<void> | void {
  const template = templateOf(product, pp.provisioningArtifactId);
  const { values } = resolveParameters(template, pp.parameters);
  const stackName = `SC-${pp.accountId}-${pp.id}`;
  const env = {
    state,
    accountId: pp.accountId,
    region,
    stackName,
    stackId: stackIdFor({ accountId: pp.accountId, region, stackName }),
    tags: pp.tags,
  };
  const steps = createStackSteps(template, values, env);
  if (!judge) {
    finish(pp, record, runUnjudged(steps));
    return undefined;
  }
  record.status = 'IN_PROGRESS';
  return runJudged(steps, judge).then(
    outcome => finish(pp, record, outcome),
    error => {
      record.status = 'FAILED';
      record.errors = [
        { Code: 'InternalFailure', Description: (error as Error).message },
      ];
      pp.status = 'ERROR';
    },
  );
}

/**
 * Updates the product's stack to another version's template and parameters
 * (judged as a launch is); on success the product is on that version, on
 * failure the update rolled back: the old version's resources stay and the
 * product is TAINTED, as Service Catalog leaves a failed version update.
 */
export function updateTemplateStack(
  state: EmulatorState,
  region: string,
  product: ProductRecord,
  pp: ProvisionedProductRecord,
  record: RecordRecord,
  parameters: Array<{ Key: string; Value: string }>,
  judge: StackJudge,
): Promise<void> {
  const template = templateOf(product, record.provisioningArtifactId);
  const { values } = resolveParameters(template, parameters);
  const previous = pp.stackId ? state.stacks.get(pp.stackId) : undefined;
  const stackName = previous?.name ?? `SC-${pp.accountId}-${pp.id}`;
  const env = {
    state,
    accountId: pp.accountId,
    region,
    stackName,
    stackId:
      previous?.stackId ??
      stackIdFor({ accountId: pp.accountId, region, stackName }),
    tags: pp.tags,
  };
  record.status = 'IN_PROGRESS';
  const settle = (error?: string) => {
    record.updatedTime = new Date();
    if (error === undefined) {
      record.status = 'SUCCEEDED';
      pp.status = 'AVAILABLE';
      pp.provisioningArtifactId = record.provisioningArtifactId;
      pp.parameters = parameters;
      return;
    }
    record.status = 'FAILED';
    record.errors = [{ Code: 'CloudFormation', Description: error }];
    pp.status = 'TAINTED';
  };
  return runJudged(
    createStackSteps(template, values, env, previous),
    judge,
  ).then(
    outcome => {
      if (!outcome.ok) return settle(outcome.reason);
      pp.stackId = outcome.stack.stackId;
      record.outputs = outcome.stack.outputs;
      return settle();
    },
    error => settle((error as Error).message),
  );
}

/**
 * Deletes the product's stack: its resources newest first; a resource the
 * service refuses to delete (a domain holding profiles the stack did not
 * make) fails the termination, the product in ERROR, as CloudFormation's
 * DELETE_FAILED leaves it. Undefined when the product has no stack.
 */
export function terminateTemplateStack(
  state: EmulatorState,
  pp: ProvisionedProductRecord,
  record: RecordRecord,
): boolean {
  const stack = pp.stackId ? state.stacks.get(pp.stackId) : undefined;
  if (!stack) return false;
  const refused = deleteStack(stack);
  record.updatedTime = new Date();
  if (refused) {
    const type = stack.resources[stack.resources.length - 1]?.type;
    record.status = 'FAILED';
    record.errors = [
      {
        // SageMaker's DeleteDomain answer, as the canned Studio product's.
        Code:
          type === 'AWS::SageMaker::Domain'
            ? 'ResourceInUse'
            : 'CloudFormation',
        Description: `The following resource(s) failed to delete: [${refused.logicalId}]. ${refused.reason}`,
      },
    ];
    pp.status = 'ERROR';
    return true;
  }
  state.stacks.delete(stack.stackId);
  state.provisionedProducts.delete(pp.id);
  record.status = 'SUCCEEDED';
  return true;
}
