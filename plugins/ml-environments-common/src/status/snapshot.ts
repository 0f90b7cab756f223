import {
  SnapshotSection,
  StaleSection,
} from '../schema/openapi/generated/models';
/**
 * What the backend knows about the organization at one moment: read from
 * AWS by the status backend, evaluated here without AWS.
 */

/** @public */
export interface SnapshotOu {
  id: string;
  arn: string;
  name: string;
  parentId: string;
  /** Names from the root down, e.g. `Workloads/Workloads_Dev`. */
  path: string;
  /**
   * Control Tower's hold on the OU: registered (AWSControlTowerBaseline
   * enabled), and whether accounts moved in since wait to be enrolled.
   * Absent when the snapshot could not tell.
   */
  controlTower?: { registered: boolean; unenrolledAccounts: boolean };
}

/** @public */
export interface SnapshotAccount {
  id: string;
  name: string;
  email: string;
  parentId: string;
  tags: Record<string, string>;
  /** ACTIVE, SUSPENDED…; absent in snapshots taken before it was read. */
  status?: string;
}

/** @public */
export interface SnapshotPolicy {
  id: string;
  name: string;
  awsManaged: boolean;
  content: string;
  /** Root, OU and account ids it is attached to directly. */
  targets: string[];
}

/** @public */
export interface SnapshotControl {
  controlId: string;
  /** OU the control is enabled on. */
  ouId: string;
  status: 'SUCCEEDED' | 'UNDER_CHANGE' | 'FAILED';
  driftStatus: 'DRIFTED' | 'IN_SYNC' | 'NOT_CHECKING' | 'UNKNOWN';
}

/** AWS Config's verdict on a detective control's rule in one account. @public */
export interface SnapshotCompliance {
  accountId: string;
  controlId: string;
  compliance: 'COMPLIANT' | 'NON_COMPLIANT' | 'INSUFFICIENT_DATA';
  nonCompliantResources: number;
}

/** @public */
export interface SnapshotProduct {
  accountId: string;
  name: string;
  status: string;
  outputs: Record<string, string>;
  /** The name (semantic version) of the provisioning artifact it was launched from. */
  version?: string;
  /**
   * The version provisioning launches now (the newest not deprecated);
   * differs from `version` when a newer one was published since.
   */
  latestVersion?: string;
  /**
   * The product's resources as AWS reports them now, in CloudFormation's
   * terms, so that their conformance with the account's SCPs is judged.
   */
  resources?: SnapshotResource[];
  /** Kept from an earlier read because reading this account failed. */
  stale?: { reason: string; since: string };
}

/** A launched resource read back, e.g. a Studio domain. @public */
export interface SnapshotResource {
  /** The template's logical id, e.g. `StudioDomain`. */
  logicalId: string;
  /** CloudFormation's type, e.g. `AWS::SageMaker::Domain`. */
  type: string;
  physicalId: string;
  /** The properties that decide conformance, as the template would set them. */
  properties: Record<string, unknown>;
}

/** The parts of a snapshot in the order they are read; each is read (and, when AWS fails, kept) on its own. @public */
export const SNAPSHOT_SECTIONS = [
  'tree',
  'registration',
  'tags',
  'policies',
  'controls',
  'compliance',
  'products',
] as const satisfies readonly SnapshotSection[];

/** @public */
export interface OrganizationSnapshot {
  /** When it was last brought up to date, by a full read or by events. */
  takenAt: string;
  /** When the whole organization was last read; absent when that is `takenAt`. */
  reconciledAt?: string;
  /**
   * Sections a first read has not reached yet: the snapshot is published
   * stage by stage, and these are empty until then.
   */
  loading?: SnapshotSection[];
  organizationId: string;
  rootId: string;
  ous: SnapshotOu[];
  accounts: SnapshotAccount[];
  policies: SnapshotPolicy[];
  controls: SnapshotControl[];
  compliance: SnapshotCompliance[];
  products: SnapshotProduct[];
  /** Sections kept from an earlier snapshot because AWS failed this time. */
  stale?: StaleSection[];
  /** Why the detective controls' compliance could not be read, if so. */
  complianceUnavailable?: string;
  /** Control Tower's landing zone; absent when the Region has none. */
  landingZone?: { arn: string; version: string; drifted: boolean };
}
