import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ConfigReader } from '@backstage/config';
import { readBudgetSpend } from '@mlgov/plugin-ml-environments-node';
import {
  OWNER,
  mlSystem,
  startSuiteBackend,
} from './__testUtils__/suiteBackend';
import {
  createMlAccountFactRetriever,
  createMlProjectFactRetriever,
} from './retrievers';

const catalog = catalogServiceMock({
  entities: [
    mlSystem('churn-prediction'),
    mlSystem('nlp-playground'),
    // A System that is no ML project gets no facts.
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: { name: 'payments' },
      spec: { owner: 'group:default/team-fraud' },
    },
  ],
});

describe('ML environments fact retrievers', () => {
  const now = new Date();
  let suite: Awaited<ReturnType<typeof startSuiteBackend>>;

  beforeAll(async () => {
    suite = await startSuiteBackend(now);
  });
  afterAll(() => suite?.emulator.close());

  /** Tech Insights' context, reading the suite's backend as a plugin. */
  const context = () =>
    ({
      discovery: {
        getBaseUrl: async (id: string) => `${suite.baseUrl}/api/${id}`,
        getExternalBaseUrl: async (id: string) => `${suite.baseUrl}/api/${id}`,
      },
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      config: new ConfigReader({}),
      urlReader: {} as any,
    } as any);
  const options = () => ({ catalog, clients: suite.clients, now: () => now });

  it("gives each ML project's System its guardrails, exceptions, grants, budget, products and enrolment", async () => {
    const facts = await createMlProjectFactRetriever(options()).handler(
      context(),
    );
    expect(facts.map(f => f.entity)).toEqual([
      { namespace: 'default', kind: 'system', name: 'churn-prediction' },
      { namespace: 'default', kind: 'system', name: 'nlp-playground' },
    ]);
    const [churn, nlp] = facts.map(f => f.facts as Record<string, unknown>);
    // The demo organization: one guardrail missing and one drifted on
    // churn-prediction's OUs, nothing outdated, every OU registered.
    expect(churn).toEqual({
      guardrailsHolding: 22,
      guardrailsMissing: 1,
      guardrailsDrifted: 1,
      guardrailsNonCompliant: 0,
      // Pending: asked, not yet active, so no days left to count.
      openExceptions: 1,
      exceptionsEndingSoon: 0,
      dataGrantsActive: 0,
      dataGrantsPending: 1,
      productsOutdated: 0,
      accountsNotEnrolled: 0,
    });
    // The sandbox's budget as Budgets reports it: the limit is a fact, the
    // spend (owners only, on the cost card) is not.
    const spend = await readBudgetSpend(
      (
        await suite.clients.forAccount(suite.sandboxAccount)
      ).budgets,
      suite.sandboxAccount,
      'nlp-playground-spending-limit',
    );
    expect(spend!.limit).toBe(5000);
    expect(nlp).toMatchObject({
      guardrailsMissing: 0,
      openExceptions: 0,
      sandboxSpendingLimitSet: true,
    });
    expect(Object.values(nlp!)).not.toContain(spend!.actual);
  });

  it('gives each AWS account Resource its guardrail state, management and enrolment', async () => {
    const facts = await createMlAccountFactRetriever(options()).handler(
      context(),
    );
    const of = (id: string) =>
      facts.find(f => f.entity.name === `aws-account-${id}`)?.facts;
    expect(facts.every(f => f.entity.kind === 'resource')).toBe(true);
    expect(of(suite.devAccount)).toEqual({
      accountGuardrailState: 'ok',
      accountGuardrailsHold: true,
      accountManaged: true,
      accountEnrolled: true,
      accountOpenExceptions: 1,
    });
    // The demo's account under an OU that lacks a guardrail.
    expect(of('210000000013')).toMatchObject({
      accountGuardrailState: 'missing',
      accountGuardrailsHold: false,
    });
    // The management account, at the root: no project, nothing missing.
    expect(of('111111111111')).toMatchObject({
      accountGuardrailsHold: true,
      accountManaged: false,
    });
  });

  it("serves the repository's checks through Tech Insights and runs them on the stored facts", async () => {
    // The setup's refresh announced its snapshot stage by stage; the
    // retrievers ran on the first announcement (incomplete: no facts) and
    // run once more within 30 s of it, on the complete one.
    let facts;
    for (let i = 0; i < 45 && !facts; i++) {
      const latest = await suite.call(
        'GET',
        '/tech-insights/facts/latest?entity=system:default/nlp-playground&ids[]=mlEnvironmentsProjectFacts',
        OWNER,
      );
      facts = (await latest.json()).mlEnvironmentsProjectFacts?.facts;
      if (!facts) await new Promise(r => setTimeout(r, 1000));
    }
    expect(facts).toMatchObject({ guardrailsMissing: 0 });
    // Again now, with the exception and the data access request asked since.
    await suite.scheduler().triggerTask('mlEnvironmentsProjectFacts');
    await suite.scheduler().triggerTask('mlEnvironmentsAccountFacts');
    const checks = await (
      await suite.call('GET', '/tech-insights/checks', OWNER)
    ).json();
    expect(checks.map((c: any) => c.id)).toEqual(
      expect.arrayContaining([
        'mlGuardrailsInPlace',
        'mlExceptionsNotEnding',
        'mlDataAccessDecided',
        'mlSandboxSpendingLimit',
        'mlProductsCurrent',
        'mlAccountsEnrolled',
      ]),
    );

    const run = async (ref: string, body: object = {}) => {
      const response = await suite.call(
        'POST',
        `/tech-insights/checks/run/${ref}`,
        OWNER,
        body,
      );
      expect(response.status).toBe(200);
      return (await response.json()) as any[];
    };
    const outcomes = async (ref: string) =>
      Object.fromEntries((await run(ref)).map(r => [r.check.id, r.result]));
    // A project's checks on a project; the budget's only where there is one.
    expect(await outcomes('default/system/churn-prediction')).toEqual({
      mlGuardrailsInPlace: false,
      mlExceptionsNotEnding: true,
      mlDataAccessDecided: false,
      mlProductsCurrent: true,
      mlAccountsEnrolled: true,
    });
    expect(await outcomes('default/system/nlp-playground')).toMatchObject({
      mlGuardrailsInPlace: true,
      mlSandboxSpendingLimit: expect.any(Boolean),
    });
    expect(await outcomes('default/resource/aws-account-210000000013')).toEqual(
      { mlAccountGuardrailsHold: false, mlAccountEnrolled: true },
    );
    // A failed check carries its remediation.
    const [guardrails] = await run('default/system/churn-prediction', {
      checks: ['mlGuardrailsInPlace'],
    });
    expect(guardrails.check.metadata.remediation).toMatch(/re-applies/);
  });
});
