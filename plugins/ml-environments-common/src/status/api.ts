import { MlProjectRecord } from '../projectRecord';
import { ScpDecision } from '../evaluation/evaluate';
import { GuardrailState, GuardrailStatus } from './guardrailStatus';
import {
  OrganizationSnapshot,
  SnapshotSection,
  StaleSection,
} from './snapshot';

/** An account as GET /projects/{project} describes it. @public */
export interface ProjectLayoutAccount {
  id: string;
  name: string;
  stage?: string;
  ouPath: string;
  /**
   * Control Tower's hold on the account, from its OU: whether the OU is
   * registered, and whether accounts moved into it wait to be enrolled.
   */
  controlTower?: { ouRegistered: boolean; enrolmentPending: boolean };
  /** Where the account's tags say it belongs, when that differs it is misplaced. */
  expectedOuPath?: string;
  state: GuardrailState;
  guardrails: GuardrailStatus[];
  effectivePermissions: Array<ScpDecision & { check: string; label: string }>;
}

/** A refresh of the snapshot and how far it got: GET /refresh/{id}. @public */
export interface RefreshProgress {
  id: string;
  state: 'running' | 'succeeded' | 'failed';
  startedAt: string;
  finishedAt?: string;
  /** Sections not read yet, in the order they will be read. */
  loading: SnapshotSection[];
  /** The snapshot it produced. */
  takenAt?: string;
  /** Why it failed. */
  error?: string;
}

/** The answer of GET /projects/{project}. @public */
export interface ProjectLayout {
  project: string;
  takenAt: string;
  /** When the whole organization was last read, if earlier than `takenAt` (events since). */
  reconciledAt?: string;
  /** Sections of the snapshot kept from an earlier one because AWS failed. */
  stale?: StaleSection[];
  /** Sections a first read has not reached yet. */
  loading?: SnapshotSection[];
  pattern?: string;
  /** Control Tower's landing zone; absent when the Region has none. */
  landingZone?: OrganizationSnapshot['landingZone'];
  accounts: ProjectLayoutAccount[];
  products: Array<{ accountId: string; name: string; status: string }>;
  /** The suite's record of the project; absent when it is known only from AWS tags. */
  record?: Pick<MlProjectRecord, 'owner' | 'pattern' | 'origin'>;
}

/** An account in the organization view. @public */
export interface OrganizationAccount {
  id: string;
  name: string;
  parentId: string;
  ouPath: string;
  owner?: string;
  project?: string;
  pattern?: string;
  stage?: string;
  state: GuardrailState;
  /** The account's status in AWS Organizations, e.g. SUSPENDED after closing. */
  status?: string;
  /**
   * Whether it belongs to a project in the suite's record; an account of
   * another team, or one only tagged with a project, is not.
   */
  managed: boolean;
}

/** An OU (or the root) with its own guardrails and what sits below it. @public */
export interface OrganizationNode {
  id: string;
  name: string;
  /** `''` for the root. */
  path: string;
  /** The worst state of the OU's own guardrails, its accounts and children. */
  state: GuardrailState;
  /** The guardrails the baseline expects on this OU itself. */
  guardrails: GuardrailStatus[];
  /** Control Tower's hold on the OU, when the snapshot knows it (not for the root). */
  controlTower?: { registered: boolean; unenrolledAccounts: boolean };
  accounts: OrganizationAccount[];
  children: OrganizationNode[];
}

/** The answer of GET /organization. @public */
export interface OrganizationView {
  takenAt: string;
  /** When the whole organization was last read, if earlier than `takenAt` (events since). */
  reconciledAt?: string;
  /** Sections of the snapshot kept from an earlier one because AWS failed. */
  stale?: StaleSection[];
  /** Sections a first read has not reached yet. */
  loading?: SnapshotSection[];
  organizationId: string;
  /** Control Tower's landing zone; absent when the Region has none. */
  landingZone?: OrganizationSnapshot['landingZone'];
  root: OrganizationNode;
}
