import { LoggerService } from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  getCompoundEntityRef,
} from '@backstage/catalog-model';
import {
  FactRetriever,
  FactRetrieverContext,
  TechInsightFact,
} from '@backstage-community/plugin-tech-insights-node';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import {
  ML_PROJECT_ANNOTATION,
  OrganizationNode,
  OrganizationView,
} from '@mlgov/plugin-ml-environments-common';
import {
  MlAwsClients,
  readBudgetSpend,
} from '@mlgov/plugin-ml-environments-node';
import { BudgetUse, accountFacts, projectFacts } from './facts';
import { SuiteReader, suiteReader } from './suiteReader';

/** @public */
export const ML_PROJECT_FACTS_ID = 'mlEnvironmentsProjectFacts';
/**
 * Its facts are named account… so that no check of a project reads them (a
 * check reads a fact by name from whichever retriever holds it).
 *
 * @public
 */
export const ML_ACCOUNT_FACTS_ID = 'mlEnvironmentsAccountFacts';

/** What the retrievers need beyond tech-insights' context. @public */
export interface MlEnvironmentsFactOptions {
  catalog: CatalogService;
  /** Reads the sandbox budgets (Budgets in the account that holds them). */
  clients: Pick<MlAwsClients, 'forAccount'>;
  now?: () => Date;
  /** One reader per run; a test may share one. */
  reader?: (ctx: FactRetrieverContext) => SuiteReader;
}

const readerOf = (options: MlEnvironmentsFactOptions) =>
  options.reader ?? (ctx => suiteReader(ctx));

const integer = (description: string) => ({
  type: 'integer' as const,
  description,
});
const boolean = (description: string) => ({
  type: 'boolean' as const,
  description,
});

const entityOf = (ref: CompoundEntityRef) => ({
  namespace: ref.namespace,
  kind: ref.kind.toLocaleLowerCase('en-US'),
  name: ref.name,
});

/**
 * Facts only from a whole snapshot: while a first read is still loading
 * sections, guardrails read as unknown and would pass checks they fail.
 */
function isComplete(
  organization: OrganizationView | undefined,
  logger: LoggerService,
): organization is OrganizationView {
  if (!organization || (organization.loading?.length ?? 0) > 0) {
    logger.info(
      'The ML environments snapshot is not complete yet; no facts this time',
    );
    return false;
  }
  return true;
}

/** The name planProject gives a sandbox's budget. */
const budgetName = (project: string) => `${project}-spending-limit`;

async function budgetOf(
  options: MlEnvironmentsFactOptions,
  project: string,
  sandboxAccountId: string | undefined,
  logger: LoggerService,
): Promise<BudgetUse | undefined> {
  if (!sandboxAccountId) return undefined;
  try {
    const { budgets } = await options.clients.forAccount(sandboxAccountId);
    const budget = await readBudgetSpend(
      budgets,
      sandboxAccountId,
      budgetName(project),
    );
    // A sandbox without its budget is a finding, not a missing fact.
    return budget ?? { limit: 0, actual: 0 };
  } catch (error) {
    // One unreadable budget leaves that fact out, not the project's others.
    logger.warn(`Reading ${project}'s budget failed: ${error}`);
    return undefined;
  }
}

/**
 * Facts of each ML project's System (annotated ml-environments.io/project),
 * from the suite's status, exceptions and data grants, and its sandbox
 * budget from AWS Budgets.
 *
 * @public
 */
