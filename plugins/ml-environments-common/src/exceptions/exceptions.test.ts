import {
  DEFAULT_GUARDRAIL_PARAMETERS,
  findGuardrail,
  scpDocument,
  scpName,
} from '../guardrails/library';
import {
  GuardrailExemption,
  GuardrailParameters,
  ScpGuardrail,
} from '../guardrails/types';
import { evaluateAccountGuardrails } from '../status/guardrailStatus';
import { OrganizationSnapshot } from '../status/snapshot';
import { carvedOutAccounts } from './carveOut';
import { validateExceptionRequest } from './validateExceptionRequest';

const hosting = findGuardrail('deny-sagemaker-hosting') as ScpGuardrail;
const exemption: GuardrailExemption = {
  guardrailId: 'deny-sagemaker-hosting',
  accountId: '200000000011',
  exceptionId: 'exc-1',
  endsAt: '2026-12-20T00:00:00.000Z',
  reason: 'One endpoint for the board demo',
};
const withExemption = {
  ...DEFAULT_GUARDRAIL_PARAMETERS,
  exemptions: [exemption],
};

describe('carve-outs', () => {
  it('lifts the exempt account out of every Deny statement, keeping its own conditions', () => {
    const document = scpDocument(hosting, withExemption);
    expect(document.Statement[0].Condition).toEqual({
      ...hosting.document(DEFAULT_GUARDRAIL_PARAMETERS).Statement[0].Condition,
      StringNotEquals: { 'aws:PrincipalAccount': ['200000000011'] },
    });
    expect(carvedOutAccounts(JSON.stringify(document))).toEqual([
      '200000000011',
    ]);
  });

  it('leaves documents of other guardrails and without exemptions as the library writes them', () => {
    const vpc = findGuardrail('require-vpc') as ScpGuardrail;
    expect(scpDocument(vpc, withExemption)).toEqual(
      vpc.document(DEFAULT_GUARDRAIL_PARAMETERS),
    );
    expect(scpDocument(hosting, DEFAULT_GUARDRAIL_PARAMETERS)).toEqual(
      hosting.document(DEFAULT_GUARDRAIL_PARAMETERS),
    );
    expect(carvedOutAccounts('not json')).toEqual([]);
  });
});

describe('validateExceptionRequest', () => {
  const now = new Date('2026-12-02T00:00:00Z');
  const options = {
    now,
    maxDays: 90,
    applicable: ['deny-sagemaker-hosting', 'AWS-GR_S3_VERSIONING_ENABLED'],
  };

  it('accepts an SCP guardrail of the account, a reason and an end within the limit', () => {
    expect(
      validateExceptionRequest(
        {
          guardrailId: 'deny-sagemaker-hosting',
          reason: 'One endpoint for the board demo',
          endsAt: '2027-03-01T00:00:00Z',
        },
        options,
      ),
    ).toEqual([]);
  });

  it.each([
    [
      'a control',
      { guardrailId: 'AWS-GR_S3_VERSIONING_ENABLED' },
      'only SCP guardrails can be excepted for one account',
    ],
    [
      'a guardrail the account does not carry',
      { guardrailId: 'require-vpc' },
      'does not apply to this account',
    ],
    ['an unknown guardrail', { guardrailId: 'nope' }, 'is not a guardrail'],
    ['a short reason', { reason: 'demo' }, 'at least 10 characters'],
    ['a past end', { endsAt: '2026-12-01T00:00:00Z' }, 'has passed'],
    [
      'an end beyond the limit',
      { endsAt: '2027-03-03T00:00:00Z' },
      'at most 90 days; end it by 2027-03-02T00:00:00.000Z',
    ],
    ['an end that is no date', { endsAt: 'soon' }, 'is not a date'],
  ])('refuses %s, saying how to fix it', (_, change, message) => {
    const problems = validateExceptionRequest(
      {
        guardrailId: 'deny-sagemaker-hosting',
        reason: 'One endpoint for the board demo',
        endsAt: '2026-12-20T00:00:00Z',
        ...change,
      },
      options,
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(message);
  });
});

describe('excepted guardrails in the status', () => {
  const snapshotWith = (content: string): OrganizationSnapshot => ({
    takenAt: '2026-12-02T00:00:00Z',
    organizationId: 'o-1',
    rootId: 'r-1',
    ous: [
      {
        id: 'ou-dev',
        arn: 'arn:ou-dev',
        name: 'Sandbox',
        parentId: 'r-1',
        path: 'Sandbox',
      },
    ],
    accounts: ['200000000011', '200000000012'].map(id => ({
      id,
      name: `a-${id}`,
      email: `${id}@example.com`,
      parentId: 'ou-dev',
      tags: {},
    })),
    policies: [
      {
        id: 'p-1',
        name: scpName('deny-sagemaker-hosting'),
        awsManaged: false,
        content,
        targets: ['ou-dev'],
      },
    ],
    controls: [],
    compliance: [],
    products: [],
  });
  const baseline = { Sandbox: ['deny-sagemaker-hosting'] };
  const stateOf = (
    snapshot: OrganizationSnapshot,
    accountId: string,
    parameters: GuardrailParameters = withExemption,
  ) =>
    evaluateAccountGuardrails(snapshot, accountId, baseline, parameters)!
      .guardrails[0];

  it('shows the exempt account as excepted, with the end and the reason, and the others as holding', () => {
    const carved = snapshotWith(
      JSON.stringify(scpDocument(hosting, withExemption)),
    );
    expect(stateOf(carved, '200000000011')).toMatchObject({
      state: 'excepted',
      reason:
        'Lifted for this account until 2026-12-20 by exception exc-1: One endpoint for the board demo',
    });
    expect(stateOf(carved, '200000000012').state).toBe('ok');
  });

  it('shows a carve-out that outlived its exception as drift, naming the account', () => {
    const carved = snapshotWith(
      JSON.stringify(scpDocument(hosting, withExemption)),
    );
    expect(
      stateOf(carved, '200000000012', DEFAULT_GUARDRAIL_PARAMETERS),
    ).toMatchObject({
      state: 'drifted',
      reason: expect.stringContaining(
        'lifts 200000000011 out of the guardrail with no approved exception in force',
      ),
    });
  });

  it('shows an approved exception whose carve-out is not in place as drift, not as excepted', () => {
    const plain = snapshotWith(
      JSON.stringify(hosting.document(DEFAULT_GUARDRAIL_PARAMETERS)),
    );
    expect(stateOf(plain, '200000000011')).toMatchObject({
      state: 'drifted',
      reason: expect.stringContaining(
        'lacks the carve-out of the approved exception for 200000000011',
      ),
    });
  });
});
