/**
 * The three account patterns of the AWS guide "Setting up secure, well-governed
 * machine learning environments on AWS", as data.
 */

import {
  AccountPatternId,
  AccountStage,
} from './schema/openapi/generated/models';

/**
 * One account a pattern provisions for each project.
 *
 * @public
 */
export interface PatternAccount {
  stage: AccountStage;
  /** OU path below the root, e.g. `Workloads/Workloads_Dev`. */
  ouPath: string;
  /** What the account is for, in the guide's words. */
  purpose: string;
}

/**
 * A Service Catalog product the suite launches for projects: the ids of the
 * products package (`@mlgov/ml-environments-products`), which maps each to
 * its manifest entry (name, parameters, outputs).
 *
 * @public
 */
export type ProductId =
  | 'ml-sandbox-studio'
  | 'ml-studio-domain'
  | 'ml-model-build'
  | 'ml-model-registry'
  | 'ml-deploy-pipeline'
  | 'ml-deployment-role';

/**
 * @public
 * @deprecated Use {@link ProductId}.
 */
export type ProductKind = ProductId;

/**
 * The account a product is launched in: one of the project's accounts by
 * stage, or the team shared services account
 * (`mlEnvironments.serviceCatalog.sharedServicesAccountId`).
 *
 * @public
 */
export type ProductAccountRole = AccountStage | 'team-shared-services';

/** Each product's title, for people. @public */
export const PRODUCT_TITLES: Record<ProductId, string> = {
  'ml-sandbox-studio': 'Sandbox SageMaker Studio (internet access only)',
  'ml-studio-domain': 'SageMaker Studio domain (VPC only)',
  'ml-model-build': 'SageMaker model-build pipeline',
  'ml-model-registry': 'Model registry (model package group)',
  'ml-deploy-pipeline': 'Cross-account deployment pipeline',
  'ml-deployment-role': 'Deployment roles for the pipeline',
};

/** @public */
export interface AccountPattern {
  id: AccountPatternId;
  /** The pattern's number in the guide. */
  number: 1 | 2 | 3;
  title: string;
  summary: string;
  accounts: PatternAccount[];
  /** Shared accounts the project's accounts reach, by their role. */
  uses: Array<'team-shared-services' | 'data-lake'>;
  /**
   * Products launched for the project, one per account role; each product's
   * inputs from others decide the launch order (see productPlans).
   */
  products: Array<{ product: ProductId; stage: ProductAccountRole }>;
  /** The account whose spending an AWS Budget caps, if any. */
  budgetStage?: AccountStage;
}

/** @public */
export const ACCOUNT_PATTERNS: readonly AccountPattern[] = [
  {
    id: 'sandbox',
    number: 1,
    title: 'Sandbox experimentation',
    summary:
      'One account in the Sandbox OU, detached from the corporate network and data, with a fixed spending limit.',
    accounts: [
      {
        stage: 'sandbox',
        ouPath: 'Sandbox',
        purpose:
          'Experiment with open-source libraries, AWS services and public datasets',
      },
    ],
    uses: [],
    products: [{ product: 'ml-sandbox-studio', stage: 'sandbox' }],
    budgetStage: 'sandbox',
  },
  {
    id: 'dev',
    number: 2,
    title: 'Development on corporate data',
    summary:
      'A Project_Dev account in Workloads_Dev with a SageMaker Studio domain and read-only access to the data lake.',
    accounts: [
      {
        stage: 'dev',
        ouPath: 'Workloads/Workloads_Dev',
        purpose:
          'Governed development in SageMaker Studio on read-only corporate data',
      },
    ],
    uses: ['team-shared-services', 'data-lake'],
    products: [{ product: 'ml-studio-domain', stage: 'dev' }],
  },
  {
    id: 'mlops',
    number: 3,
    title: 'MLOps with cross-account deployment',
    summary:
      'Dev, PreProd and Prod accounts in their Workloads OUs, with a cross-account pipeline in the Automation account that promotes models from the team model registry.',
    accounts: [
      {
        stage: 'dev',
        ouPath: 'Workloads/Workloads_Dev',
        purpose: 'Model development and SageMaker Pipelines workflows',
      },
      {
        stage: 'preprod',
        ouPath: 'Workloads/Workloads_PreProd',
        purpose: 'Testing of model versions deployed by the pipeline',
      },
      {
        stage: 'prod',
        ouPath: 'Workloads/Workloads_Prod',
        purpose: 'Production inference, deployed only by the pipeline',
      },
      {
        stage: 'automation',
        ouPath: 'Deployments/Deployments_Prod',
        purpose:
          'Cross-account CI/CD pipeline that developers use but cannot configure',
      },
    ],
    uses: ['team-shared-services', 'data-lake'],
    products: [
      { product: 'ml-studio-domain', stage: 'dev' },
      { product: 'ml-model-build', stage: 'dev' },
      { product: 'ml-model-registry', stage: 'team-shared-services' },
      { product: 'ml-deploy-pipeline', stage: 'automation' },
      { product: 'ml-deployment-role', stage: 'preprod' },
      { product: 'ml-deployment-role', stage: 'prod' },
    ],
  },
];

/** The patterns' ids, in the guide's order (for schemas' enums). @public */
export const ACCOUNT_PATTERN_IDS = ACCOUNT_PATTERNS.map(p => p.id) as [
  AccountPatternId,
  ...AccountPatternId[],
];

/** @public */
export function isAccountPatternId(value: unknown): value is AccountPatternId {
  return ACCOUNT_PATTERNS.some(pattern => pattern.id === value);
}

/**
 * The pattern with the given id.
 *
 * @public
 */
export function getAccountPattern(id: AccountPatternId): AccountPattern {
  const pattern = ACCOUNT_PATTERNS.find(p => p.id === id);
  if (!pattern) {
    throw new Error(`Unknown account pattern '${id}'`);
  }
  return pattern;
}

/** Every stage an account of a project can have, in the patterns' order. @public */
export const ACCOUNT_STAGES: readonly [AccountStage, ...AccountStage[]] = [
  'sandbox',
  'dev',
  'preprod',
  'prod',
  'automation',
];
