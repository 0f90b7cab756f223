import { LineCounter, parseDocument } from 'yaml';

/**
 * The shape of a seed file (see SeedDocument in seed.ts), checked before
 * anything is built from it, so a mistyped key or value is named with its
 * line rather than failing later, or silently doing nothing.
 */
type Spec =
  | 'string'
  | 'number'
  | 'boolean'
  | 'any'
  | { enum: string[] }
  | { list: Spec }
  | { map: Spec }
  | { object: Record<string, Spec>; required?: string[] }
  | { lazy: () => Spec };

const tags: Spec = { map: 'string' };
const account: Spec = {
  object: {
    name: 'string',
    email: 'string',
    id: 'string',
    tags,
    status: { enum: ['ACTIVE', 'SUSPENDED'] },
    invited: 'boolean',
  },
  required: ['name', 'email'],
};
const ou: Spec = {
  object: {
    name: 'string',
    accounts: { list: account },
    children: { list: { lazy: () => ou } },
  },
  required: ['name'],
};
const strings: Spec = { list: 'string' };

const SEED: Spec = {
  object: {
    organization: {
      object: {
        exists: 'boolean',
        id: 'string',
        rootId: 'string',
        serviceControlPolicies: { enum: ['enabled', 'disabled'] },
        accountQuota: 'number',
        managementAccount: {
          object: { id: 'string', name: 'string', email: 'string' },
          required: ['id', 'name', 'email'],
        },
        trustedServices: strings,
        delegatedAdministrators: { map: strings },
      },
    },
    controlTower: {
      object: {
        landingZone: 'boolean',
        autoEnrollment: 'boolean',
        identityCenter: 'boolean',
        unregistered: strings,
      },
    },
    accessKeys: { map: 'string' },
    iam: {
      object: {
        /** principal ARN → identity policies (JSON objects) */
        principalPolicies: { map: { list: 'any' } },
        /** accounts (name or id) whose suite member role has that policy */
        suiteAccounts: {
          object: { sharedServices: 'string', dataLake: 'string' },
        },
      },
    },
    organizationalUnits: { list: ou },
    accounts: { list: account },
    policies: {
      list: {
        object: {
          name: 'string',
          description: 'string',
          content: 'any',
          attachTo: strings,
        },
        required: ['name', 'content'],
      },
    },
    controls: {
      list: {
        object: {
          control: 'string',
          ou: 'string',
          drift: { enum: ['IN_SYNC', 'DRIFTED'] },
        },
        required: ['control', 'ou'],
      },
    },
    configEvaluations: {
      list: {
        object: {
          account: 'string',
          control: 'string',
          resource: 'string',
          compliance: { enum: ['COMPLIANT', 'NON_COMPLIANT'] },
        },
        required: ['account', 'control', 'resource', 'compliance'],
      },
    },
    serviceCatalog: {
      list: {
        object: {
          account: 'string',
          portfolio: 'string',
          provider: 'string',
          products: {
            list: {
              object: {
                name: 'string',
                kind: {
                  enum: [
                    'sagemaker-studio-domain',
                    'mlops-pipeline',
                    'generic',
                  ],
                },
                /** A CloudFormation template file, relative to the seed file. */
                template: 'string',
                /** The template's text itself (seeds built in code). */
                templateBody: 'string',
                description: 'string',
              },
              required: ['name'],
            },
          },
          /** A products manifest published into the portfolio (see seed.ts). */
          publish: {
            object: { manifest: 'string', bucket: 'string' },
            required: ['manifest'],
          },
          shareWith: strings,
          principals: strings,
          /**
           * Each product launches under a LAUNCH constraint naming this
           * role, which every account the seed makes (not invited) holds.
           */
          launchRoleName: 'string',
        },
        required: ['account', 'portfolio', 'products'],
      },
    },
    dataLake: {
      list: {
        object: {
          account: 'string',
          admins: strings,
          lfTags: { map: strings },
          databases: {
            list: {
              object: {
                name: 'string',
                description: 'string',
                tables: strings,
                lfTags: tags,
                tableDetails: {
                  map: {
                    object: {
                      lfTags: tags,
                      columns: {
                        list: {
                          object: {
                            name: 'string',
                            type: 'string',
                            lfTags: tags,
                          },
                          required: ['name', 'type'],
                        },
                      },
                    },
                  },
                },
              },
              required: ['name'],
            },
          },
        },
        required: ['account', 'databases'],
      },
    },
    provisionedProducts: {
      list: {
        object: {
          account: 'string',
          product: 'string',
          name: 'string',
          parameters: { map: 'string' },
          tags,
        },
        required: ['account', 'product', 'name'],
      },
    },
  },
};

type Problem = { path: Array<string | number>; message: string };

function check(
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

function label(path: Array<string | number>) {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else text += text ? `.${part}` : part;
  }
  return text || 'the seed';
}

/**
 * Parses a seed's YAML text and checks it; throws one error naming each
 * problem with its line, e.g. `demo.yaml:12: accounts[0].email: must be a
 * string`.
 */
export function parseSeed(text: string, source: string): unknown {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter });
  if (document.errors.length > 0) {
    throw new Error(
      `${source}: not valid YAML: ${document.errors
        .map(e => e.message)
        .join('; ')}`,
    );
  }
  const seed = document.toJS() ?? {};
  const problems = check(seed, SEED, []);
  if (problems.length > 0) {
    const lineOf = (path: Array<string | number>) => {
      for (let depth = path.length; depth >= 0; depth--) {
        const node = document.getIn(path.slice(0, depth), true) as
          | { range?: [number, number, number] }
          | undefined;
        if (node?.range) return lineCounter.linePos(node.range[0]).line;
      }
      return 1;
    };
    throw new Error(
      `${source} is not a valid seed:\n${problems
        .map(p => `${source}:${lineOf(p.path)}: ${label(p.path)}: ${p.message}`)
        .join('\n')}`,
    );
  }
  return seed;
}
