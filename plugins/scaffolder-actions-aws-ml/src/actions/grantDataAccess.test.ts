import { NotAllowedError } from '@backstage/errors';
import { createGrantDataAccessAction } from './grantDataAccess';
import { churnAuthority, testAuthority } from './__testUtils__/authority';
import { startActionsEnv } from './__testUtils__/emulator';
import { createTestActionContext } from './__testUtils__/testing';

const input = {
  project: 'churn-prediction',
  databases: ['sales', 'stores'],
  reason: 'Features for the churn model come from orders and stores',
};

describe('aws:lakeformation:grantDataAccess', () => {
  it("asks the record for each database for the project's dev account, once", async () => {
    const authority = churnAuthority();
    const env = await startActionsEnv({}, {}, authority);
    try {
      const action = createGrantDataAccessAction(env.deps);
      const { ctx, outputs } = createTestActionContext(input);
      await action.handler(ctx);
      expect(outputs.grants.map((g: any) => [g.database, g.state])).toEqual([
        ['sales', 'pending'],
        ['stores', 'pending'],
      ]);
      expect(
        authority.dataGrants.map(g => [g.accountId, g.database, g.reason]),
      ).toEqual([
        ['200000000011', 'sales', input.reason],
        ['200000000011', 'stores', input.reason],
      ]);
      // A re-run is answered with the open grants: nothing asked twice.
      await action.handler(createTestActionContext(input).ctx);
      expect(authority.dataGrants).toHaveLength(2);
      // The grant itself is the backend's: the action changes nothing in AWS.
      expect(env.mutatingCalls()).toEqual({});
    } finally {
      await env.emulator.close();
    }
  });

  it('refuses bad input and a stage the project lacks before asking anything', async () => {
    const authority = churnAuthority();
    const env = await startActionsEnv({}, {}, authority);
    try {
      const action = createGrantDataAccessAction(env.deps);
      await expect(
        action.handler(
          createTestActionContext({
            ...input,
            databases: ['Sales Data'],
            reason: 'x',
          }).ctx,
        ),
      ).rejects.toThrow(
        /'Sales Data' is not a data-lake database name.*reason must say what the data is for/,
      );
      await expect(
        action.handler(
          createTestActionContext({ ...input, stage: 'sandbox' as const }).ctx,
        ),
      ).rejects.toThrow(
        'ML project churn-prediction has no sandbox account (it has dev, prod); pick one of its stages',
      );
      expect(authority.dataGrants).toEqual([]);
    } finally {
      await env.emulator.close();
    }
  });

  it("passes on the record's refusal and asks nothing", async () => {
    const authority = testAuthority({
      refuse: new Map([
        [
          'churn-prediction',
          new NotAllowedError(
            'user:default/mallory may not change ML project churn-prediction',
          ),
        ],
      ]),
    });
    const env = await startActionsEnv({}, {}, authority);
    try {
      await expect(
        createGrantDataAccessAction(env.deps).handler(
          createTestActionContext(input).ctx,
        ),
      ).rejects.toThrow('may not change ML project churn-prediction');
      expect(authority.dataGrants).toEqual([]);
    } finally {
      await env.emulator.close();
    }
  });

  it('says in a dry run what it would ask, asking nothing', async () => {
    const authority = churnAuthority();
    const env = await startActionsEnv({}, {}, authority);
    try {
      const { ctx, outputs } = createTestActionContext(input, {
        isDryRun: true,
      });
      await createGrantDataAccessAction(env.deps).handler(ctx);
      expect(outputs.grants.map((g: any) => g.state)).toEqual([
        'dry-run',
        'dry-run',
      ]);
      expect(authority.dataGrants).toEqual([]);
    } finally {
      await env.emulator.close();
    }
  });
});
