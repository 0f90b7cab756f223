import { DEFAULT_BASELINE } from '../guardrails/baseline';
import {
  DEFAULT_GUARDRAIL_PARAMETERS,
  findGuardrail,
  scpOfGuardrail,
} from '../guardrails/library';
import { ScpGuardrail } from '../guardrails/types';
import { DATA_SCIENTIST_CALLS, assessAccount } from './assessment';
import { OrganizationSnapshot } from './snapshot';

const FULL_ACCESS = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
});
const OUS = [
  ['ou-sbx', 'Sandbox', 'r-1'],
  ['ou-wl', 'Workloads', 'r-1'],
  ['ou-dev', 'Workloads/Workloads_Dev', 'ou-wl'],
  ['ou-pre', 'Workloads/Workloads_PreProd', 'ou-wl'],
];
const ids: Record<string, string> = Object.fromEntries([
  ['Root', 'r-1'],
  ...OUS.map(([id, path]) => [path, id]),
]);

/**
 * The baseline's guardrails where it puts them, but for the given ones left
 * out (drift): what the assessment should find.
 */
function organization(missing: Array<[string, string]> = []) {
  const policies = Object.entries(DEFAULT_BASELINE).flatMap(([path, list]) =>
    list.flatMap(id => {
      const guardrail = findGuardrail(id);
      if (guardrail?.kind !== 'scp' || !ids[path]) return [];
      if (missing.some(([p, g]) => p === path && g === id)) return [];
      const scp = scpOfGuardrail(
        guardrail as ScpGuardrail,
        DEFAULT_GUARDRAIL_PARAMETERS,
      );
      return [
        {
          id: `p-${path}-${id}`,
          name: scp.name,
          awsManaged: false,
          content: scp.content,
          targets: [ids[path]],
        },
      ];
    }),
  );
  const account = (
    id: string,
    parentId: string,
    pattern: string,
    stage: string,
  ) => ({
    id,
    name: `churn-${stage}`,
    email: `${id}@example.com`,
    parentId,
    tags: { 'ml-project': 'churn', 'ml-pattern': pattern, 'ml-stage': stage },
  });
  const snapshot: OrganizationSnapshot = {
    takenAt: '2026-12-02T00:00:00Z',
    organizationId: 'o-1',
    rootId: 'r-1',
    ous: OUS.map(([id, path, parentId]) => ({
      id,
      arn: `arn:${id}`,
      name: path.split('/').pop()!,
      parentId,
      path,
    })),
    accounts: [
      account('200000000011', 'ou-dev', 'mlops', 'dev'),
      account('200000000012', 'ou-pre', 'mlops', 'preprod'),
      account('230000000001', 'ou-sbx', 'sandbox', 'sandbox'),
      // Tagged for dev, sitting in the root.
      account('200000000099', 'r-1', 'dev', 'dev'),
    ],
    policies: [
      {
        id: 'p-full',
        name: 'FullAWSAccess',
        awsManaged: true,
        content: FULL_ACCESS,
        targets: [
          'r-1',
          ...OUS.map(([id]) => id),
          '200000000011',
          '200000000012',
          '230000000001',
          '200000000099',
        ],
      },
      ...policies,
    ],
    controls: [],
    compliance: [],
    products: [],
  };
  return snapshot;
}

const options = {
  baseline: DEFAULT_BASELINE,
  parameters: DEFAULT_GUARDRAIL_PARAMETERS,
  region: 'us-east-1',
};
const byCheck = (calls: ReturnType<typeof assessAccount>) =>
  Object.fromEntries(calls.map(c => [c.check, c]));

