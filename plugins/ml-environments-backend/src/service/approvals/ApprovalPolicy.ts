import {
  BasicPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';

/** What every request of the workflow is: one account of a project, asked for by someone. */
export interface ApprovalItem {
  id: string;
  project: string;
  accountId: string;
  reason: string;
  requestedBy: string;
  state: string;
}

/** What every request asks for: one of the project's accounts, and why. */
export interface ApprovalAsk {
  accountId: string;
  reason: string;
}

export type ApprovalDecision = 'approve' | 'reject' | 'revoke';

/** A notification's words. */
export interface ApprovalNotice {
  title: string;
  description: string;
}

/** What a kind of request is called, and what guards it. */
export interface ApprovalKind {
  /** The audit actions' prefix: `exception.request`, `data.approve`… */
  audit: 'exception' | 'data';
  words: {
    /** 'Exception', 'Data grant': the start of a message about one. */
    item: string;
    /** 'guardrail exception': what a 404 says there is none of. */
    kind: string;
    /** 'exceptions': what owners and deciders revoke. */
    items: string;
    /** 'ask for exceptions on': what only the owner group may. */
    ask: string;
    /** 'exceptions are': what the deciders decide. */
    decided: string;
    /** 'the approver groups': who else may revoke. */
    deciders: string;
    /** Why the one who asked may not approve. */
    selfApproval: string;
  };
  permissions: {
    request: ResourcePermission<'ml-project'>;
    revoke: ResourcePermission<'ml-project'>;
    decide: BasicPermission;
  };
  /** The setting that names the deciders. */
  decidersSetting: string;
}

/**
 * What one kind of request (a guardrail exception, a data grant) brings to
 * the request → approve/reject → revoke workflow: its words, permissions
 * and deciders, what makes a request wrong or the same as an open one, and
 * how the record is brought into AWS (the enforcer's SCPs, Lake Formation).
 */
export interface ApprovalPolicy<
  T extends ApprovalItem,
  Ask extends ApprovalAsk,
  Stored extends string,
> {
  /** What the kind is called, and what guards it (see APPROVAL_KINDS). */
  readonly kind: ApprovalKind;
  /** Who decides (and is told of new requests). */
  readonly deciderGroups: string[];
  /** The stored state an approval moves to (`approved`, `active`). */
  readonly approvedState: Stored;

  /** Refuses every request when the kind cannot be had here (no data lake). */
  available(): void;
  /** What is wrong with a request, in words; answered 400, nothing recorded. */
  problems(ask: Ask, now: Date): Promise<string[]>;
  /** Whether an open request asks for the same as `ask`. */
  sameAs(open: T, ask: Ask): boolean;
  /**
   * The kind's own fields of a new request; may read AWS (a data grant's
   * classification), before anything is recorded.
   */
  fieldsOf(
    ask: Ask,
    record: {
      project: string;
      accounts: Array<{ accountId: string; stage: string }>;
    },
  ): Record<string, unknown> | Promise<Record<string, unknown>>;
  /**
   * The request with what its approval depends on read again from AWS
   * right before it is applied (a data grant's classification), its stored
   * fields updated; `changed` says, in words, how it now asks more.
   */
  refresh?(item: T): Promise<{ item: T; changed?: string }>;
  /** How many different deciders approve before it is granted (1 unless said). */
  approvalsNeeded?(item: T): number;
  /** What AWS at this moment must let the account have ('A guardrail exception'). */
  what(subject: T | Ask): string;
  /** Whether a pending request is approved as soon as it is asked (self-service). */
  approvesOnRequest(item: T): boolean;
  /** Before an approval is recorded: refuses (nothing changed), or makes it so in AWS. */
  beforeApprove(item: T, now: Date): Promise<void>;
  /** Before a revocation is recorded: takes it back in AWS. */
  beforeRevoke(item: T): Promise<void>;
  /** After a decision is recorded: brings AWS in line with the record. */
  afterDecision(item: T, decision: ApprovalDecision): Promise<void>;
  /** What the audit trail says of a request. */
  detail(item: T): Record<string, unknown>;
  /** What the deciders are told of a new request. */
  requestNotice(item: T): ApprovalNotice | Promise<ApprovalNotice>;
  /** What the owner group is told of a decision. */
  decisionNotice(
    item: T,
    decision: ApprovalDecision,
    by: string,
    note?: string,
  ): ApprovalNotice | Promise<ApprovalNotice>;
}
