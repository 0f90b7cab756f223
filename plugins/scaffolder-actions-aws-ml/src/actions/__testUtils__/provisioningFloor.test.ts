import { planProject } from '@mlgov/plugin-ml-environments-common';
import { criticalPathFloorMs } from './provisioningFloor';

const request = {
  project: 'credit-risk',
  owner: 'group:default/team-risk',
  costCenter: 'CC-5001',
  accountEmailTemplate: 'aws+{project}-{stage}@example.com',
};
const mlops = planProject({
  ...request,
  pattern: 'mlops',
  mlops: { prodApprovalRequired: true },
});
const sandbox = planProject({
  ...request,
  pattern: 'sandbox',
  sandbox: { spendingLimitUsd: 100, alertEmail: 'risk@example.com' },
});
// A first run on an organization whose OUs are all registered.
const firstRun = (accounts: number, launches: number, resets: number) => ({
  'organizations:CreateAccount': accounts,
  'organizations:MoveAccount': accounts,
  'controltower:ResetEnabledBaseline': resets,
  'servicecatalog:ProvisionProduct': launches,
});

describe('criticalPathFloorMs', () => {
  it('chains MLOps through one reset after another, then the deployment roles behind the pipeline', () => {
    // Created 1; dev, automation, preprod, prod enrolled at 2, 3, 4, 5;
    // the prod deployment role launches once prod is enrolled: 6 delays.
    expect(criticalPathFloorMs(mlops, firstRun(4, 6, 4), 1000, false)).toBe(
      6000,
    );
  });

  it('follows the launch chain where the landing zone auto-enrols', () => {
    // Created 1, all enrolled at 2; registry 2, pipeline 3, roles 4.
    expect(criticalPathFloorMs(mlops, firstRun(4, 6, 0), 1000, true)).toBe(
      4000,
    );
  });

  it('puts a sandbox at creation, enrolment and one launch', () => {
    for (const auto of [true, false]) {
      expect(
        criticalPathFloorMs(sandbox, firstRun(1, 1, auto ? 0 : 1), 1000, auto),
      ).toBe(3000);
    }
  });

  it('adds registrations before the moves and is nothing on a rerun', () => {
    // Two registrations (the account created beside them), the reset,
    // the launch.
    expect(
      criticalPathFloorMs(
        sandbox,
        { ...firstRun(1, 1, 1), 'controltower:EnableBaseline': 2 },
        1000,
        false,
      ),
    ).toBe(4000);
    expect(criticalPathFloorMs(mlops, {}, 1000, false)).toBe(0);
  });
});
