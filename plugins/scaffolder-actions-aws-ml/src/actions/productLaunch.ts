import { InputError } from '@backstage/errors';
import {
  PlannedProduct,
  ProvisioningPlan,
} from '@mlgov/plugin-ml-environments-common';
import {
  ManifestEntry,
  publishedProducts,
} from '@mlgov/ml-environments-products';
import {
  AssociatePrincipalWithPortfolioCommand,
  ListPrincipalsForPortfolioCommand,
  ServiceCatalogClient,
} from '@aws-sdk/client-service-catalog';
import {
  MlProvisioningConfig,
  ProvisioningStep,
} from '@mlgov/plugin-ml-environments-node';

/**
 * The products package's manifest, read once: what each product id is
 * called in Service Catalog and which parameters it takes.
 */
let shipped: ManifestEntry[] | undefined;
export function productManifest(): ManifestEntry[] {
  shipped ??= publishedProducts().map(
    ({ template: _t, templateBody: _b, ...entry }) => entry,
  );
  return shipped;
}

/** A planned product's manifest entry; an id the package lacks is a bug. */
export function manifestEntryOf(
  product: Pick<PlannedProduct, 'product'>,
  manifest: ManifestEntry[] = productManifest(),
): ManifestEntry {
  const entry = manifest.find(m => m.id === product.product);
  if (!entry) {
    throw new Error(
      `The products package has no product '${
        product.product
      }'; it has ${manifest.map(m => m.id).join(', ')}`,
    );
  }
  return entry;
}

/** The configured network a product launches into: its stage's. */
const networkStageOf = (product: PlannedProduct) => product.stage;

/** What a value breaks of the parameter's AllowedPattern/AllowedValues. */
function valueProblem(
  entry: ManifestEntry,
  name: string,
  value: string,
): string | undefined {
  const parameter = entry.parameters.find(p => p.name === name);
  if (!parameter) {
    return `${entry.id} has no parameter ${name}`;
  }
  if (parameter.allowedValues && !parameter.allowedValues.includes(value)) {
    return `${
      entry.id
    }'s ${name} is '${value}', not one of ${parameter.allowedValues.join(
      ', ',
    )}`;
  }
  if (
    parameter.allowedPattern &&
    !new RegExp(parameter.allowedPattern).test(value)
  ) {
    return `${entry.id}'s ${name} is '${value}', which does not match ${parameter.allowedPattern}`;
  }
  return undefined;
}

/** The value a network input takes from the stage's configured network. */
function networkValue(
  network: MlProvisioningConfig['network'][string],
  field: 'vpcId' | 'subnetIds' | 'securityGroupIds',
) {
  const value = network?.[field];
  return Array.isArray(value) ? value.join(',') : value;
}

/**
 * Everything about the plan's products that would fail a launch, found
 * before any change: a product the package lacks, a network the stage's
 * configuration does not give, a parameter the template requires that the
 * plan leaves out, and a value the template's AllowedPattern or
 * AllowedValues refuses.
 */
export function productPlanProblems(
  plan: Pick<ProvisioningPlan, 'products'>,
  network: MlProvisioningConfig['network'],
  manifest: ManifestEntry[] = productManifest(),
): string[] {
  const problems: string[] = [];
  for (const product of plan.products) {
    const entry = manifest.find(m => m.id === product.product);
    if (!entry) {
      problems.push(`The products package has no product '${product.product}'`);
      continue;
    }
    const stage = networkStageOf(product);
    const given = new Set([
      ...Object.keys(product.parameters),
      ...Object.keys(product.inputs),
    ]);
    for (const parameter of entry.parameters) {
      if (parameter.default === undefined && !given.has(parameter.name)) {
        problems.push(
          `${entry.id} needs parameter ${parameter.name}, which the plan does not give`,
        );
      }
    }
    const known: Array<[string, string]> = Object.entries(product.parameters);
    for (const [name, input] of Object.entries(product.inputs)) {
      if (input.from !== 'network') continue;
      const value = networkValue(network[stage], input.field);
      if (!network[stage]) {
        problems.push(
          `mlEnvironments.network.${stage} is not configured: ${entry.id} launches in the ${stage} account's VPC; give its vpcId, subnetIds and securityGroupIds (subnets shared with the OU through AWS RAM, see docs/deployment.md)`,
        );
      } else if (!value) {
        problems.push(
          `mlEnvironments.network.${stage}.${input.field} is empty: ${entry.id} needs ${name}`,
        );
      } else {
        known.push([name, value]);
      }
    }
    for (const [name, value] of known) {
      const problem = valueProblem(entry, name, value);
      if (problem) problems.push(problem);
    }
  }
  return [...new Set(problems)];
}

/** What a product's run-time inputs are read from. */
export interface LaunchContext {
  network: MlProvisioningConfig['network'];
  /** The project's account of the stage. */
  accountId: (stage: string) => string | undefined;
  /** The outputs of a product already launched in this run. */
  outputs: (product: string, stage: string) => Record<string, string>;
}

/**
 * The product's parameters, run-time inputs filled in and every value
 * checked against the template, before the product is launched.
 */
export function launchParameters(
  product: PlannedProduct,
  entry: ManifestEntry,
  context: LaunchContext,
): Record<string, string> {
  const parameters = { ...product.parameters };
  const problems: string[] = [];
  for (const [name, input] of Object.entries(product.inputs)) {
    let value: string | undefined;
    if (input.from === 'account') {
      value = context.accountId(input.stage);
    } else if (input.from === 'network') {
      value = networkValue(
        context.network[networkStageOf(product)],
        input.field,
      );
    } else {
      value = context.outputs(input.product, input.stage)[input.output];
    }
    if (!value) {
      problems.push(
        `${entry.id} in ${product.stage} has no value for ${name} (${
          input.from === 'output'
            ? `output ${input.output} of ${input.product} in ${input.stage}`
            : input.from
        })`,
      );
      continue;
    }
    parameters[name] = value;
  }
  for (const [name, value] of Object.entries(parameters)) {
    const problem = valueProblem(entry, name, value);
    if (problem) problems.push(problem);
  }
  if (problems.length) {
    throw new InputError(
      `Not launching ${product.provisionedProductName}: ${problems.join('; ')}`,
    );
  }
  return parameters;
}

/**
 * The launch path in the portfolio's own account (the registry's team
 * shared services): its principals associated with the portfolio there,
 * as accepting a share does in a recipient account.
 */
export async function ensureOwnerLaunchPath(
  owner: ServiceCatalogClient,
  portfolioId: string,
  principalArns: string[],
  step: ProvisioningStep,
) {
  if (step.isDryRun) return;
  const { Principals } = await owner.send(
    new ListPrincipalsForPortfolioCommand({ PortfolioId: portfolioId }),
  );
  for (const arn of principalArns) {
    if (Principals?.some(p => p.PrincipalARN === arn)) continue;
    await owner.send(
      new AssociatePrincipalWithPortfolioCommand({
        PortfolioId: portfolioId,
        PrincipalARN: arn,
        PrincipalType: /^arn:[\w-]+:iam:::/.test(arn) ? 'IAM_PATTERN' : 'IAM',
      }),
    );
    step.logger.info(`Associated ${arn} with portfolio ${portfolioId}`);
  }
}
