import { OrganizationsClient } from '@aws-sdk/client-organizations';
import {
  ProductCheckFinding,
  checkTemplate,
  partitionOf,
} from '@mlgov/plugin-ml-environments-common';
import {
  MlAwsClients,
  ProvisioningStep,
  ScpChainCache,
  readScpChain,
} from '@mlgov/plugin-ml-environments-node';
import { publishedProducts } from '@mlgov/ml-environments-products';

let templates: Map<string, Record<string, any>> | undefined;
function templateOf(productId: string): Record<string, any> {
  templates ??= new Map(publishedProducts().map(p => [p.id, p.template]));
  const template = templates.get(productId);
  if (!template) {
    throw new Error(`The products package has no template for '${productId}'`);
  }
  return template;
}

/** The template with the launch's values as its parameters' defaults. */
function withValues(
  template: Record<string, any>,
  values: Record<string, string>,
): Record<string, any> {
  const parameters = Object.fromEntries(
    Object.entries(template.Parameters ?? {}).map(([name, parameter]) => [
      name,
      values[name] === undefined
        ? parameter
        : { ...(parameter as object), Default: values[name] },
    ]),
  );
  return { ...template, Parameters: parameters };
}

const describe = (f: ProductCheckFinding) =>
  `${f.resource} (${f.action})${
    f.policy
      ? ` by ${f.policy}${f.statement ? ` statement ${f.statement}` : ''}`
      : ''
  }: ${f.reason}`;

/**
 * The re-check at launch: publishing judged the product against its OUs,
 * but the account it now launches in has its own SCPs too (attached to the
 * account, or carve-outs of approved exceptions in force for it), and the
 * launch's own parameter values and tags. Reads the account's SCPs from the
 * root down and judges each resource's create calls, as the role
 * CloudFormation acts as (the product's launch role). A denied call refuses the launch
 * before it changes anything, naming resource, call, policy and statement;
 * a call the evaluator cannot decide is a warning in the task's log.
 */
export async function recheckProductForAccount(
  {
    org,
    clients,
    step,
    chains,
  }: {
    org: OrganizationsClient;
    clients: Pick<MlAwsClients, 'awsConfig'>;
    step: ProvisioningStep;
    /** What earlier checks of this run read that cannot have changed since. */
    chains?: ScpChainCache;
  },
  launch: {
    productId: string;
    name: string;
    accountId: string;
    parameters: Record<string, string>;
    tags: Record<string, string>;
    /**
     * The role CloudFormation acts as: the product's launch role when it
     * has one, else the suite's member-account role which launches it.
     */
    roleName?: string;
  },
): Promise<void> {
  const chain = await readScpChain(org, launch.accountId, chains);
  const { region, memberAccountRoleName } = clients.awsConfig;
  const result = checkTemplate(
    chain,
    withValues(templateOf(launch.productId), launch.parameters) as any,
    {
      principalArn: `arn:${partitionOf(region).partition}:iam::${
        launch.accountId
      }:role/${launch.roleName ?? memberAccountRoleName}`,
      stackTags: launch.tags,
    },
  );
  for (const finding of result.findings) {
    if (finding.decision === 'unknown') {
      step.logger.warn(
        `${launch.name} in account ${launch.accountId}: ${describe(finding)}`,
      );
    }
  }
  const denied = result.findings.filter(f => f.decision === 'denied');
  if (denied.length > 0) {
    throw new Error(
      `Not launching ${launch.name} in account ${
        launch.accountId
      }: its service control policies would deny ${denied
        .map(describe)
        .join(
          '; ',
        )}. Nothing of this launch was changed; ask your platform team to fix the product or the guardrail (or an exception for this account)`,
    );
  }
}
