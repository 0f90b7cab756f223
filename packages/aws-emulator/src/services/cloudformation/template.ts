// A CloudFormation template as the emulator reads it: JSON or YAML (with
// the short forms `!Ref`, `!Sub`, `!GetAtt` …), checked as CloudFormation's
// template validation would before anything is launched from it.
import { RESOURCE_TYPES } from './resourceTypes.ts';
import { PARAMETER_TYPES } from './parameters.ts';

export { parseTemplateText } from './templateText.ts';

export interface TemplateResource {
  Type: string;
  Properties?: Record<string, unknown>;
  DependsOn?: string | string[];
  Condition?: string;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
  Metadata?: unknown;
}

export interface Template {
  AWSTemplateFormatVersion?: string;
  Description?: string;
  Parameters?: Record<string, Record<string, any>>;
  Mappings?: Record<string, Record<string, Record<string, unknown>>>;
  Conditions?: Record<string, unknown>;
  Resources: Record<string, TemplateResource>;
  Outputs?: Record<
    string,
    {
      Value: unknown;
      Description?: string;
      Condition?: string;
      Export?: unknown;
    }
  >;
}

const SECTIONS = new Set([
  'AWSTemplateFormatVersion',
  'Description',
  'Metadata',
  'Parameters',
  'Rules',
  'Mappings',
  'Conditions',
  'Transform',
  'Resources',
  'Outputs',
]);

/** What a resource may hold besides its type (CloudFormation's resource attributes). */
const RESOURCE_ATTRIBUTES = new Set([
  'Type',
  'Properties',
  'DependsOn',
  'Condition',
  'DeletionPolicy',
  'UpdateReplacePolicy',
  'Metadata',
  'CreationPolicy',
  'UpdatePolicy',
]);

/** The intrinsic functions the emulator evaluates. */
export const INTRINSICS = new Set([
  'Ref',
  'Condition',
  'Fn::Sub',
  'Fn::GetAtt',
  'Fn::Join',
  'Fn::If',
  'Fn::Equals',
  'Fn::Not',
  'Fn::And',
  'Fn::Or',
  'Fn::Select',
  'Fn::Split',
  'Fn::FindInMap',
  'Fn::Base64',
  'Fn::GetAZs',
]);

export const PSEUDO_PARAMETERS = new Set([
  'AWS::AccountId',
  'AWS::Region',
  'AWS::Partition',
  'AWS::StackName',
  'AWS::StackId',
  'AWS::URLSuffix',
  'AWS::NoValue',
  'AWS::NotificationARNs',
]);

/** Every reference a value makes: Refs, GetAtts and `${…}` in Subs. */
export function referencesIn(
  value: unknown,
  found = new Set<string>(),
): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) referencesIn(item, found);
  } else if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 1) {
      const [fn, arg] = entries[0];
      if (fn === 'Ref' && typeof arg === 'string') found.add(arg);
      if (fn === 'Fn::GetAtt') {
        const target = Array.isArray(arg) ? arg[0] : String(arg).split('.')[0];
        if (typeof target === 'string') found.add(target);
      }
      if (fn === 'Fn::Sub') {
        const [text, vars] = Array.isArray(arg) ? arg : [arg, {}];
        for (const match of String(text).matchAll(/\$\{([^!}][^}]*)\}/g)) {
          const name = match[1].split('.')[0];
          if (!(vars && name in vars)) found.add(name);
        }
        if (vars) referencesIn(vars, found);
        return found;
      }
    }
    for (const [, v] of entries) referencesIn(v, found);
  }
  return found;
}

/** Intrinsic function names used anywhere in a value. */
function functionsIn(value: unknown, found: Set<string>) {
  if (Array.isArray(value)) value.forEach(v => functionsIn(v, found));
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (key === 'Ref' || key.startsWith('Fn::')) found.add(key);
      functionsIn(v, found);
    }
  }
}

/** Resources in an order that creates each after what it refers to. */
export function creationOrder(template: Template): string[] {
  const resources = template.Resources;
  const dependencies = (id: string) => {
    const r = resources[id];
    const refs = [...referencesIn(r.Properties ?? {})].filter(
      n => n in resources,
    );
    return [...new Set([...refs, ...[r.DependsOn ?? []].flat()])];
  };
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visitResource = (id: string, path: string[]) => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') {
      throw new Error(
        `Template format error: Circular dependency between resources: [${path.join(
          ', ',
        )}]`,
      );
    }
    state.set(id, 'visiting');
    for (const dep of dependencies(id)) visitResource(dep, [...path, dep]);
    state.set(id, 'done');
    order.push(id);
  };
  for (const id of Object.keys(resources)) visitResource(id, [id]);
  return order;
}

