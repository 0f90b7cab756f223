// The types of the suite's IAM policies, apart so the statement files of
// each principal and policies.ts share them without a cycle. No imports, so
// scripts/iam-policies.mjs can load them with Node's type stripping.

/**
 * Who sends a call: the management account's principal (the backend's own
 * credentials), the member-account role in a project account, that role in
 * the shared services account (the portfolio's owner) and in the data lake
 * account; and the launch role Service Catalog assumes to run the products'
 * stacks (the suite makes it in each account but never acts as it).
 *
 * @public
 */
export type SuitePrincipal =
  | 'management'
  | 'member'
  | 'sharedServices'
  | 'dataLake'
  | 'launch';

/**
 * What the suite does, each flow needing its own actions.
 *
 * @public
 */
export type SuiteFlow =
  | 'provisioning'
  | 'status'
  | 'events'
  | 'studio'
  | 'dataAccess'
  | 'offboarding'
  | 'publishing';

/** @public */
export interface SuitePolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Action: string[];
  Resource: string | string[];
  /** Only where a statement must not reach another account's resource. */
  Condition?: Record<string, Record<string, string>>;
}

/** @public */
export interface SuitePolicyDocument {
  Version: '2012-10-17';
  Statement: SuitePolicyStatement[];
}

/**
 * The names the policies depend on, as the suite's configuration gives them.
 *
 * @public
 */
export interface SuitePolicyOptions {
  /** AWS partition, `aws` by default. */
  partition?: string;
  /** `mlEnvironments.aws.memberAccountRoleName`. */
  memberAccountRoleName?: string;
  /** Whether offboarding closes accounts (`offboarding.closeAccounts`). */
  closeAccounts?: boolean;
  /** The queue the organization's events arrive on. */
  eventsQueue?: string;
  /** The bucket Service Catalog templates are uploaded to before publishing. */
  templatesBucket?: string;
  /**
   * The account that owns the templates bucket
   * (`serviceCatalog.sharedServicesAccountId`): the launch role reads
   * templates only from a bucket of that account, whoever names one alike.
   */
  templatesAccount?: string;
  /** The launch role's name (`serviceCatalog.launchRoleName`). */
  launchRoleName?: string;
}

export interface StatementSource {
  sid: string;
  principal: SuitePrincipal;
  flows: SuiteFlow[];
  actions: string[];
  resource?: (o: Required<SuitePolicyOptions>) => string | string[];
  condition?: (
    o: Required<SuitePolicyOptions>,
  ) => Record<string, Record<string, string>>;
  when?: (o: Required<SuitePolicyOptions>) => boolean;
}

/** Every flow, for the statements each of them needs. */
export const ALL_FLOWS: SuiteFlow[] = [
  'provisioning',
  'status',
  'events',
  'studio',
  'dataAccess',
  'offboarding',
  'publishing',
];
