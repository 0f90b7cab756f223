import { MlProjectRecord } from '@mlgov/plugin-ml-environments-common';
import { createOffboardProjectAction } from './offboardProject';
import { examples } from './offboardProject.examples';
import { runExample } from './__testUtils__/examples';
import { testAuthority } from './__testUtils__/authority';

const recorded = (
  project: string,
  owner: string,
  accounts: MlProjectRecord['accounts'],
): MlProjectRecord => ({
  project,
  pattern: 'mlops',
  owner,
  accounts,
  origin: 'adopted',
  createdBy: 'config',
  createdAt: '2026-12-01T00:00:00.000Z',
  updatedAt: '2026-12-01T00:00:00.000Z',
});

/** The demo's projects as the suite records them, fraud-detection with an active exception. */
function demoAuthority() {
  const authority = testAuthority({
    records: [
      recorded('churn-prediction', 'group:default/team-churn', [
        { stage: 'dev', accountId: '200000000011' },
      ]),
      recorded('fraud-detection', 'group:default/team-fraud', [
        { stage: 'dev', accountId: '210000000011' },
        { stage: 'prod', accountId: '210000000013' },
      ]),
    ],
    // The demo's Studio profile in churn-prediction's domain is the suite's.
    studioProfiles: { 'churn-prediction': ['guest'] },
  });
  authority.exceptions.push({
    id: '00000000-0000-4000-8000-000000000007',
    project: 'fraud-detection',
    accountId: '210000000011',
    guardrailId: 'deny-sagemaker-hosting',
    reason: 'one endpoint for the demo',
    endsAt: '2027-01-01T00:00:00.000Z',
    state: 'active',
    requestedBy: 'user:default/mallory',
    requestedAt: '2026-12-01T00:00:00.000Z',
  });
  return authority;
}

describe('aws:ml:offboardProject examples', () => {
  it.each(examples.map(e => [e.description, e.example]))('%s', (_, example) => {
    const authority = demoAuthority();
    return runExample(
      example,
      createOffboardProjectAction,
      async ({ input, env, outputs }) => {
        const record = authority.records.get(input.project)!;
        expect(record.retirement?.state).toBe('retired');
        for (const { accountId } of record.accounts) {
          const account = env.emulator.state.accounts.get(accountId)!;
          expect(env.emulator.state.ous.get(account.parentId)?.name).toBe(
            'Suspended',
          );
        }
        expect(outputs.revokedExceptions).toEqual(
          input.revokeOpenExceptions ? [authority.exceptions[0].id] : [],
        );
      },
      authority,
    );
  });
});