/**
 * What CloudFormation's template validation would refuse, with its
 * wording; `types` false skips the resource type check (as
 * DisableTemplateValidation leaves it to the stack).
 */
export function templateProblems(
  template: Template,
  options: { types?: boolean } = {},
): string[] {
  const problems: string[] = [];
  const unknownSections = Object.keys(template).filter(k => !SECTIONS.has(k));
  if (unknownSections.length) {
    problems.push(
      `Template format error: Invalid template property or properties [${unknownSections.join(
        ', ',
      )}]`,
    );
  }
  if ('Transform' in template) {
    problems.push(
      'Template format error: the emulator does not expand Transform (macros, AWS::Serverless).',
    );
  }
  const resources = template.Resources;
  if (
    !resources ||
    typeof resources !== 'object' ||
    Object.keys(resources).length === 0
  ) {
    problems.push(
      'Template format error: At least one Resources member must be defined.',
    );
    return problems;
  }
  const parameters = template.Parameters ?? {};
  for (const [name, p] of Object.entries(parameters)) {
    if (!PARAMETER_TYPES.some(t => t.test(String(p?.Type)))) {
      problems.push(
        `Template format error: Unrecognized parameter type: ${p?.Type} (parameter ${name})`,
      );
    }
  }
  const untyped = Object.entries(resources).filter(
    ([, r]) => typeof r?.Type !== 'string',
  );
  for (const [id] of untyped)
    problems.push(
      `Template format error: [/Resources/${id}] Every Resources object must contain a Type member.`,
    );
  if (untyped.length) return problems;
  for (const [id, r] of Object.entries(resources)) {
    const wrong = Object.keys(r).filter(k => !RESOURCE_ATTRIBUTES.has(k));
    if (wrong.length) {
      problems.push(
        `Template format error: Invalid template resource property '${wrong.join(
          "', '",
        )}' in Resources/${id}`,
      );
    }
  }
  if (options.types !== false) {
    const unknown = [
      ...new Set(Object.values(resources).map(r => r.Type)),
    ].filter(t => !(t in RESOURCE_TYPES));
    if (unknown.length) {
      problems.push(
        `Template format error: Unrecognized resource types: [${unknown.join(
          ', ',
        )}] (the emulator creates ${Object.keys(RESOURCE_TYPES).join(', ')})`,
      );
    }
  }
  const functions = new Set<string>();
  functionsIn(
    [resources, template.Outputs ?? {}, template.Conditions ?? {}],
    functions,
  );
  const unsupported = [...functions].filter(f => !INTRINSICS.has(f));
  if (unsupported.length) {
    problems.push(
      `Template format error: the emulator does not evaluate ${unsupported.join(
        ', ',
      )}`,
    );
  }
  const known = new Set([
    ...Object.keys(parameters),
    ...Object.keys(resources),
    ...PSEUDO_PARAMETERS,
  ]);
  const where: Array<[string, unknown]> = [
    ...Object.entries(resources).map(
      ([id, r]) => [`Resources/${id}`, r.Properties] as [string, unknown],
    ),
    ...Object.entries(template.Outputs ?? {}).map(
      ([id, o]) => [`Outputs/${id}`, o.Value] as [string, unknown],
    ),
  ];
  for (const [at, value] of where) {
    const missing = [...referencesIn(value)].filter(n => !known.has(n));
    if (missing.length) {
      problems.push(
        `Template format error: Unresolved resource dependencies [${missing.join(
          ', ',
        )}] in the ${at} block of the template`,
      );
    }
  }
  const conditions = template.Conditions ?? {};
  for (const [id, r] of Object.entries(resources)) {
    if (r.Condition && !(r.Condition in conditions)) {
      problems.push(
        `Template format error: Unresolved condition dependency ${r.Condition} in Resources/${id}`,
      );
    }
    for (const dep of [r.DependsOn ?? []].flat()) {
      if (!(dep in resources)) {
        problems.push(
          `Template format error: Unresolved resource dependencies [${dep}] in the Resources block of the template`,
        );
      }
    }
  }
  if (problems.length === 0) {
    try {
      creationOrder(template);
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  return problems;
}
