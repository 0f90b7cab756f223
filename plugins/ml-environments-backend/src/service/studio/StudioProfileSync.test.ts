import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { MlProjectRecord } from '@mlgov/plugin-ml-environments-common';
import { StudioProfileSync } from './StudioProfileSync';

function record(
  project: string,
  owner: string,
  extra: Partial<MlProjectRecord> = {},
): MlProjectRecord {
  return {
    project,
    pattern: 'mlops',
    owner,
    accounts: [{ stage: 'dev', accountId: '200000000011' }],
    origin: 'provisioned',
    createdBy: 'user:default/guest',
    createdAt: '2026-11-01T00:00:00Z',
    updatedAt: '2026-11-01T00:00:00Z',
    ...extra,
  } as MlProjectRecord;
}

const groupWith = (name: string, members: string[]) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [] },
  relations: members.map(m => ({
    type: 'hasMember',
    targetRef: `user:default/${m}`,
  })),
});

function setUp(records: MlProjectRecord[], groups: any[]) {
  const audits: Array<[string, string, Record<string, unknown>]> = [];
  const synced: Array<{ project: string; members: string[] }> = [];
  // The suite's record of the profiles it made: ada's, from an earlier run.
  const made = new Map<string, Set<string>>([
    ['churn-prediction', new Set(['ada'])],
  ]);
  const sync = new StudioProfileSync({
    store: {
      listProjects: async () => records,
      studioProfilesMade: async project => [...(made.get(project) ?? [])],
      recordStudioProfiles: async (project, profiles) => {
        const set = made.get(project) ?? new Set();
        profiles.forEach(p => set.add(p));
        made.set(project, set);
      },
      forgetStudioProfiles: async (project, profiles) => {
        profiles.forEach(p => made.get(project)?.delete(p));
      },
    },
    records: {
      audit: async (_actor, project, action, detail) => {
        audits.push([project, action, detail]);
      },
    },
    studio: {
      syncProfiles: async (project, devAccountId, members, mine) => {
        if (project === 'broken') throw new Error('AccessDenied');
        expect(devAccountId).toBe('200000000011');
        synced.push({ project, members });
        // As AWS would answer: ada had a profile the suite made, and left;
        // the rest are new.
        return {
          created: members.filter(m => m !== 'guest'),
          deleted: mine.filter(p => p === 'ada' && !members.includes(p)),
          kept: [],
          inUse: [],
        };
      },
    },
    catalog: catalogServiceMock({ entities: groups }),
    auth: mockServices.auth(),
    logger: mockServices.logger.mock(),
  });
  return { sync, audits, synced, made };
}

describe('StudioProfileSync', () => {
  it("brings each live project's profiles in step with its owner group's members, auditing every change", async () => {
    const { sync, audits, synced, made } = setUp(
      [
        record('churn-prediction', 'group:default/team-churn'),
        record('old-model', 'group:default/team-churn', {
          retirement: { state: 'retired' } as any,
        }),
        record('no-dev', 'group:default/team-churn', {
          accounts: [{ stage: 'prod', accountId: '200000000013' }] as any,
        }),
      ],
      [groupWith('team-churn', ['guest', 'mallory', 'jane.doe'])],
    );
    const results = await sync.syncAll();
    // Retired projects and projects without a dev account have no Studio.
    expect(synced).toEqual([
      { project: 'churn-prediction', members: ['guest', 'mallory'] },
    ]);
    expect(results).toEqual([
      {
        project: 'churn-prediction',
        created: ['mallory'],
        deleted: ['ada'],
        skipped: ['jane.doe'],
      },
    ]);
    // The record follows: mallory's profile is the suite's now, ada's gone.
    expect([...made.get('churn-prediction')!]).toEqual(['mallory']);
    expect(audits).toEqual([
      [
        'churn-prediction',
        'studio-profile',
        {
          profileName: 'mallory',
          reason: 'member of group:default/team-churn',
        },
      ],
      [
        'churn-prediction',
        'studio-profile.delete',
        {
          profileName: 'ada',
          reason: 'no longer a member of group:default/team-churn',
        },
      ],
    ]);
  });

  it('changes nothing for a project whose owner group the catalog does not have, and goes on with the others', async () => {
    const { sync, synced } = setUp(
      [
        record('broken', 'group:default/team-churn'),
        record('orphan', 'group:default/team-gone'),
        record('churn-prediction', 'group:default/team-churn'),
      ],
      [groupWith('team-churn', ['guest'])],
    );
    const results = await sync.syncAll();
    expect(results.map(r => [r.project, r.error ?? 'ok'])).toEqual([
      ['broken', 'Error: AccessDenied'],
      ['orphan', expect.stringMatching(/team-gone is not in the catalog/)],
      ['churn-prediction', 'ok'],
    ]);
    expect(synced.map(s => s.project)).toEqual(['churn-prediction']);
  });
});
