import {
  mlEnvironmentsDataAccessApprovePermission,
  mlEnvironmentsExceptionApprovePermission,
  mlProjectDataAccessRequestPermission,
  mlProjectDataAccessRevokePermission,
  mlProjectExceptionRequestPermission,
  mlProjectExceptionRevokePermission,
} from '@mlgov/plugin-ml-environments-common';
import { ApprovalKind } from './ApprovalPolicy';

/**
 * The two kinds of request side by side: what each is called in messages
 * and the audit trail, the permissions that guard it, and the setting that
 * names its deciders.
 */
export const APPROVAL_KINDS = {
  exception: {
    audit: 'exception',
    words: {
      item: 'Exception',
      kind: 'guardrail exception',
      items: 'exceptions',
      ask: 'ask for exceptions on',
      decided: 'exceptions are',
      deciders: 'the approver groups',
      selfApproval:
        'An exception is approved by someone other than the one who asked for it',
    },
    permissions: {
      request: mlProjectExceptionRequestPermission,
      revoke: mlProjectExceptionRevokePermission,
      decide: mlEnvironmentsExceptionApprovePermission,
    },
    decidersSetting: 'mlEnvironments.exceptions.approverGroups',
  },
  dataGrant: {
    audit: 'data',
    words: {
      item: 'Data grant',
      kind: 'data grant',
      items: 'data grants',
      ask: 'ask for data access for',
      decided: 'data access is',
      deciders: 'the data owner groups',
      selfApproval:
        'Data access is approved by a data owner other than the one who asked for it',
    },
    permissions: {
      request: mlProjectDataAccessRequestPermission,
      revoke: mlProjectDataAccessRevokePermission,
      decide: mlEnvironmentsDataAccessApprovePermission,
    },
    decidersSetting: 'mlEnvironments.dataLake.ownerGroups',
  },
} satisfies Record<string, ApprovalKind>;
