// Evaluating a template's intrinsic functions once the values they refer to
// are known: parameters, pseudo parameters, conditions and the resources
// created so far.
import type { ParameterValue } from './parameters.ts';
import type { Template } from './template.ts';

/** `Ref: AWS::NoValue`: the property is left out. */
export const NO_VALUE = Symbol('AWS::NoValue');

export interface EvaluationScope {
  template: Template;
  parameters: Record<string, ParameterValue>;
  pseudo: Record<string, ParameterValue>;
  conditions: Record<string, boolean>;
  /** Created resources: what Ref answers and their GetAtt attributes. */
  resources: Map<string, { ref: string; attributes: Record<string, unknown> }>;
}

export class TemplateError extends Error {}

function refOf(scope: EvaluationScope, name: string): unknown {
  if (name === 'AWS::NoValue') return NO_VALUE;
  if (name in scope.pseudo) return scope.pseudo[name];
  if (name in scope.parameters) return scope.parameters[name];
  const resource = scope.resources.get(name);
  if (resource) return resource.ref;
  throw new TemplateError(
    `Unresolved resource dependency [${name}]: it was not created (a false Condition?)`,
  );
}

function getAtt(
  scope: EvaluationScope,
  id: string,
  attribute: string,
): unknown {
  const resource = scope.resources.get(id);
  if (!resource) {
    throw new TemplateError(
      `Fn::GetAtt of [${id}]: the resource was not created (a false Condition?)`,
    );
  }
  if (!(attribute in resource.attributes)) {
    throw new TemplateError(
      `Template error: resource ${id} does not support attribute type ${attribute} in Fn::GetAtt (the emulator knows ${
        Object.keys(resource.attributes).join(', ') || 'none'
      })`,
    );
  }
  return resource.attributes[attribute];
}

function asString(value: unknown, where: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  throw new TemplateError(
    `Template error: ${where} needs a string, got ${JSON.stringify(value)}`,
  );
}

function sub(scope: EvaluationScope, arg: unknown): string {
  const [text, rawVars] = Array.isArray(arg) ? arg : [arg, {}];
  const vars = (evaluate(scope, rawVars ?? {}) ?? {}) as Record<
    string,
    unknown
  >;
  return asString(text, 'Fn::Sub').replace(
    /\$\{([^}]*)\}/g,
    (whole, name: string) => {
      if (name.startsWith('!')) return `\${${name.slice(1)}}`;
      if (name in vars) return asString(vars[name], `Fn::Sub variable ${name}`);
      const dot = name.indexOf('.');
      if (dot > 0 && !name.startsWith('AWS::')) {
        return asString(
          getAtt(scope, name.slice(0, dot), name.slice(dot + 1)),
          whole,
        );
      }
      const value = refOf(scope, name);
      return Array.isArray(value) ? value.join(',') : asString(value, whole);
    },
  );
}

/** A condition's value (Fn::Equals, Fn::Not, Fn::And, Fn::Or, Condition). */
export function conditionValue(
  scope: EvaluationScope,
  value: unknown,
): boolean {
  const result = evaluate(scope, value);
  if (typeof result === 'boolean') return result;
  if (result === 'true' || result === 'false') return result === 'true';
  throw new TemplateError(
    `Template error: a condition must be a boolean, got ${JSON.stringify(
      result,
    )}`,
  );
}

/** Evaluates every condition of the template, each once, in any order of reference. */
export function evaluateConditions(scope: EvaluationScope) {
  const definitions = scope.template.Conditions ?? {};
  const pending = new Set<string>();
  const resolveCondition = (name: string): boolean => {
    if (name in scope.conditions) return scope.conditions[name];
    if (!(name in definitions))
      throw new TemplateError(
        `Template error: unresolved condition dependency ${name}`,
      );
    if (pending.has(name))
      throw new TemplateError(
        `Template error: circular condition dependency on ${name}`,
      );
    pending.add(name);
    const withLookup: EvaluationScope = {
      ...scope,
      conditions: new Proxy(scope.conditions, {
        get: (target, key: string) =>
          key in target ? target[key] : resolveCondition(key),
        has: () => true,
      }),
    };
    scope.conditions[name] = conditionValue(withLookup, definitions[name]);
    pending.delete(name);
    return scope.conditions[name];
  };
  for (const name of Object.keys(definitions)) resolveCondition(name);
}

