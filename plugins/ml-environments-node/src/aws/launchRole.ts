import {
  CreateRoleCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import {
  CreateConstraintCommand,
  DescribeConstraintCommand,
  ServiceCatalogClient,
  paginateListConstraintsForPortfolio,
} from '@aws-sdk/client-service-catalog';
import {
  LAUNCH_ROLE_TRUST_POLICY,
  suitePolicy,
} from '@mlgov/plugin-ml-environments-common';
import { createHash } from 'node:crypto';
import { allPages } from '../pages';
import { ProvisioningStep } from './step';

/** The launch role's inline policy's name. @public */
export const LAUNCH_POLICY_NAME = 'launch-policy';

/** What names the launch role and its policy. @public */
export interface LaunchRoleOptions {
  roleName: string;
  partition: string;
  /** The bucket the product templates are read from (a name or a pattern). */
  templatesBucket?: string;
  /** The account that owns that bucket: the shared services account. */
  templatesAccount: string;
}

function isNamed(error: unknown, ...names: string[]) {
  return names.includes((error as Error)?.name);
}

/** The role's launch policy as IAM holds it (URL-encoded), re-serialized; undefined when it has none. */
async function currentPolicy(iam: IAMClient, roleName: string) {
  try {
    const { PolicyDocument } = await iam.send(
      new GetRolePolicyCommand({
        RoleName: roleName,
        PolicyName: LAUNCH_POLICY_NAME,
      }),
    );
    return JSON.stringify(JSON.parse(decodeURIComponent(PolicyDocument ?? '')));
  } catch (error) {
    if (!isNamed(error, 'NoSuchEntity', 'NoSuchEntityException')) throw error;
    return undefined;
  }
}

/**
 * The account baseline's launch role: made when missing (trusting only
 * Service Catalog), its policy put when it differs from the suite's, so a
 * newer suite brings it up to date. A role of that name made by someone else is adopted; its
 * trust policy is left as it is.
 *
 * @public
 */
export async function ensureLaunchRole(
  iam: IAMClient,
  accountId: string,
  options: LaunchRoleOptions,
  step: ProvisioningStep,
): Promise<void> {
  const { roleName } = options;
  let exists = true;
  try {
    await iam.send(new GetRoleCommand({ RoleName: roleName }));
  } catch (error) {
    if (!isNamed(error, 'NoSuchEntity', 'NoSuchEntityException')) throw error;
    exists = false;
  }
  if (step.isDryRun) {
    step.logger.info(
      `Dry run: would ${
        exists ? 'update' : 'create'
      } the launch role ${roleName} in ${accountId}`,
    );
    return;
  }
  if (!exists) {
    try {
      await iam.send(
        new CreateRoleCommand({
          RoleName: roleName,
          AssumeRolePolicyDocument: JSON.stringify(LAUNCH_ROLE_TRUST_POLICY),
          Description:
            "Service Catalog's launch role for the ML environments suite's products",
          Tags: [{ Key: 'managed-by', Value: 'backstage-ml-environments' }],
        }),
      );
      step.logger.info(`Created the launch role ${roleName} in ${accountId}`);
    } catch (error) {
      // A lost answer to an earlier create: the role is there.
      if (
        !isNamed(error, 'EntityAlreadyExists', 'EntityAlreadyExistsException')
      )
        throw error;
    }
  }
  const policy = suitePolicy('launch', {
    partition: options.partition,
    launchRoleName: roleName,
    templatesBucket: options.templatesBucket,
    templatesAccount: options.templatesAccount,
  });
  if (
    exists &&
    (await currentPolicy(iam, roleName)) === JSON.stringify(policy)
  ) {
    return;
  }
  await iam.send(
    new PutRolePolicyCommand({
      RoleName: roleName,
      PolicyName: LAUNCH_POLICY_NAME,
      PolicyDocument: JSON.stringify(policy),
    }),
  );
}

/** The product's LAUNCH constraint in the portfolio, with the role it names. */
async function launchConstraintOf(
  sc: ServiceCatalogClient,
  portfolioId: string,
  productId: string,
) {
  const constraints = await allPages(
    paginateListConstraintsForPortfolio(
      { client: sc },
      { PortfolioId: portfolioId, ProductId: productId },
    ),
    page => page.ConstraintDetails,
  );
  const launch = constraints.find(c => c.Type === 'LAUNCH');
  if (!launch?.ConstraintId) return undefined;
  const { ConstraintParameters } = await sc.send(
    new DescribeConstraintCommand({ Id: launch.ConstraintId }),
  );
  const parameters = JSON.parse(ConstraintParameters ?? '{}');
  return {
    id: launch.ConstraintId,
    role: String(parameters.LocalRoleName ?? parameters.RoleArn ?? ''),
  };
}

/**
 * The products with no LAUNCH constraint in the portfolio, by id: each
 * would run its stack with the launching role's own credentials.
 *
 * @public
 */
export async function productsWithoutLaunchConstraint(
  sc: ServiceCatalogClient,
  portfolioId: string,
  productIds: string[],
): Promise<string[]> {
  const missing = [];
  for (const productId of productIds) {
    if (!(await launchConstraintOf(sc, portfolioId, productId))) {
      missing.push(productId);
    }
  }
  return missing;
}

/**
 * Each product in the portfolio launches as the launch role: a LAUNCH
 * constraint `{"LocalRoleName": roleName}`, looked up before it is made.
 * One that names another role is kept (an administrator chose it) and said.
 *
 * @public
 */
export async function ensureLaunchConstraint(
  sc: ServiceCatalogClient,
  portfolioId: string,
  product: { id: string; name: string },
  roleName: string,
  step: ProvisioningStep,
): Promise<void> {
  const existing = await launchConstraintOf(sc, portfolioId, product.id);
  if (existing) {
    if (existing.role !== roleName) {
      step.logger.warn(
        `${product.name} launches as ${existing.role} (its LAUNCH constraint ${existing.id}), not ${roleName}: kept as it is`,
      );
    }
    return;
  }
  if (step.isDryRun) {
    step.logger.info(
      `Dry run: would make ${product.name} launch as ${roleName} (a LAUNCH constraint)`,
    );
    return;
  }
  await sc.send(
    new CreateConstraintCommand({
      PortfolioId: portfolioId,
      ProductId: product.id,
      Type: 'LAUNCH',
      Parameters: JSON.stringify({ LocalRoleName: roleName }),
      Description: `Launches as ${roleName}, the suite's launch role`,
      // The same request after a lost answer gets the same constraint.
      IdempotencyToken: createHash('sha256')
        .update(`${portfolioId}/${product.id}/LAUNCH/${roleName}`)
        .digest('hex')
        .slice(0, 64),
    }),
  );
  step.logger.info(`${product.name} launches as ${roleName}`);
}
