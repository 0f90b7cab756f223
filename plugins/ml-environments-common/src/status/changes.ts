import type {
  OrganizationSnapshot,
  SnapshotAccount,
  SnapshotCompliance,
  SnapshotControl,
  SnapshotOu,
  SnapshotPolicy,
  SnapshotProduct,
} from './snapshot';
import { isAccountId } from '../validation';

/**
 * A part of the organization that an AWS event says has changed, to be read
 * again instead of the whole organization. `operationId` / `recordId` name
 * AWS's asynchronous work the change waits for.
 *
 * @public
 */
export type SnapshotChange =
  | { kind: 'account'; accountId: string }
  | { kind: 'policy'; policyId: string }
  | { kind: 'tree' }
  | { kind: 'controls'; ouArn: string; operationId?: string }
  | { kind: 'registration'; operationId?: string }
  | { kind: 'compliance'; accountId: string }
  | { kind: 'products'; accountId: string; recordId?: string };

/**
 * What reading the changed parts gave. Entries without a value are gone
 * from the organization.
 *
 * @public
 */
export interface SnapshotPatch {
  readAt: string;
  /** OUs and account placement, when the OU structure changed. */
  tree?: {
    ous: Array<Omit<SnapshotOu, 'controlTower'>>;
    accounts: Array<Omit<SnapshotAccount, 'tags'>>;
  };
  accounts: Array<{ id: string; account?: SnapshotAccount }>;
  policies: Array<{ id: string; policy?: SnapshotPolicy }>;
  /**
   * The SCPs attached directly to accounts (and to OUs new to the snapshot,
   * or gone from it) read again: each listed policy targets the account or
   * OU, no other does (a new account's or OU's FullAWSAccess).
   */
  accountPolicies: Array<{ accountId: string; policyIds: string[] }>;
  controls: Array<{ ouId: string; controls: SnapshotControl[] }>;
  registration?: {
    landingZone?: OrganizationSnapshot['landingZone'];
    byOu: Record<string, NonNullable<SnapshotOu['controlTower']>>;
  };
  compliance: Array<{ accountId: string; compliance: SnapshotCompliance[] }>;
  products: Array<{ accountId: string; products: SnapshotProduct[] }>;
  /** Changes whose asynchronous work AWS has not finished: read again later. */
  unsettled: SnapshotChange[];
}

/** @public */
export function emptySnapshotPatch(readAt: string): SnapshotPatch {
  return {
    readAt,
    accounts: [],
    policies: [],
    accountPolicies: [],
    controls: [],
    compliance: [],
    products: [],
    unsettled: [],
  };
}

type Json = Record<string, any>;

function organizationsChanges(detail: Json): SnapshotChange[] {
  const request: Json = detail.requestParameters ?? {};
  const response: Json = detail.responseElements ?? {};
  const account = (id: unknown): SnapshotChange[] =>
    isAccountId(id) ? [{ kind: 'account', accountId: id }] : [];
  const policy = (id: unknown): SnapshotChange[] =>
    typeof id === 'string' && id ? [{ kind: 'policy', policyId: id }] : [];
  switch (detail.eventName) {
    case 'TagResource':
    case 'UntagResource':
      // Only accounts' tags are in the snapshot.
      return account(request.resourceId);
    case 'MoveAccount':
    case 'CloseAccount':
    case 'RemoveAccountFromOrganization':
    case 'UpdateAccountName':
      return account(request.accountId);
    case 'CreateAccountResult':
    case 'CloseAccountResult': {
      const status = detail.serviceEventDetails?.createAccountStatus ?? {};
      return account(status.accountId ?? detail.serviceEventDetails?.accountId);
    }
    case 'AttachPolicy':
    case 'DetachPolicy':
    case 'UpdatePolicy':
    case 'DeletePolicy':
      return policy(request.policyId);
    case 'CreatePolicy':
      return policy(response.policy?.policySummary?.id);
    case 'CreateOrganizationalUnit':
    case 'UpdateOrganizationalUnit':
    case 'DeleteOrganizationalUnit':
    case 'AcceptHandshake':
      return [{ kind: 'tree' }];
    default:
      return [];
  }
}

function controlTowerChanges(detail: Json): SnapshotChange[] {
  const request: Json = detail.requestParameters ?? {};
  const operationId: string | undefined =
    detail.responseElements?.operationIdentifier;
  switch (detail.eventName) {
    case 'EnableControl':
    case 'DisableControl':
    case 'ResetEnabledControl':
    case 'UpdateEnabledControl':
      return typeof request.targetIdentifier === 'string'
        ? [
            {
              kind: 'controls',
              ouArn: request.targetIdentifier,
              ...(operationId ? { operationId } : {}),
            },
          ]
        : [];
    case 'EnableBaseline':
    case 'DisableBaseline':
    case 'ResetEnabledBaseline':
    case 'UpdateEnabledBaseline':
      return [
        { kind: 'registration', ...(operationId ? { operationId } : {}) },
      ];
    case 'CreateLandingZone':
    case 'UpdateLandingZone':
    case 'ResetLandingZone':
      return [{ kind: 'registration' }];
    default:
      return [];
  }
}

function serviceCatalogChanges(event: Json): SnapshotChange[] {
  const detail: Json = event.detail;
  const accountId = detail.recipientAccountId ?? event.account;
  if (!isAccountId(accountId)) return [];
  switch (detail.eventName) {
    case 'ProvisionProduct':
    case 'UpdateProvisionedProduct':
    case 'TerminateProvisionedProduct': {
      const recordId = detail.responseElements?.recordDetail?.recordId;
      return [
        { kind: 'products', accountId, ...(recordId ? { recordId } : {}) },
      ];
    }
    default:
      return [];
  }
}

/**
 * What an event from the organization's EventBridge rule (CloudTrail API
 * calls and service events, Config's compliance changes) asks to read again;
 * none for events the snapshot does not depend on.
 *
 * @public
 */
export function changesFromAwsEvent(event: unknown): SnapshotChange[] {
  if (!event || typeof event !== 'object') return [];
  const { source, detail } = event as Json;
  const detailType = (event as Json)['detail-type'];
  if (!detail || typeof detail !== 'object') return [];
  if (
    source === 'aws.config' &&
    detailType === 'Config Rules Compliance Change'
  ) {
    return isAccountId(detail.awsAccountId)
      ? [{ kind: 'compliance', accountId: detail.awsAccountId }]
      : [];
  }
  // A failed call changed nothing.
  if (detail.errorCode) return [];
  switch (source) {
    case 'aws.organizations':
      return organizationsChanges(detail);
    case 'aws.controltower':
      return controlTowerChanges(detail);
    case 'aws.servicecatalog':
      return serviceCatalogChanges(event as Json);
    default:
      return [];
  }
}

/** One key per part to read, so a burst of events reads each part once. @public */
export function snapshotChangeKey(change: SnapshotChange): string {
  switch (change.kind) {
    case 'account':
    case 'compliance':
      return `${change.kind}:${change.accountId}`;
    case 'products':
      return `products:${change.accountId}:${change.recordId ?? ''}`;
    case 'policy':
      return `policy:${change.policyId}`;
    case 'controls':
      return `controls:${change.ouArn}:${change.operationId ?? ''}`;
    case 'registration':
      return `registration:${change.operationId ?? ''}`;
    default:
      return change.kind;
  }
}

/** The OU id at the end of an OU's ARN. @public */
export function ouIdOfArn(arn: string): string {
  return arn.split('/').pop() ?? arn;
}
