/** An IAM policy document as service control policies use it. */
export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

/** @public */
export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

/**
 * An approved, unexpired guardrail exception as the SCPs carry it: one
 * account lifted out of one guardrail's SCP until a date.
 *
 * @public
 */
export interface GuardrailExemption {
  guardrailId: string;
  accountId: string;
  exceptionId: string;
  /** ISO 8601; the backend's scheduler removes the carve-out then. */
  endsAt: string;
  reason: string;
}

/** Values the SCP documents are written with; every one has a default. */
export interface GuardrailParameters {
  /** Roles the SCPs never restrict, e.g. the platform team's and Control Tower's. */
  exemptRoleArns: string[];
  /**
   * Roles that may still act in a retired account (the `deny-all`
   * guardrail), on top of `exemptRoleArns`: the suite's own member-account
   * role, so a retirement can finish there. Exempt from nothing else, so
   * what the suite launches stays under every other guardrail.
   */
  retirementRoleArns?: string[];
  /** Instance-type patterns that sandbox accounts may use. */
  allowedInstanceTypes: string[];
  /** Tags every SageMaker create call must carry, for cost allocation. */
  costTagKeys: string[];
  /**
   * Approved, unexpired exceptions: the suite's record, not configuration.
   * Each lifts one account out of one SCP.
   */
  exemptions?: GuardrailExemption[];
  /**
   * When the suite first saw each problem of an OU or the root, by
   * `problemKey`: the backend's record, so that an account's inherited
   * problem shows its age.
   */
  problemsSince?: Record<string, string>;
}

/** @public */
export interface ScpGuardrail {
  kind: 'scp';
  id: string;
  title: string;
  /** Why the guardrail exists, for people reading the status views and docs. */
  rationale: string;
  document(parameters: GuardrailParameters): PolicyDocument;
}

/** @public */
export interface ControlGuardrail {
  kind: 'control';
  /** The Control Tower control identifier, e.g. AWS-GR_S3_VERSIONING_ENABLED. */
  id: string;
  title: string;
  rationale: string;
  behavior: 'detective' | 'preventive' | 'proactive';
}

/** @public */
export type Guardrail = ScpGuardrail | ControlGuardrail;