describe('assessAccount (the guide’s SCP effectiveness test)', () => {
  it('denies in dev what the guide shows denied, names the statement, and finds every answer as intended', () => {
    const calls = byCheck(
      assessAccount(organization(), '200000000011', options),
    );
    expect(Object.keys(calls)).toEqual(DATA_SCIENTIST_CALLS.map(c => c.id));
    expect(calls['deploy-endpoint']).toMatchObject({
      decision: 'denied',
      expected: 'denied',
      asIntended: true,
      policy: 'mlgov-deny-sagemaker-hosting',
      statement: 'DenySageMakerRealtimeHosting',
    });
    expect(calls['train-without-vpc']).toMatchObject({
      decision: 'denied',
      policy: 'mlgov-require-vpc',
      statement: 'VPCDeployment',
    });
    expect(calls['train-without-kms']).toMatchObject({
      decision: 'denied',
      policy: 'mlgov-require-kms',
    });
    expect(calls['train-untagged']).toMatchObject({
      decision: 'denied',
      policy: 'mlgov-require-cost-tags',
    });
    expect(calls['studio-public'].statement).toBe('StudioVpcOnly');
    expect(calls['notebook-internet'].policy).toBe('mlgov-require-vpc');
    expect(calls['public-bucket'].policy).toBe('mlgov-deny-public-s3');
    expect(calls['train-compliant']).toMatchObject({
      decision: 'allowed',
      expected: 'allowed',
    });
    // Dev has no encryption-in-transit guardrail nor an instance-type list.
    expect(calls['train-without-transit-encryption'].decision).toBe('allowed');
    expect(calls['train-disallowed-instance'].decision).toBe('allowed');
    expect(Object.values(calls).every(c => c.asIntended)).toBe(true);
  });

  it('never counts an answer the evaluator cannot decide as intended, and says why', () => {
    const snapshot = organization();
    // An SCP on the account whose deny hangs on the caller's IP, which the
    // suite cannot know: training's answer becomes unknown.
    snapshot.policies.push({
      id: 'p-ip',
      name: 'deny-training-off-vpn',
      awsManaged: false,
      content: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'OffVpn',
            Effect: 'Deny',
            Action: 'sagemaker:CreateTrainingJob',
            Resource: '*',
            Condition: { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
          },
        ],
      }),
      targets: ['200000000011'],
    });
    const calls = byCheck(assessAccount(snapshot, '200000000011', options));
    expect(calls['train-compliant']).toMatchObject({
      decision: 'unknown',
      expected: 'allowed',
      asIntended: false,
    });
    expect(calls['train-compliant'].explanation).toMatch(
      /^Not as intended: the suite cannot tell whether the account's SCPs allow it as its OU's guardrails mean them to, so check it by hand \(.*aws:SourceIp/,
    );
    // Those denied outright by a guardrail stay decided, and as intended.
    expect(calls['train-without-vpc']).toMatchObject({
      decision: 'denied',
      asIntended: true,
    });
    expect(calls['deploy-endpoint'].asIntended).toBe(true);
  });

  it('tells a guardrail missing from its OU: allowed where the baseline means denied, naming the guardrail meant', () => {
    const snapshot = organization([
      ['Workloads/Workloads_PreProd', 'require-vpc'],
    ]);
    const calls = byCheck(assessAccount(snapshot, '200000000012', options));
    expect(calls['train-without-vpc']).toMatchObject({
      decision: 'allowed',
      expected: 'denied',
      asIntended: false,
      expectedPolicy: 'mlgov-require-vpc',
    });
    expect(calls['train-without-transit-encryption']).toMatchObject({
      decision: 'denied',
      policy: 'mlgov-require-encryption-in-transit',
      asIntended: true,
    });
  });

  it('judges the sandbox by its own guardrails: public Studio allowed, unapproved instances denied', () => {
    const calls = byCheck(
      assessAccount(organization(), '230000000001', options),
    );
    expect(calls['studio-public']).toMatchObject({
      decision: 'allowed',
      asIntended: true,
    });
    expect(calls['train-disallowed-instance']).toMatchObject({
      decision: 'denied',
      policy: 'mlgov-allowed-instance-types',
    });
  });

  it('holds a misplaced account to the OU its tags place it in', () => {
    const calls = byCheck(
      assessAccount(organization(), '200000000099', options),
    );
    expect(calls['deploy-endpoint']).toMatchObject({
      decision: 'allowed',
      expected: 'denied',
      asIntended: false,
    });
  });

  it('shows an approved exception whose carve-out AWS does not carry yet as not what is intended', () => {
    const exempted = {
      ...options,
      parameters: {
        ...DEFAULT_GUARDRAIL_PARAMETERS,
        exemptions: [
          {
            guardrailId: 'deny-sagemaker-hosting',
            accountId: '200000000011',
            exceptionId: 'exc-1',
            endsAt: '2026-12-20T00:00:00.000Z',
            reason: 'One endpoint for the board demo',
          },
        ],
      },
    };
    // The SCP in AWS does not carry the carve-out yet: denied, meant allowed.
    const calls = byCheck(
      assessAccount(organization(), '200000000011', exempted),
    );
    expect(calls['deploy-endpoint']).toMatchObject({
      decision: 'denied',
      expected: 'allowed',
      asIntended: false,
    });
  });
});
