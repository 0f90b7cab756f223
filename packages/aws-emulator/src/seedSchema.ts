import { LineCounter, parseDocument } from 'yaml';
import { type Spec, check, label } from './seedShape.ts';

/**
 * The shape of a seed file (see SeedDocument in seed.ts), checked before
 * anything is built from it, so a mistyped key or value is named with its
 * line rather than failing later, or silently doing nothing.
 */
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
