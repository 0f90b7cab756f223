import { ListTagsForResourceCommand } from '@aws-sdk/client-organizations';
import { NotAllowedError } from '@backstage/errors';
import { MlProjectRecord } from '@mlgov/plugin-ml-environments-common';
import { createTransferProjectAction } from './transferProject';
import { startActionsEnv } from './__testUtils__/emulator';
import { testAuthority } from './__testUtils__/authority';
import { createTestActionContext } from './__testUtils__/testing';

const churn: MlProjectRecord = {
  project: 'churn-prediction',
  pattern: 'mlops',
  owner: 'group:default/team-churn',
  accounts: [
    { stage: 'dev', accountId: '200000000011' },
    { stage: 'preprod', accountId: '200000000012' },
  ],
  origin: 'adopted',
  createdBy: 'config',
  createdAt: '2026-12-01T00:00:00.000Z',
  updatedAt: '2026-12-01T00:00:00.000Z',
};
const input = {
  project: 'churn-prediction',
  owner: 'group:default/team-risk',
  reason: 'team merger',
};

describe('aws:ml:transferProject', () => {
  it("moves the record first, then re-tags the project's accounts once", async () => {
    const env = await startActionsEnv(
      {},
      {},
      testAuthority({ records: [churn] }),
    );
    try {
      const action = createTransferProjectAction(env.deps);
      const { ctx, outputs } = createTestActionContext(input);
      await action.handler(ctx);
      expect(env.authority.records.get('churn-prediction')?.owner).toBe(
        'group:default/team-risk',
      );
      expect(outputs.accountIds).toEqual(['200000000011', '200000000012']);
      const org = await env.deps.clients.organizations();
      for (const id of outputs.accountIds) {
        const { Tags = [] } = await org.send(
          new ListTagsForResourceCommand({ ResourceId: id }),
        );
        expect(Tags).toContainEqual({
          Key: 'owner',
          Value: 'group:default/team-risk',
        });
      }
      await action.handler(createTestActionContext(input).ctx);
      expect(env.mutatingCalls()).toEqual({ 'organizations:TagResource': 2 });
    } finally {
      await env.emulator.close();
    }
  });

  it('changes nothing in AWS when the record refuses', async () => {
    const env = await startActionsEnv(
      {},
      {},
      testAuthority({
        records: [churn],
        refuse: new Map([
          [
            'churn-prediction',
            new NotAllowedError(
              'Not allowed: ml-environments.project.transfer',
            ),
          ],
        ]),
      }),
    );
    try {
      await expect(
        createTransferProjectAction(env.deps).handler(
          createTestActionContext(input).ctx,
        ),
      ).rejects.toThrow('Not allowed: ml-environments.project.transfer');
      expect(env.emulator.callCounts()).toEqual({});
    } finally {
      await env.emulator.close();
    }
  });

  it('refuses bad input and does nothing in a dry run', async () => {
    const env = await startActionsEnv();
    try {
      const action = createTransferProjectAction(env.deps);
      await expect(
        action.handler(
          createTestActionContext({ ...input, owner: 'user:default/guest' })
            .ctx,
        ),
      ).rejects.toThrow('must be a group entity ref');
      const { ctx, logged } = createTestActionContext(input, {
        isDryRun: true,
      });
      await action.handler(ctx);
      expect(logged()).toContain(
        'Dry run: would move ML project churn-prediction to group:default/team-risk and re-tag its accounts',
      );
      expect(env.authority.calls).toEqual([]);
      expect(env.emulator.callCounts()).toEqual({});
    } finally {
      await env.emulator.close();
    }
  });
});
