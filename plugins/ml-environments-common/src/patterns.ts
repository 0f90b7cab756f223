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

/** A Service Catalog product the suite launches for projects. @public */
export type ProductKind = 'sagemaker-studio-domain' | 'mlops-pipeline';

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
  /** Products launched for the project, each in one of its accounts. */
  products: Array<{ product: ProductKind; stage: AccountStage }>;
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
    products: [],
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
    products: [{ product: 'sagemaker-studio-domain', stage: 'dev' }],
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
      { product: 'sagemaker-studio-domain', stage: 'dev' },
      { product: 'mlops-pipeline', stage: 'automation' },
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
