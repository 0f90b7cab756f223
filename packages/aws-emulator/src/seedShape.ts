/**
 * A small checker of parsed YAML against a declared shape, for seedSchema.ts:
 * each problem with the path where it is, so the caller can name its line.
 */
export type Spec =
  | 'string'
  | 'number'
  | 'boolean'
  | 'any'
  | { enum: string[] }
  | { list: Spec }
  | { map: Spec }
  | { object: Record<string, Spec>; required?: string[] }
  | { lazy: () => Spec };

export type Problem = { path: Array<string | number>; message: string };

export function check(
  value: unknown,
  spec: Spec,
  path: Array<string | number>,
): Problem[] {
  if (typeof spec === 'object' && 'lazy' in spec) {
    return check(value, spec.lazy(), path);
  }
  const wrong = (message: string) => [{ path, message }];
  if (spec === 'any') return [];
  if (spec === 'string' || spec === 'number' || spec === 'boolean') {
    return typeof value === spec ? [] : wrong(`must be a ${spec}`);
  }
  if ('enum' in spec) {
    return spec.enum.includes(value as string)
      ? []
      : wrong(`must be one of ${spec.enum.join(', ')}`);
  }
  if ('list' in spec) {
    if (!Array.isArray(value)) return wrong('must be a list');
    return value.flatMap((item, i) => check(item, spec.list, [...path, i]));
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return wrong('must be a mapping');
  }
  const entries = Object.entries(value);
  if ('map' in spec) {
    return entries.flatMap(([key, item]) =>
      check(item, spec.map, [...path, key]),
    );
  }
  return [
    ...(spec.required ?? [])
      .filter(key => !(key in value))
      .map(key => ({ path, message: `needs '${key}'` })),
    ...entries.flatMap(([key, item]) =>
      key in spec.object
        ? check(item, spec.object[key], [...path, key])
        : [
            {
              path: [...path, key],
              message: `is not a seed key; known here: ${Object.keys(
                spec.object,
              ).join(', ')}`,
            },
          ],
    ),
  ];
}

/** The path as a seed's author writes it, e.g. `accounts[0].email`. */
export function label(path: Array<string | number>) {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else text += text ? `.${part}` : part;
  }
  return text || 'the seed';
}
