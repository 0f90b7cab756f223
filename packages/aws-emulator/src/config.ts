/** The emulator's knobs; see docs/aws-emulator.md. */
export interface EmulatorConfig {
  /** How long asynchronous work (account creation, control operations, provisioning) takes. */
  asyncDelayMs: number;
  /** SCPs that may be attached directly to one root, OU or account. */
  maxScpsPerTarget: number;
  /** Account creations that may be in progress at once. */
  maxConcurrentAccountCreations: number;
  /** OUs one organization may hold (AWS's quota: 2,000). */
  maxOusPerOrganization: number;
  /** SCPs one organization may hold, AWS-managed ones included (AWS's quota: 10,000). */
  maxScpsPerOrganization: number;
  /**
   * The management account's SQS queue that receives the organization's
   * CloudTrail and Config events, as an EventBridge rule would deliver
   * them; empty for none.
   */
  eventsQueue: string;
  /**
   * How EventBridge delivers to `eventsQueue`: at least once and in no
   * promised order. Off (each event once, at once, in order) by default.
   */
  eventDelivery: {
    /** Share of events (0 to 1) delivered twice. */
    duplicateRate: number;
    /** Each delivery waits a seeded random 0 to this many ms: later events may arrive first. */
    maxDelayMs: number;
    /** Seed of the delivery dice, so a run is reproducible. */
    seed: number;
  };
  /**
   * Whether the organization's SCPs decide member accounts' calls, as on
   * AWS. On by default; off only for a test that needs it off.
   */
  enforceScps: boolean;
  /**
   * Whether principals with identity policies (the suite's, seeded from
   * seeds/suite-iam.json, and the seed's `iam.principalPolicies`) may make
   * only the calls those allow, as on AWS. On by default.
   */
  enforceIdentityPolicies: boolean;
  /**
   * How long after CreateAccount the new account's access role cannot be
   * assumed yet (IAM propagation): AssumeRole answers AccessDenied until
   * then.
   */
  newAccountRoleDelayMs: number;
  /** Per-operation token buckets, keyed `service:Operation`; `*` ends a prefix. */
  throttling: {
    enabled: boolean;
    rules: Record<string, { ratePerSecond: number; burst: number }>;
  };
  faults: {
    /** Share of calls (0 to 1) answered with one of `errors` instead. */
    rate: number;
    errors: string[];
    /** Operations (`service:Operation`, `*` ends a prefix) that faults apply to; empty means all. */
    operations: string[];
    /**
     * Share of mutating calls (among `operations`) that are carried out but
     * whose answer is lost: the connection drops, as on a client timeout.
     */
    lostAnswerRate: number;
    /** Seed of the fault dice, so a drill is reproducible. */
    seed: number;
    /** CreateAccount ends FAILED with this reason when the email matches. */
    createAccountFailures: Array<{ emailPattern: string; reason: string }>;
  };
}

export const defaultConfig: EmulatorConfig = {
  asyncDelayMs: 2000,
  maxScpsPerTarget: 10,
  maxConcurrentAccountCreations: 5,
  maxOusPerOrganization: 2000,
  maxScpsPerOrganization: 10000,
  eventsQueue: 'ml-governance-events',
  eventDelivery: { duplicateRate: 0, maxDelayMs: 0, seed: 1 },
  enforceScps: true,
  enforceIdentityPolicies: true,
  newAccountRoleDelayMs: 0,
  throttling: {
    enabled: false,
    rules: {
      // Published by the Control Tower guide for the calls its drift scan makes.
      'organizations:List*': { ratePerSecond: 5, burst: 8 },
      'organizations:DescribePolicy': { ratePerSecond: 2, burst: 2 },
    },
  },
  faults: {
    rate: 0,
    errors: ['TooManyRequestsException', 'ConcurrentModificationException'],
    operations: [],
    lostAnswerRate: 0,
    seed: 1,
    createAccountFailures: [],
  },
};

export function mergeConfig(
  base: EmulatorConfig,
  override: DeepPartial<EmulatorConfig> | undefined,
): EmulatorConfig {
  if (!override) return base;
  return {
    ...base,
    ...override,
    throttling: {
      ...base.throttling,
      ...override.throttling,
      rules: {
        ...base.throttling.rules,
        ...(override.throttling?.rules as any),
      },
    },
    eventDelivery: {
      ...base.eventDelivery,
      ...(override.eventDelivery as any),
    },
    faults: { ...base.faults, ...(override.faults as any) },
  } as EmulatorConfig;
}

export type DeepPartial<T> = {
  [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K];
};

/** Whether `service:Operation` matches a rule key such as `organizations:List*`. */
export function matchesOperation(rule: string, operation: string) {
  return rule.endsWith('*')
    ? operation.startsWith(rule.slice(0, -1))
    : rule === operation;
}
