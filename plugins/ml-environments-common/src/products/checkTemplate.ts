import { RESOURCE_TAG_KEYS } from '../accountTags';
import { ScpLevel, evaluateScps } from '../evaluation/evaluate';
import { RequestContext } from '../evaluation/truth';
// The route's answer is the check's: one type, generated from openapi.yaml.
import {
  ProductCheckFinding,
  ProductCheckResult,
} from '../schema/openapi/generated/models';
import { RESOURCE_CALLS, ResourceCallSpec } from './resourceCalls';

/** @public */
export interface ProductCheckOptions {
  /** The role CloudFormation acts as (the launch role); open when unknown. */
  principalArn?: string;
  /** Tags Service Catalog adds to the stack; defaults to the suite's scheme. */
  stackTags?: Record<string, string>;
}

const UNRESOLVED = Symbol('unresolved');
type Value = string | typeof UNRESOLVED;

/** A property's value: literals as strings, a parameter's default, or unresolved. */
function resolve(value: unknown, parameters: Record<string, any>): Value[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.flatMap(v => resolve(v, parameters));
  if (typeof value === 'object') {
    const ref = (value as any).Ref;
    const fallback = ref !== undefined ? parameters[ref]?.Default : undefined;
    if (fallback !== undefined) {
      return String(fallback)
        .split(',')
        .map(s => s.trim());
    }
    return [UNRESOLVED];
  }
  return [String(value)];
}

function at(properties: any, path: string, parameters: Record<string, any>) {
  const walk = (value: any, parts: string[]): unknown[] => {
    if (parts.length === 0) return [value];
    const [part, ...rest] = parts;
    const each = part.endsWith('[]');
    const next = value?.[each ? part.slice(0, -2) : part];
    if (each)
      return Array.isArray(next) ? next.flatMap(v => walk(v, rest)) : [];
    return next === undefined ? [] : walk(next, rest);
  };
  return walk(properties, path.split('.')).flatMap(v => resolve(v, parameters));
}

function requestOf(
  spec: ResourceCallSpec,
  properties: any,
  parameters: Record<string, any>,
  stackTags: Record<string, string>,
): { context: RequestContext; openKeys: string[]; presentKeys: string[] } {
  const context: RequestContext = {};
  const openKeys: string[] = [];
  const presentKeys: string[] = [...(spec.laterKeys ?? [])];
  const set = (key: string, values: Value[]) => {
    if (values.length === 0) return;
    if (values.includes(UNRESOLVED)) presentKeys.push(key);
    else
      context[key] =
        values.length === 1 ? (values[0] as string) : (values as string[]);
  };
  for (const [key, paths] of Object.entries(spec.keys)) {
    set(
      key,
      paths.flatMap(path => at(properties, path, parameters)),
    );
  }
  if (spec.tags) {
    const tags = new Map(
      Object.entries(stackTags).map(([k, v]) => [k, [v] as Value[]]),
    );
    for (const tag of (properties?.Tags ?? []) as any[]) {
      const key = resolve(tag?.Key, parameters)[0];
      if (typeof key === 'string')
        tags.set(key, resolve(tag?.Value, parameters));
      else openKeys.push('aws:RequestTag/*', 'aws:TagKeys');
    }
    for (const [key, values] of tags) set(`aws:RequestTag/${key}`, values);
    if (tags.size > 0) context['aws:TagKeys'] = [...tags.keys()];
  }
  return { context, openKeys, presentKeys };
}

/**
 * Whether the SCPs of a place (root to OU or account) let CloudFormation
 * create a template's resources: each resource's create calls judged with
 * the keys its properties give. A resource type without modelled calls is
 * an unknown finding, never silently allowed.
 *
 * @public
 */
export function checkTemplate(
  chain: ScpLevel[],
  template: {
    Parameters?: Record<string, any>;
    Resources?: Record<string, any>;
  },
  options: ProductCheckOptions = {},
): ProductCheckResult {
  const parameters = template.Parameters ?? {};
  const stackTags =
    options.stackTags ??
    Object.fromEntries(RESOURCE_TAG_KEYS.map(key => [key, 'example']));
  const findings: ProductCheckFinding[] = [];
  for (const [logicalId, resource] of Object.entries(
    template.Resources ?? {},
  )) {
    const specs = RESOURCE_CALLS[resource?.Type];
    if (!specs) {
      findings.push({
        resource: logicalId,
        action: String(resource?.Type),
        decision: 'unknown',
        reason: `unknown, because the suite does not model the calls CloudFormation makes for ${resource?.Type}`,
      });
      continue;
    }
    for (const spec of specs) {
      if (
        spec.when &&
        at(resource.Properties, spec.when, parameters).length === 0
      )
        continue;
      const { context, openKeys, presentKeys } = requestOf(
        spec,
        resource.Properties,
        parameters,
        stackTags,
      );
      const decision = evaluateScps(chain, {
        action: spec.action,
        context: {
          ...context,
          ...(options.principalArn
            ? { 'aws:PrincipalArn': options.principalArn }
            : {}),
          'aws:ViaAWSService': 'true',
          'aws:SecureTransport': 'true',
        },
        presentKeys,
        openKeys: [
          ...openKeys,
          ...(options.principalArn ? [] : ['aws:PrincipalArn']),
        ],
      });
      if (decision.decision === 'allowed') continue;
      findings.push({
        resource: logicalId,
        action: spec.action,
        decision: decision.decision === 'denied' ? 'denied' : 'unknown',
        policy: decision.decidedBy?.policy,
        statement: decision.decidedBy?.statement || undefined,
        reason: decision.explanation,
      });
    }
  }
  return { allowed: !findings.some(f => f.decision === 'denied'), findings };
}