export function createMlProjectFactRetriever(
  options: MlEnvironmentsFactOptions,
): FactRetriever {
  return {
    id: ML_PROJECT_FACTS_ID,
    version: '0.1.0',
    title: 'ML project governance',
    description:
      "An ML project's guardrails, exceptions, data grants, sandbox spending limit, products and Control Tower enrolment across its accounts",
    entityFilter: [{ kind: 'system' }],
    schema: {
      guardrailsHolding: integer(
        "Guardrails in place (or excepted) across the project's accounts",
      ),
      guardrailsMissing: integer('Guardrails missing where expected'),
      guardrailsDrifted: integer('Guardrails changed from the baseline'),
      guardrailsNonCompliant: integer(
        'Detective controls reporting non-compliant resources',
      ),
      openExceptions: integer('Guardrail exceptions pending or active'),
      exceptionsEndingSoon: integer(
        'Active guardrail exceptions ending within 7 days',
      ),
      exceptionFewestDaysLeft: integer(
        'Days until the first active exception ends (absent without one)',
      ),
      dataGrantsActive: integer('Data-lake databases the project reads'),
      dataGrantsPending: integer('Data access requests waiting for a decision'),
      sandboxSpendingLimitSet: {
        type: 'boolean',
        description:
          'The sandbox has its monthly spending limit in AWS Budgets (sandboxes only; spend itself is for the owners, on the cost card)',
      },
      productsOutdated: integer(
        'Launched products older than the version provisioning launches now',
      ),
      accountsNotEnrolled: integer(
        'Accounts whose OU Control Tower has not registered or whose enrolment waits',
      ),
    },
    handler: async ctx => {
      const now = options.now?.() ?? new Date();
      const reader = readerOf(options)(ctx);
      const { items } = await options.catalog.getEntities(
        {
          filter: {
            kind: 'system',
            [`metadata.annotations.${ML_PROJECT_ANNOTATION}`]:
              CATALOG_FILTER_EXISTS,
          },
        },
        { credentials: await ctx.auth.getOwnServiceCredentials() },
      );
      if (items.length === 0) return [];
      if (!isComplete(await reader.organization(), ctx.logger)) return [];
      const [exceptions, grants] = await Promise.all([
        reader.exceptions(),
        reader.dataGrants(),
      ]);
      const facts: TechInsightFact[] = [];
      for (const system of items) {
        const project = system.metadata.annotations![ML_PROJECT_ANNOTATION];
        const layout = await reader.project(project);
        if (!layout) continue;
        const sandbox = layout.accounts.find(a => a.stage === 'sandbox');
        const budget = await budgetOf(
          options,
          project,
          sandbox?.id,
          ctx.logger,
        );
        facts.push({
          entity: entityOf(getCompoundEntityRef(system)),
          facts: projectFacts(layout, exceptions, grants, budget, now),
        });
      }
      return facts;
    },
  };
}

/**
 * Facts of each AWS account Resource (aws-account-<id>, as the suite's
 * catalog module emits them), from one read of the organization view.
 *
 * @public
 */
export function createMlAccountFactRetriever(
  options: MlEnvironmentsFactOptions,
): FactRetriever {
  return {
    id: ML_ACCOUNT_FACTS_ID,
    version: '0.1.0',
    title: 'AWS account governance',
    description:
      "An AWS account's guardrail state, whether the suite manages it and whether Control Tower enrolled it",
    entityFilter: [{ kind: 'resource', 'spec.type': 'aws-account' }],
    schema: {
      accountGuardrailState: {
        type: 'string',
        description:
          'ok, excepted, missing, drifted, non-compliant or unknown: the worst of its guardrails',
      },
      accountGuardrailsHold: boolean('Every guardrail is in place or excepted'),
      accountManaged: boolean(
        "The account belongs to a project in the suite's record",
      ),
      accountEnrolled: boolean(
        'Its OU is registered with Control Tower and no enrolment waits there',
      ),
      accountOpenExceptions: integer('Guardrail exceptions pending or active'),
    },
    handler: async ctx => {
      const now = options.now?.() ?? new Date();
      const reader = readerOf(options)(ctx);
      const organization = await reader.organization();
      if (!isComplete(organization, ctx.logger)) return [];
      const exceptions = await reader.exceptions();
      const facts: TechInsightFact[] = [];
      const visit = (node: OrganizationNode) => {
        for (const account of node.accounts) {
          facts.push({
            entity: {
              namespace: 'default',
              kind: 'resource',
              name: `aws-account-${account.id}`,
            },
            facts: accountFacts(account, node.controlTower, exceptions, now),
          });
        }
        node.children.forEach(visit);
      };
      visit(organization.root);
      return facts;
    },
  };
}
