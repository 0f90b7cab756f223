import {
  DescribeAccountCommand,
  ListParentsCommand,
  ListTagsForResourceCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { createCreateAccountAction } from './createAccount';
import { startActionsEnv } from './__testUtils__/emulator';
import { createTestActionContext } from './__testUtils__/testing';

const input = {
  name: 'credit-risk-dev',
  email: 'aws+credit-risk-dev@example.com',
  ouPath: 'Workloads/Workloads_Dev',
  tags: { 'ml-project': 'credit-risk', 'ml-stage': 'dev' },
};

describe('aws:organizations:createAccount', () => {
  let env: Awaited<ReturnType<typeof startActionsEnv>>;
  let org: OrganizationsClient;

  beforeEach(async () => {
    env = await startActionsEnv();
    org = await env.deps.clients.organizations();
  });
  afterEach(() => env.emulator.close());

  it('creates the account, moves it into the OU and tags it; a second run changes nothing', async () => {
    const action = createCreateAccountAction(env.deps);
    const first = createTestActionContext(input);
    await action.handler(first.ctx);

    const accountId = first.outputs.accountId;
    expect(accountId).toMatch(/^\d{12}$/);
    const { Parents } = await org.send(
      new ListParentsCommand({ ChildId: accountId }),
    );
    const devOu = [...env.emulator.state.ous.values()].find(
      o => o.name === 'Workloads_Dev',
    );
    expect(Parents?.[0].Id).toBe(devOu?.id);
    const { Tags } = await org.send(
      new ListTagsForResourceCommand({ ResourceId: accountId }),
    );
    expect(Tags).toEqual(
      expect.arrayContaining([{ Key: 'ml-project', Value: 'credit-risk' }]),
    );
    expect(env.mutatingCalls()).toEqual({
      'organizations:CreateAccount': 1,
      'organizations:MoveAccount': 1,
    });

    const second = createTestActionContext(input);
    await action.handler(second.ctx);
    expect(second.outputs.accountId).toBe(accountId);
    expect(env.mutatingCalls()).toEqual({
      'organizations:CreateAccount': 1,
      'organizations:MoveAccount': 1,
    });
    expect(second.logged()).toContain(
      `Account ${input.email} exists: ${accountId}; reusing it`,
    );
  });

  it('moves an existing account that sits outside its OU, as the demo seed has one', async () => {
    const action = createCreateAccountAction(env.deps);
    const { ctx, outputs } = createTestActionContext({
      name: 'fraud-detection-prod',
      email: 'aws+fraud-detection-prod@example.com',
      ouPath: 'Workloads/Workloads_Prod',
    });
    await action.handler(ctx);
    expect(outputs.accountId).toBe('210000000013');
    expect(env.mutatingCalls()).toEqual({ 'organizations:MoveAccount': 1 });
  });

  it('resumes a creation that a stopped task started, without creating twice', async () => {
    // AWS takes its time; the task is stopped once AWS has the request.
    const slow = await startActionsEnv({ config: { asyncDelayMs: 600_000 } });
    try {
      const action = createCreateAccountAction(slow.deps);
      const checkpoints = new Map();
      const abort = new AbortController();
      const stopped = createTestActionContext(input, {
        checkpoints,
        signal: abort.signal,
      });
      const run = action.handler(stopped.ctx);
      while (!slow.mutatingCalls()['organizations:CreateAccount']) {
        await new Promise(resolve => setTimeout(resolve, 5));
      }
      abort.abort();
      await expect(run).rejects.toThrow(
        'The task was cancelled while waiting for account credit-risk-dev',
      );
      // Meanwhile AWS finishes the creation.
      slow.emulator.state.settle(Number.MAX_SAFE_INTEGER);

      const recovered = createTestActionContext(input, { checkpoints });
      await action.handler(recovered.ctx);
      const { Account } = await (
        await slow.deps.clients.organizations()
      ).send(
        new DescribeAccountCommand({ AccountId: recovered.outputs.accountId }),
      );
      expect(Account?.Email).toBe(input.email);
      expect(slow.mutatingCalls()['organizations:CreateAccount']).toBe(1);
    } finally {
      await slow.emulator.close();
    }
  });

  it('explains a failed creation', async () => {
    const failing = await startActionsEnv({
      config: {
        faults: {
          createAccountFailures: [
            { emailPattern: 'credit-risk', reason: 'EMAIL_ALREADY_EXISTS' },
          ],
        },
      },
    });
    try {
      const action = createCreateAccountAction(failing.deps);
      await expect(
        action.handler(createTestActionContext(input).ctx),
      ).rejects.toThrow(
        'Creating account credit-risk-dev (aws+credit-risk-dev@example.com) failed with EMAIL_ALREADY_EXISTS: another AWS account, outside this organization, already uses this email; choose another email',
      );
    } finally {
      await failing.emulator.close();
    }
  });

  it.each([
    [
      { ...input, email: 'not-an-email' },
      /Account email 'not-an-email' is not one AWS accepts/,
    ],
    [{ ...input, name: 'x'.repeat(51) }, /1 to 50 printable ASCII/],
    [{ ...input, ouPath: 'a/b/c/d/e/f' }, /at most 5 levels/],
  ])('refuses bad input without calling AWS: %j', async (bad, message) => {
    const action = createCreateAccountAction(env.deps);
    await expect(
      action.handler(createTestActionContext(bad).ctx),
    ).rejects.toThrow(message);
    expect(env.emulator.callCounts()).toEqual({});
  });

  it('changes nothing in a dry run', async () => {
    const action = createCreateAccountAction(env.deps);
    const { ctx, logged, outputs } = createTestActionContext(input, {
      isDryRun: true,
    });
    await action.handler(ctx);
    expect(env.mutatingCalls()).toEqual({});
    expect(outputs.accountId).toBe('dry-run');
    expect(logged()).toContain(
      'Dry run: would create account credit-risk-dev (aws+credit-risk-dev@example.com) in Workloads/Workloads_Dev',
    );
  });
  it("refuses tags that give a project another owner than its record's", async () => {
    await expect(
      createCreateAccountAction(env.deps).handler(
        createTestActionContext({
          ...input,
          tags: { ...input.tags, owner: 'group:default/team-other' },
        }).ctx,
      ),
    ).rejects.toThrow(
      /disagree with ML project credit-risk's record \(mlops, group:default\/team-churn\)/,
    );
    expect(env.mutatingCalls()).toEqual({});
  });

  it('refuses a tag key AWS reserves, before any call', async () => {
    await expect(
      createCreateAccountAction(env.deps).handler(
        createTestActionContext({ ...input, tags: { 'aws:x': 'y' } }).ctx,
      ),
    ).rejects.toThrow("tag key 'aws:x' uses the prefix aws:, reserved by AWS");
    expect(env.emulator.callCounts()).toEqual({});
  });
});
