import { planProject } from './planner';
import { actionMatches } from './evaluation';
import { suitePolicy } from './iam';
import { managementActionsFor, principalArnOf } from './requiredActions';

describe('principalArnOf', () => {
  it.each([
    [
      'arn:aws:sts::111111111111:assumed-role/backstage/session-1',
      'arn:aws:iam::111111111111:role/backstage',
    ],
    [
      'arn:aws-cn:sts::111111111111:assumed-role/backstage/s',
      'arn:aws-cn:iam::111111111111:role/backstage',
    ],
    [
      'arn:aws:iam::111111111111:user/ci/deployer',
      'arn:aws:iam::111111111111:user/ci/deployer',
    ],
    ['arn:aws:iam::111111111111:root', undefined],
  ])('names the principal behind %s', (caller, principal) => {
    expect(principalArnOf(caller)).toBe(principal);
  });
});

describe('managementActionsFor', () => {
  const request = {
    project: 'credit-risk',
    owner: 'group:default/team-risk',
    costCenter: 'CC-5001',
    accountEmailTemplate: 'aws+{project}-{stage}@example.com',
  };

  it('asks for Budgets and member roles only where the pattern uses them', () => {
    const sandbox = managementActionsFor(
      planProject({
        ...request,
        pattern: 'sandbox',
        sandbox: { spendingLimitUsd: 100, alertEmail: 'risk@example.com' },
      }),
    );
    expect(sandbox).toEqual(
      expect.arrayContaining([
        'budgets:ViewBudget',
        'sts:AssumeRole',
        'organizations:CreateAccount',
        'iam:CreateServiceLinkedRole',
      ]),
    );
    const mlops = managementActionsFor(
      planProject({
        ...request,
        pattern: 'mlops',
        mlops: { prodApprovalRequired: true },
      }),
    );
    expect(mlops).not.toContain('budgets:ViewBudget');
    expect(mlops).toEqual(
      expect.arrayContaining([
        'controltower:EnableControl',
        'organizations:AttachPolicy',
        // Whether the portfolio may be shared with the accounts' OUs.
        'organizations:ListAWSServiceAccessForOrganization',
        'organizations:ListDelegatedAdministrators',
      ]),
    );
    // The sandbox launches its Studio from the portfolio too.
    expect(sandbox).toContain('organizations:ListDelegatedAdministrators');
  });

  it('asks only for what the generated management policy grants', () => {
    const granted = suitePolicy('management').Statement.flatMap(s => s.Action);
    for (const pattern of ['sandbox', 'dev', 'mlops'] as const) {
      const actions = managementActionsFor(
        planProject({
          ...request,
          pattern,
          sandbox: { spendingLimitUsd: 100, alertEmail: 'risk@example.com' },
          mlops: { prodApprovalRequired: true },
        }),
      );
      expect(
        actions.filter(a => !granted.some(g => actionMatches(g, a))),
      ).toEqual([]);
    }
  });
});
