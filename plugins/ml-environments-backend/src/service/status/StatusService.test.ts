import { mockServices } from '@backstage/backend-test-utils';
import {
  DEFAULT_BASELINE,
  DEFAULT_GUARDRAIL_PARAMETERS,
  OrganizationSnapshot,
} from '@mlgov/plugin-ml-environments-common';
import { SnapshotReadModel } from './SnapshotReadModel';
import { StatusService } from './StatusService';

const snapshotAt = (takenAt: string): OrganizationSnapshot => ({
  takenAt,
  organizationId: 'o-example',
  rootId: 'r-root',
  ous: [],
  accounts: [
    {
      id: '222222222222',
      name: 'churn-dev',
      email: 'churn-dev@example.com',
      parentId: 'r-root',
      tags: { 'ml-project': 'churn' },
    },
  ],
  policies: [],
  controls: [],
  compliance: [],
  products: [],
});

describe('StatusService read model', () => {
  it('parses each snapshot once and builds each organization view once, until a new snapshot', async () => {
    const saved = [snapshotAt('2026-12-02T00:00:00Z')];
    const store = {
      latestSnapshotId: jest.fn(async () => saved.length),
      latestSnapshot: jest.fn(async () => saved[saved.length - 1]),
      saveSnapshot: async () => true,
      saveRefreshProgress: async () => {},
      refreshProgress: async () => undefined,
    };
    const status = new StatusService({
      readModel: new SnapshotReadModel(store),
      store,
      pipeline: {},
      clients: { awsConfig: { region: 'us-east-1' } } as any,
      baseline: DEFAULT_BASELINE,
      parameters: DEFAULT_GUARDRAIL_PARAMETERS,
      logger: mockServices.logger.mock(),
    });
    const owners = new Map([['churn', 'group:default/team-churn']]);
    const first = await status.organization(owners);
    const again = await status.organization(new Map(owners));
    expect(again).toBe(first);
    expect(store.latestSnapshot).toHaveBeenCalledTimes(1);
    // Another owner set is another view of the same snapshot.
    const unrecorded = await status.organization(new Map());
    expect(unrecorded.root.accounts[0].managed).toBe(false);
    expect(first.root.accounts[0].managed).toBe(true);

    saved.push(snapshotAt('2026-12-02T01:00:00Z'));
    const fresh = await status.organization(owners);
    expect(fresh.takenAt).toBe('2026-12-02T01:00:00Z');
    expect(store.latestSnapshot).toHaveBeenCalledTimes(2);
  });
});
