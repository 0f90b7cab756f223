import { GuardrailStatus } from '@mlgov/plugin-ml-environments-common';
import { moveInto, placementOf, whatToDo } from './whatToDo';

const missing = (expectedAt: string): GuardrailStatus => ({
  guardrailId: 'require-kms',
  kind: 'scp',
  title: 'Customer-managed KMS keys for SageMaker',
  state: 'missing',
  reason: `mlgov-require-kms is not attached to ${expectedAt} or above it: the account sits in the root, not in Workloads/Workloads_Prod; move it there`,
  expectedAt,
});

// fraud-detection-prod of the demo seed: an MLOps prod account in the root.
const inTheRoot = placementOf({
  id: '210000000013',
  name: 'fraud-detection-prod',
  parentId: 'r-demo',
  ouPath: '',
  pattern: 'mlops',
  stage: 'prod',
  state: 'missing',
  managed: true,
});

describe('whatToDo', () => {
  it("knows where an account's pattern and stage put it", () => {
    expect(inTheRoot).toEqual({
      ouPath: '',
      expectedOuPath: 'Workloads/Workloads_Prod',
    });
  });

  it('tells an account outside its OU to move, as its diagnosis says, not to attach the guardrail', () => {
    for (const expectedAt of ['Workloads', 'Workloads/Workloads_Prod']) {
      const advice = whatToDo(missing(expectedAt), inTheRoot)!;
      expect(advice).toMatch(/^Move the account, not the guardrail/);
      expect(advice).toContain('it sits in the root, outside');
      expect(advice).toContain('Move it to Workloads/Workloads_Prod');
      expect(advice).not.toMatch(/ask the platform team to put/);
    }
  });

  it("sends a retired account to the OU the guardrail is expected on, not its pattern's", () => {
    const deniedAll = { ...missing('Suspended'), guardrailId: 'deny-all' };
    const placement = {
      ouPath: 'Workloads/Workloads_Prod',
      expectedOuPath: 'Workloads/Workloads_Prod',
    };
    expect(moveInto(deniedAll, placement)).toBe('Suspended');
    expect(whatToDo(deniedAll, placement)).not.toContain('template');
  });

  it('asks for the guardrail where the account is in its OU, and for OUs', () => {
    const inItsOu = {
      ouPath: 'Workloads/Workloads_Prod',
      expectedOuPath: 'Workloads/Workloads_Prod',
    };
    for (const placement of [inItsOu, undefined]) {
      expect(whatToDo(missing('Workloads'), placement)).toMatch(
        /^Not in place on Workloads: run the project's template again/,
      );
    }
    expect(moveInto(missing('Root'), { ouPath: '' })).toBeUndefined();
  });

  it('gives a misplaced account the usual advice for states moving cannot fix', () => {
    const drifted = { ...missing('Workloads'), state: 'drifted' as const };
    expect(whatToDo(drifted, inTheRoot)).toMatch(/^Changed outside the suite/);
  });
});
