// Running a template as CloudFormation does: parameters and conditions,
// resources in dependency order (each create call judged first, by the
// organization's SCPs where the caller supplies a judge), outputs; a failure
// rolls back what was created. An update runs the new template against the
// stack: a resource of the same logical id, type and properties is kept, any
// other is created (and judged); the old ones go once all succeeded, and a
// failure removes only what the update created. Deleting a stack removes its
// resources in reverse order and stops at the first the service refuses to
// delete.
import { randomUUID } from 'node:crypto';
import { AwsError } from '../../errors.ts';
import type { StackRecord, StackResourceRecord } from '../../stateResources.ts';
import {
  type EvaluationScope,
  TemplateError,
  evaluate,
  evaluateConditions,
} from './intrinsics.ts';
import type { ParameterValue } from './parameters.ts';
import { RESOURCE_TYPES, type StackEnv } from './resourceTypes.ts';
import { type Template, creationOrder, templateProblems } from './template.ts';

/** A create call CloudFormation is about to make, for the caller to judge. */
export interface StackCall {
  logicalId: string;
  service: string;
  operation: string;
  input: unknown;
}

export type StackOutcome =
  | { ok: true; stack: StackRecord }
  | { ok: false; stack: StackRecord; logicalId?: string; reason: string };

export function stackIdFor(
  env: Pick<StackEnv, 'accountId' | 'region' | 'stackName'>,
) {
  return `arn:aws:cloudformation:${env.region}:${env.accountId}:stack/${
    env.stackName
  }/${randomUUID()}`;
}

function handlerMessage(error: unknown, serviceName: string) {
  if (error instanceof AwsError) {
    return `Resource handler returned message: "${error.message}" (Service: ${serviceName}, Status Code: ${error.status}, Error Code: ${error.code})`;
  }
  return (error as Error).message;
}

/**
 * The creation of a stack, or its update when `previous` is given, step by
 * step: each yield is a call to judge (answer undefined to allow it, or
 * AWS's refusal).
 */
