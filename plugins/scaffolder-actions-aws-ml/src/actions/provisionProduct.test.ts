import { createProvisionProductAction } from './provisionProduct';
import { startActionsEnv } from './__testUtils__/emulator';
import { createTestActionContext } from './__testUtils__/testing';

describe('aws:servicecatalog:provisionProduct', () => {
  let env: Awaited<ReturnType<typeof startActionsEnv>>;

  beforeEach(async () => {
    env = await startActionsEnv({ config: { asyncDelayMs: 30 } });
  });
  afterEach(() => env.emulator.close());

  const input = {
    accountId: '220000000011',
    product: 'ML Studio domain',
    provisionedProductName: 'demand-forecast-studio-2',
    parameters: {
      ProjectName: 'demand-forecast',
      CostCenter: 'CC-1002',
      Owner: 'group:default/team-forecast',
      DomainName: 'demand-forecast-dev-2',
      VpcId: 'vpc-0a1b2c3d4e5f60718',
      SubnetIds: 'subnet-0a1b2c3d4e5f60719,subnet-0b1c2d3e4f5a6b7c8',
      SecurityGroupIds: 'sg-0c1d2e3f4a5b6c7d8',
    },
    tags: { 'ml-project': 'demand-forecast' },
  };

  it('provisions in the project account, waits for the record and outputs its outputs', async () => {
    // The stack runs only once the action has seen it under way: no race
    // with the clock of a busy machine.
    await env.emulator.close();
    env = await startActionsEnv({ config: { asyncDelayMs: 3_600_000 } });
    const action = createProvisionProductAction(env.deps);
    const { ctx, outputs, logged } = createTestActionContext(input);
    const waiting = () =>
      logged().some(line =>
        line.startsWith('Waiting for demand-forecast-studio-2 in 220000000011'),
      );
    let finished = false;
    const running = action.handler(ctx).finally(() => {
      finished = true;
    });
    while (!finished && !waiting()) {
      await new Promise(resolve => setTimeout(resolve, 5));
    }
    env.emulator.state.settle(Date.now() + 3_600_000);
    await running;
    expect(outputs.outputs.DomainId).toMatch(/^d-/);
    const domain = env.emulator.state.domains.get(outputs.outputs.DomainId);
    expect(domain?.accountId).toBe('220000000011');
    // The account's scheme tags, which its cost-tag guardrail requires.
    expect(domain?.tags).toMatchObject({
      'ml-project': 'demand-forecast',
      'cost-center': expect.any(String),
    });
    expect(waiting()).toBe(true);

    const again = createTestActionContext(input);
    await action.handler(again.ctx);
    expect(again.outputs.outputs).toEqual(outputs.outputs);
    expect(env.mutatingCalls()).toEqual({
      'servicecatalog:ProvisionProduct': 1,
    });
  });

  it('fails, naming the deny, when the stack would open a Workloads domain to the internet', async () => {
    const action = createProvisionProductAction(env.deps);
    const domainsBefore = env.emulator.state.domains.size;
    // The sandbox's Studio (internet access only), in a Workloads account.
    const { SecurityGroupIds: _none, ...sandboxParameters } = input.parameters;
    const open = {
      ...input,
      product: 'ML sandbox Studio',
      parameters: sandboxParameters,
    };
    const failure = await action
      .handler(createTestActionContext(open).ctx)
      .then(
        () => undefined,
        (error: Error) => error.message,
      );
    expect(failure).toMatch(
      /sagemaker:CreateDomain with an explicit deny in a service control policy: ([^\s"]+)"? \(Service/,
    );
    const policyArn = /service control policy: ([^\s"]+)"? \(Service/.exec(
      failure!,
    )![1];
    const policy = [...env.emulator.state.policies.values()].find(
      p => p.arn === policyArn,
    );
    expect(policy?.name).toBe('mlgov-require-vpc');
    expect(env.emulator.state.domains.size).toBe(domainsBefore);
  });

  it('explains a product the account cannot launch', async () => {
    const action = createProvisionProductAction(env.deps);
    await expect(
      action.handler(
        createTestActionContext({ ...input, accountId: '100000000003' }).ctx,
      ),
    ).rejects.toThrow(/Product ML Studio domain not found|not found/);
    expect(env.mutatingCalls()).toEqual({});
  });

  it('changes nothing in a dry run', async () => {
    const { ctx, logged } = createTestActionContext(input, { isDryRun: true });
    await createProvisionProductAction(env.deps).handler(ctx);
    expect(env.mutatingCalls()).toEqual({});
    expect(logged()).toContain(
      'Dry run: would provision ML Studio domain as demand-forecast-studio-2 in 220000000011',
    );
  });
});
