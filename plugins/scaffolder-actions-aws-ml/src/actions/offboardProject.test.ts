import {
  CloseAccountCommand,
  ListParentsCommand,
  MoveAccountCommand,
} from '@aws-sdk/client-organizations';
import { CreateUserProfileCommand } from '@aws-sdk/client-sagemaker';
import {
  GuardrailException,
  suitePolicy,
} from '@mlgov/plugin-ml-environments-common';
import { createOffboardProjectAction } from './offboardProject';
import { createProvisionProjectAction } from './provisionProject';
import {
  projectTags,
  SUITE_MANAGEMENT_ROLE,
  SUITE_MEMBER_ROLE,
} from '@mlgov/aws-emulator';
import { startActionsEnv } from './__testUtils__/emulator';
import { layoutOf, mlops } from './__testUtils__/provisionProject';
import { createTestActionContext } from './__testUtils__/testing';

const input = {
  project: 'credit-risk',
  reason: 'model replaced by credit-risk-v2',
};

describe('aws:ml:offboardProject', () => {
  let env: Awaited<ReturnType<typeof startActionsEnv>>;
  let accountIds: string[];

  beforeEach(async () => {
    env = await startActionsEnv();
    const { ctx, outputs } = createTestActionContext(mlops);
    await createProvisionProjectAction(env.deps).handler(ctx);
    accountIds = outputs.layout.accounts.map((a: any) => a.accountId);
  });
  afterEach(() => env.emulator.close());

  const offboard = (
    extra: object = {},
    deps = env.deps,
    options: { isDryRun?: boolean } = {},
  ) => {
    const run = createTestActionContext({ ...input, ...extra }, options);
    return {
      run,
      done: createOffboardProjectAction(deps).handler(run.ctx),
    };
  };
  const mutationsDuring = async (work: () => Promise<unknown>) => {
    const before = env.mutatingCalls();
    await work();
    const after = env.mutatingCalls();
    return Object.fromEntries(
      Object.entries(after)
        .map(([op, n]) => [op, n - (before[op] ?? 0)])
        .filter(([, n]) => n !== 0),
    );
  };
  const openException = (): GuardrailException => {
    const exception: GuardrailException = {
      id: '00000000-0000-4000-8000-000000000001',
      project: 'credit-risk',
      accountId: accountIds[0],
      guardrailId: 'deny-sagemaker-hosting',
      reason: 'one endpoint for the demo',
      endsAt: '2027-01-01T00:00:00.000Z',
      state: 'active',
      requestedBy: 'user:default/guest',
      requestedAt: '2026-12-01T00:00:00.000Z',
    };
    env.authority.exceptions.push(exception);
    return exception;
  };

  it('suspends every account, removes Studio and shares, and keeps the record, retired', async () => {
    const exception = openException();
    const { run, done } = offboard({ revokeOpenExceptions: true });
    await done;

    const org = layoutOf(env.emulator);
    expect(org.accounts).toEqual(
      expect.arrayContaining(
        ['dev', 'preprod', 'prod', 'automation'].map(
          stage => `credit-risk-${stage}@Suspended`,
        ),
      ),
    );
    expect(org.attachments['mlgov-deny-all']).toEqual(['Suspended']);
    expect(org.provisioned.filter(p => p.startsWith('credit-risk'))).toEqual(
      [],
    );
    for (const id of accountIds) {
      expect(env.emulator.state.accounts.get(id)!.tags).toMatchObject({
        'ml-closing-date': expect.stringMatching(/^\d{4}-\d\d-\d\d$/),
      });
      expect(
        [...env.emulator.state.acceptedShares.keys()].filter(k =>
          k.startsWith(`${id}/`),
        ),
      ).toEqual([]);
      expect(env.emulator.state.accounts.get(id)!.state).toBe('ACTIVE');
    }
    expect(exception.state).toBe('revoked');
    expect(run.outputs.revokedExceptions).toEqual([exception.id]);
    expect(run.outputs.accounts.map((a: any) => [a.stage, a.closure])).toEqual([
      ['dev', 'suspended'],
      ['preprod', 'suspended'],
      ['prod', 'suspended'],
      ['automation', 'suspended'],
    ]);
    expect(run.outputs.accounts[0].productsTerminated).toEqual([
      'credit-risk-studio',
      'credit-risk-model-build',
    ]);
    const record = env.authority.records.get('credit-risk')!;
    expect(record.retirement).toMatchObject({
      state: 'retired',
      accounts: accountIds.map(accountId => ({
        accountId,
        closure: 'suspended',
      })),
    });

    // A re-run finds the project retired and changes nothing.
    let again: ReturnType<typeof offboard>['run'] | undefined;
    expect(
      await mutationsDuring(async () => {
        const rerun = offboard();
        again = rerun.run;
        await rerun.done;
      }),
    ).toEqual({});
    expect(again!.outputs.alreadyRetired).toBe(true);
  });

  it("deletes the suite's Studio profiles before the domain goes, and is stopped, named, by someone else's", async () => {
    const dev = accountIds[0];
    const domain = [...env.emulator.state.domains.values()].find(
      d => d.accountId === dev,
    )!;
    const { sageMaker } = await env.deps.clients.forAccount(dev);
    for (const name of ['guest', 'intruder']) {
      await sageMaker.send(
        new CreateUserProfileCommand({
          DomainId: domain.id,
          UserProfileName: name,
          Tags: projectTags('credit-risk'),
        }),
      );
    }
    // The record says the suite made the guest's profile, not the other.
    env.authority.studioProfiles.set('credit-risk', new Set(['guest']));
    const refused = offboard();
    await expect(refused.done).rejects.toThrow(
      `Studio domain ${domain.id} in ${dev} holds user profiles the suite did not make (intruder), and SageMaker deletes no domain with profiles in it`,
    );
    const profiles = () =>
      [...env.emulator.state.userProfiles.values()]
        .filter(p => p.domainId === domain.id)
        .map(p => p.name)
        .sort();
    // Nothing of the suite's was deleted for a retirement that cannot finish.
    expect(profiles()).toEqual(['guest', 'intruder']);
    expect(env.emulator.state.domains.has(domain.id)).toBe(true);

    // Its owner deletes the other profile; the re-run completes.
    env.emulator.state.userProfiles.delete(`${domain.id}/intruder`);
    await offboard().done;
    expect(profiles()).toEqual([]);
    expect(env.emulator.state.domains.has(domain.id)).toBe(false);
    expect(env.authority.records.get('credit-risk')!.retirement?.state).toBe(
      'retired',
    );
  });

  it('refuses while an exception is open, before any AWS change', async () => {
    openException();
    expect(
      await mutationsDuring(async () => {
        // One line in the task's log (it prints the stack), no call stack.
        await expect(offboard().done).rejects.toMatchObject({
          stack: 'ConflictError: ML project credit-risk has open exceptions',
        });
      }),
    ).toEqual({});
    expect(
      env.authority.records.get('credit-risk')!.retirement,
    ).toBeUndefined();
  });

  it('refuses a reason too short to audit, before asking the record', async () => {
    const calls = env.authority.calls.length;
    await expect(offboard({ reason: 'done' }).done).rejects.toThrow(
      /reason must say why the project ends, in at least 10 characters/,
    );
    expect(env.authority.calls.length).toBe(calls);
  });

  it('says in a dry run what it would do and changes nothing', async () => {
    openException();
    let dry: ReturnType<typeof offboard>['run'] | undefined;
    expect(
      await mutationsDuring(async () => {
        const run = offboard({ revokeOpenExceptions: true }, env.deps, {
          isDryRun: true,
        });
        dry = run.run;
        await run.done;
      }),
    ).toEqual({});
    expect(dry!.outputs.accounts).toHaveLength(4);
    expect(dry!.outputs.accounts[0].productsTerminated).toEqual([
      'credit-risk-studio',
      'credit-risk-model-build',
    ]);
    expect(
      env.authority.records.get('credit-risk')!.retirement,
    ).toBeUndefined();
  });

  it('resumes a retirement that stopped part-way, repeating nothing done', async () => {
    const org = await env.deps.clients.organizations();
    const [dev] = accountIds;
    const { Parents } = await org.send(
      new ListParentsCommand({ ChildId: dev }),
    );
    await offboard().done;
    // What a task that stopped before its last account leaves behind: that
    // account still in its OU, the record still retiring.
    const suspendedOu = [...env.emulator.state.ous.values()].find(
      o => o.name === 'Suspended',
    )!;
    await org.send(
      new MoveAccountCommand({
        AccountId: dev,
        SourceParentId: suspendedOu.id,
        DestinationParentId: Parents![0].Id!,
      }),
    );
    env.authority.records.get('credit-risk')!.retirement!.state = 'retiring';

    expect(await mutationsDuring(() => offboard().done)).toEqual({
      'organizations:MoveAccount': 1,
    });
    expect(layoutOf(env.emulator).accounts).toContain(
      'credit-risk-dev@Suspended',
    );
  });

  it('closes the accounts when configured, within AWS quota', async () => {
    const closing = {
      ...env.deps,
      provisioning: { ...env.deps.provisioning, closeAccounts: true },
    };
    const { run, done } = offboard({}, closing);
    await done;
    expect(run.outputs.accounts.map((a: any) => a.closure)).toEqual([
      'closing',
      'closing',
      'closing',
      'closing',
    ]);
    for (const id of accountIds) {
      expect(['PENDING_CLOSURE', 'CLOSED']).toContain(
        env.emulator.state.accounts.get(id)!.state,
      );
    }
  });

  it('refuses, before any change, to close accounts its principal may not close (IAM policy simulation)', async () => {
    // The generated policy of a deployment that does not close accounts.
    const principal = `arn:aws:iam::111111111111:role/${SUITE_MANAGEMENT_ROLE}`;
    env.emulator.state.principalPolicies.set(principal, [
      suitePolicy('management', {
        memberAccountRoleName: SUITE_MEMBER_ROLE,
        closeAccounts: false,
      }),
    ]);
    const closing = {
      ...env.deps,
      provisioning: { ...env.deps.provisioning, closeAccounts: true },
    };
    expect(
      await mutationsDuring(async () => {
        await expect(offboard({}, closing).done).rejects.toThrow(
          `Nothing was changed, because ${principal} may not call organizations:CloseAccount, which retiring a project needs (IAM policy simulation)`,
        );
      }),
    ).toEqual({});
    expect(
      env.authority.records.get('credit-risk')!.retirement?.state,
    ).not.toBe('retired');
  });

  it("leaves accounts suspended, not failed, when closures outside the suite used up AWS's quota", async () => {
    const org = await env.deps.clients.organizations();
    // Ten closures the suite did not make: AWS's quota for this organization.
    const others = [...env.emulator.state.accounts.values()]
      .filter(
        a =>
          a.id !== env.emulator.state.managementAccountId &&
          !accountIds.includes(a.id),
      )
      .slice(0, 10);
    for (const account of others) {
      await org.send(new CloseAccountCommand({ AccountId: account.id }));
    }
    const { run, done } = offboard(
      {},
      {
        ...env.deps,
        provisioning: { ...env.deps.provisioning, closeAccounts: true },
      },
    );
    await done;
    expect(run.outputs.accounts.map((a: any) => a.closure)).toEqual([
      'deferred',
      'deferred',
      'deferred',
      'deferred',
    ]);
    expect(layoutOf(env.emulator).accounts).toContain(
      'credit-risk-prod@Suspended',
    );
  });

  it('holds when AWS acts on a rejection but its answer is lost', async () => {
    Object.assign(env.emulator.config.faults, {
      lostAnswerRate: 1,
      operations: ['servicecatalog:RejectPortfolioShare'],
    });
    await offboard().done;
    for (const id of accountIds) {
      expect(
        [...env.emulator.state.acceptedShares.keys()].filter(k =>
          k.startsWith(`${id}/`),
        ),
      ).toEqual([]);
    }
    expect(env.authority.records.get('credit-risk')!.retirement?.state).toBe(
      'retired',
    );
  });
});