export function* createStackSteps(
  template: Template,
  parameters: Record<string, ParameterValue>,
  env: StackEnv,
  previous?: StackRecord,
): Generator<StackCall, StackOutcome, AwsError | undefined> {
  const stack: StackRecord = {
    stackId: env.stackId,
    name: env.stackName,
    accountId: env.accountId,
    region: env.region,
    status: previous ? 'UPDATE_COMPLETE' : 'CREATE_COMPLETE',
    resources: [],
    outputs: [],
  };
  const created: StackResourceRecord[] = [];
  const fail = (reason: string, logicalId?: string): StackOutcome => {
    // Rollback: what this run created goes, newest first; an update's
    // previous resources stay as they were.
    for (const resource of [...created].reverse()) resource.remove();
    stack.resources = [];
    stack.status = 'ROLLBACK_COMPLETE';
    if (previous) previous.status = 'UPDATE_ROLLBACK_COMPLETE';
    return {
      ok: false,
      stack,
      logicalId,
      reason: logicalId
        ? `The following resource(s) failed to ${
            previous ? 'update' : 'create'
          }: [${logicalId}]. ${reason}`
        : reason,
    };
  };
  const problems = templateProblems(template);
  if (problems.length) return fail(problems.join('; '));
  const scope: EvaluationScope = {
    template,
    parameters,
    pseudo: {
      'AWS::AccountId': env.accountId,
      'AWS::Region': env.region,
      'AWS::Partition': 'aws',
      'AWS::StackName': env.stackName,
      'AWS::StackId': env.stackId,
      'AWS::URLSuffix': 'amazonaws.com',
      'AWS::NotificationARNs': [],
    },
    conditions: {},
    resources: new Map(),
  };
  try {
    evaluateConditions(scope);
  } catch (error) {
    return fail((error as Error).message);
  }
  for (const logicalId of creationOrder(template)) {
    const resource = template.Resources[logicalId];
    if (resource.Condition && !scope.conditions[resource.Condition]) continue;
    const type = RESOURCE_TYPES[resource.Type];
    let props: Record<string, any>;
    try {
      props = (evaluate(scope, resource.Properties ?? {}) ?? {}) as Record<
        string,
        any
      >;
    } catch (error) {
      if (error instanceof TemplateError) return fail(error.message, logicalId);
      throw error;
    }
    const extra = Object.keys(props).filter(k => !type.properties.includes(k));
    const missing = type.required.filter(k => props[k] === undefined);
    if (extra.length || missing.length) {
      const messages = [
        ...extra.map(k => `#: extraneous key [${k}] is not permitted`),
        ...missing.map(k => `#: required key [${k}] not found`),
      ];
      return fail(
        `Properties validation failed for resource ${logicalId} (${
          resource.Type
        }) with message: ${messages.join(', ')}`,
        logicalId,
      );
    }
    const kept = previous?.resources.find(
      r =>
        r.logicalId === logicalId &&
        r.type === resource.Type &&
        JSON.stringify(r.properties) === JSON.stringify(props),
    );
    if (kept) {
      // Unchanged: CloudFormation makes no call for it.
      scope.resources.set(logicalId, {
        ref: kept.physicalId,
        attributes: kept.attributes,
      });
      stack.resources.push(kept);
      continue;
    }
    if (type.call) {
      const refusal = yield { logicalId, ...type.call(props, env, logicalId) };
      if (refusal)
        return fail(handlerMessage(refusal, type.serviceName), logicalId);
    }
    try {
      const made = type.create(props, env, logicalId);
      scope.resources.set(logicalId, made);
      const record: StackResourceRecord = {
        logicalId,
        type: resource.Type,
        physicalId: made.ref,
        attributes: made.attributes,
        properties: props,
        deletionPolicy: resource.DeletionPolicy,
        remove: made.remove,
      };
      created.push(record);
      stack.resources.push(record);
    } catch (error) {
      return fail(handlerMessage(error, type.serviceName), logicalId);
    }
  }
  for (const [key, output] of Object.entries(template.Outputs ?? {})) {
    if (output.Condition && !scope.conditions[output.Condition]) continue;
    try {
      const value = evaluate(scope, output.Value);
      stack.outputs.push({
        OutputKey: key,
        OutputValue: Array.isArray(value) ? value.join(',') : String(value),
        ...(output.Description ? { Description: output.Description } : {}),
      });
    } catch (error) {
      return fail(`Output ${key}: ${(error as Error).message}`);
    }
  }
  // An update's cleanup: the resources the new template no longer keeps go,
  // newest first; one the service refuses to delete is left, as CloudFormation's
  // UPDATE_COMPLETE_CLEANUP_IN_PROGRESS leaves it.
  for (const old of [...(previous?.resources ?? [])].reverse()) {
    if (!stack.resources.includes(old) && old.deletionPolicy !== 'Retain')
      old.remove();
  }
  env.state.stacks.set(env.stackId, stack);
  return { ok: true, stack };
}

/** Runs the steps with every call allowed (seeds: no SCPs judge them). */
export function runUnjudged(
  steps: ReturnType<typeof createStackSteps>,
): StackOutcome {
  let step = steps.next();
  while (!step.done) step = steps.next(undefined);
  return step.value;
}

/** Runs the steps, asking `judge` about each call before it is made. */
export async function runJudged(
  steps: ReturnType<typeof createStackSteps>,
  judge: (call: StackCall) => Promise<AwsError | undefined>,
): Promise<StackOutcome> {
  let step = steps.next();
  while (!step.done) step = steps.next(await judge(step.value));
  return step.value;
}

/**
 * Deletes a stack's resources, newest first (those whose DeletionPolicy is
 * Retain stay); stops at the first refusal, leaving the stack DELETE_FAILED
 * with what remains, as CloudFormation does.
 */
export function deleteStack(
  stack: StackRecord,
): { logicalId: string; reason: string } | undefined {
  while (stack.resources.length > 0) {
    const resource = stack.resources[stack.resources.length - 1];
    if (resource.deletionPolicy !== 'Retain') {
      const reason = resource.remove();
      if (reason) {
        stack.status = 'DELETE_FAILED';
        return { logicalId: resource.logicalId, reason };
      }
    }
    stack.resources.pop();
  }
  stack.status = 'DELETE_COMPLETE';
  return undefined;
}