function call(scope: EvaluationScope, fn: string, arg: unknown): unknown {
  switch (fn) {
    case 'Ref':
      return refOf(scope, asString(arg, 'Ref'));
    case 'Condition': {
      const name = asString(arg, 'Condition');
      if (!(name in scope.conditions))
        throw new TemplateError(
          `Template error: unresolved condition dependency ${name}`,
        );
      return scope.conditions[name];
    }
    case 'Fn::Sub':
      return sub(scope, arg);
    case 'Fn::GetAtt': {
      const [id, attribute] = Array.isArray(arg)
        ? arg
        : String(arg).split(/\.(.*)/s);
      return getAtt(
        scope,
        asString(id, 'Fn::GetAtt'),
        asString(evaluate(scope, attribute), 'Fn::GetAtt'),
      );
    }
    case 'Fn::Join': {
      const [separator, items] = arg as [string, unknown];
      const list = evaluate(scope, items);
      if (!Array.isArray(list))
        throw new TemplateError(
          'Template error: Fn::Join needs a list to join',
        );
      return list
        .filter(v => v !== NO_VALUE)
        .map(v => asString(v, 'Fn::Join'))
        .join(separator);
    }
    case 'Fn::If': {
      const [condition, whenTrue, whenFalse] = arg as [
        string,
        unknown,
        unknown,
      ];
      if (!(condition in scope.conditions))
        throw new TemplateError(
          `Template error: unresolved condition dependency ${condition} in Fn::If`,
        );
      return evaluate(
        scope,
        scope.conditions[condition] ? whenTrue : whenFalse,
      );
    }
    case 'Fn::Equals': {
      const [a, b] = (arg as unknown[]).map(v => evaluate(scope, v));
      return JSON.stringify(a) === JSON.stringify(b) || String(a) === String(b);
    }
    case 'Fn::Not':
      return !conditionValue(scope, (arg as unknown[])[0]);
    case 'Fn::And':
      return (arg as unknown[]).every(v => conditionValue(scope, v));
    case 'Fn::Or':
      return (arg as unknown[]).some(v => conditionValue(scope, v));
    case 'Fn::Select': {
      const [index, items] = arg as [unknown, unknown];
      const list = evaluate(scope, items);
      const i = Number(evaluate(scope, index));
      if (!Array.isArray(list) || !(i >= 0 && i < list.length))
        throw new TemplateError(
          `Template error: Fn::Select cannot select nonexistent value at index ${i}`,
        );
      return list[i];
    }
    case 'Fn::Split': {
      const [separator, text] = arg as [string, unknown];
      return asString(evaluate(scope, text), 'Fn::Split').split(separator);
    }
    case 'Fn::FindInMap': {
      const [map, top, second] = (arg as unknown[]).map(v =>
        asString(evaluate(scope, v), 'Fn::FindInMap'),
      );
      const found = scope.template.Mappings?.[map]?.[top]?.[second];
      if (found === undefined)
        throw new TemplateError(
          `Template error: Unable to get mapping for ${map}::${top}::${second}`,
        );
      return found;
    }
    case 'Fn::Base64':
      return Buffer.from(asString(evaluate(scope, arg), 'Fn::Base64')).toString(
        'base64',
      );
    case 'Fn::GetAZs': {
      const region = String(scope.pseudo['AWS::Region']);
      return ['a', 'b', 'c'].map(z => `${region}${z}`);
    }
    default:
      throw new TemplateError(
        `Template format error: the emulator does not evaluate ${fn}`,
      );
  }
}

/** A value with its intrinsic functions evaluated; AWS::NoValue members removed. */
export function evaluate(scope: EvaluationScope, value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(v => evaluate(scope, v)).filter(v => v !== NO_VALUE);
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 1) {
      const [fn, arg] = entries[0];
      // `Condition` and `Ref` take a name; a map under that key is data (a policy's Condition).
      const named =
        (fn === 'Ref' || fn === 'Condition') && typeof arg === 'string';
      if (named || fn.startsWith('Fn::')) return call(scope, fn, arg);
    }
    return Object.fromEntries(
      entries
        .map(([k, v]) => [k, evaluate(scope, v)] as const)
        .filter(([, v]) => v !== NO_VALUE),
    );
  }
  return value;
}
