import { synthesizeProducts, type SynthesizedProduct } from '../synth.ts';

let cache: SynthesizedProduct[] | undefined;

/** Every product synthesized once per test file (CDK synth takes seconds). */
export function synthesized(): SynthesizedProduct[] {
  cache ??= synthesizeProducts();
  return cache;
}

export function templateOf(id: string): Record<string, any> {
  const found = synthesized().find(s => s.product.id === id);
  if (!found) throw new Error(`no product ${id}`);
  return found.template;
}

/** The resources of a type, by logical id. */
export function resourcesOf(
  template: Record<string, any>,
  type: string,
): Array<[string, any]> {
  return Object.entries<any>(template.Resources).filter(
    ([, r]) => r.Type === type,
  );
}

const NO_VALUE = Symbol('NoValue');

/**
 * A value with Fn::If, Fn::Equals, Fn::Not and Ref to parameters resolved
 * for the given parameter values (other intrinsics are left as they are):
 * just enough to read what a condition keeps.
 */
export function resolveConditions(
  template: Record<string, any>,
  value: unknown,
  parameters: Record<string, string>,
): unknown {
  function evaluate(v: any): any {
    if (Array.isArray(v)) {
      return v.map(evaluate).filter(item => item !== NO_VALUE);
    }
    if (v && typeof v === 'object') {
      const [key] = Object.keys(v);
      const arg = v[key];
      if (key === 'Ref' && arg === 'AWS::NoValue') return NO_VALUE;
      if (key === 'Ref' && arg in parameters) return parameters[arg];
      if (key === 'Fn::If') {
        const holds = Boolean(evaluate(template.Conditions[arg[0]]));
        return evaluate(holds ? arg[1] : arg[2]);
      }
      if (key === 'Fn::Equals') return evaluate(arg[0]) === evaluate(arg[1]);
      if (key === 'Fn::Not') return !evaluate(arg[0]);
      return Object.fromEntries(
        Object.entries(v).map(([k, inner]) => [k, evaluate(inner)]),
      );
    }
    return v;
  }
  return evaluate(value);
}
