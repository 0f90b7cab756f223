// The types of a provisioning plan, apart from the planner and the product
// plans that both use them, so neither imports the other's types.
import { ProductAccountRole, ProductId } from './patterns';
import {
  AccountPatternId,
  AccountStage,
} from './schema/openapi/generated/models';

/**
 * A product parameter whose value is known only when provisioning runs.
 *
 * - `account`: the id of the project's account of that stage;
 * - `network`: `mlEnvironments.network.<stage>` of the product's account
 *   (`vpcId`, `subnetIds`, `securityGroupIds`, lists comma-separated);
 * - `output`: an output of another product of the plan, which is therefore
 *   launched first.
 *
 * @public
 */
export type ProductInput =
  | { from: 'account'; stage: AccountStage }
  | { from: 'network'; field: 'vpcId' | 'subnetIds' | 'securityGroupIds' }
  | {
      from: 'output';
      product: ProductId;
      stage: ProductAccountRole;
      output: string;
    };

/** What a template asks for. @public */
export interface ProjectRequest {
  pattern: AccountPatternId;
  project: string;
  /** Catalog ref of the owning group, e.g. group:default/team-churn. */
  owner: string;
  costCenter: string;
  /**
   * Email of each account, with `{project}` and `{stage}` placeholders,
   * e.g. `aws+{project}-{stage}@example.com`.
   */
  accountEmailTemplate: string;
  sandbox?: { spendingLimitUsd: number; alertEmail: string };
  dev?: { datasets: string[] };
  mlops?: { prodApprovalRequired: boolean };
}

/** @public */
export interface PlannedAccount {
  stage: AccountStage;
  /** What the account is for, in the guide's words. */
  purpose: string;
  name: string;
  email: string;
  ouPath: string;
  tags: Record<string, string>;
}

/** A target of a policy: the root, an OU by path, or a project account by stage. */
export type PlannedTarget =
  | { type: 'root' }
  | { type: 'ou'; path: string }
  | { type: 'account'; stage: AccountStage };

/** @public */
export interface PlannedPolicy {
  guardrailId: string;
  /** The guardrail's title and why it applies, for people and generated docs. */
  title: string;
  rationale: string;
  name: string;
  description: string;
  /** Minified, as it is stored. */
  content: string;
  targets: PlannedTarget[];
}

/** @public */
export interface PlannedProduct {
  product: ProductId;
  stage: ProductAccountRole;
  provisionedProductName: string;
  /** Parameters the request decides, the tag parameters among them. */
  parameters: Record<string, string>;
  /** Parameters known only when provisioning runs, by where they come from. */
  inputs: Record<string, ProductInput>;
}

/** Everything a project's provisioning creates or checks, in order. @public */
export interface ProvisioningPlan {
  request: ProjectRequest;
  /** OU paths to ensure, parents before children. */
  organizationalUnits: string[];
  accounts: PlannedAccount[];
  policies: PlannedPolicy[];
  controls: Array<{
    controlId: string;
    ouPath: string;
    title: string;
    rationale: string;
  }>;
  products: PlannedProduct[];
  budget?: {
    stage: AccountStage;
    name: string;
    limitUsd: number;
    alertEmail: string;
  };
}
