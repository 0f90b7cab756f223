// What the resource types share: where a stack runs, what a created
// resource leaves behind, generated names and the stack's tags.
import { randomString } from '../../ids.ts';
import type { EmulatorState } from '../../state.ts';

/** Where a stack runs. */
export interface StackEnv {
  state: EmulatorState;
  accountId: string;
  region: string;
  stackName: string;
  stackId: string;
  /** The stack's tags (Service Catalog's provisioning tags), which reach every resource that takes tags. */
  tags: Array<{ Key: string; Value: string }>;
}

export interface CreatedResource {
  /** What `Ref` answers. */
  ref: string;
  attributes: Record<string, unknown>;
  /** Deletes it; answers why not when the service refuses. */
  remove: () => string | undefined;
}

export interface ResourceType {
  /** The service named in CloudFormation's messages, e.g. `SageMaker`. */
  serviceName: string;
  properties: string[];
  required: string[];
  /** The API call CloudFormation makes for it, as the SCPs judge it (none: nothing is called). */
  call?: (
    props: any,
    env: StackEnv,
    logicalId: string,
  ) => { service: string; operation: string; input: any };
  create: (props: any, env: StackEnv, logicalId: string) => CreatedResource;
}

/** A name CloudFormation generates: `<stack>-<logical id>-<random>`, within `max`. */
export function generatedName(
  env: StackEnv,
  logicalId: string,
  max: number,
  lower = false,
) {
  const suffix = randomString(
    12,
    lower
      ? 'abcdefghijklmnopqrstuvwxyz0123456789'
      : 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
  );
  const stem = `${env.stackName}-${logicalId}`.slice(
    0,
    max - suffix.length - 1,
  );
  const name = `${stem}-${suffix}`;
  return lower ? name.toLowerCase() : name;
}

/** The stack's tags and the resource's own, as the create call carries them. */
export function tagsFor(
  env: StackEnv,
  own: unknown,
): Array<{ Key: string; Value: string }> {
  const list = [
    ...env.tags,
    ...((Array.isArray(own) ? own : []) as Array<{
      Key: string;
      Value: string;
    }>),
  ];
  return [...new Map(list.map(t => [t.Key, t])).values()];
}

export function tagMap(tags: Array<{ Key: string; Value: string }>) {
  return Object.fromEntries(tags.map(t => [t.Key, String(t.Value)]));
}

/** A policy document given as an object (as templates do) or as JSON text. */
export function policyText(document: unknown): string {
  return typeof document === 'string' ? document : JSON.stringify(document);
}
