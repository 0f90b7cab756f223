import { Entity } from '@backstage/catalog-model';
import {
  ML_PROJECT_ANNOTATION,
  OrganizationAccount,
  SUSPENDED_OU_PATH,
} from '@mlgov/plugin-ml-environments-common';

/** What an account entity is made of: an account of GET /organization. */
export type AccountOfView = Pick<
  OrganizationAccount,
  'id' | 'name' | 'ouPath'
> &
  Partial<
    Pick<
      OrganizationAccount,
      'owner' | 'project' | 'stage' | 'status' | 'managed'
    >
  >;

export const ACCOUNT_ID_ANNOTATION = 'ml-environments.io/account-id';
export const OU_PATH_ANNOTATION = 'ml-environments.io/ou-path';
export const STAGE_ANNOTATION = 'ml-environments.io/stage';
/** `true` for accounts of a project in the suite's record, else `false`. */
export const MANAGED_ANNOTATION = 'ml-environments.io/managed';
const LOCATION = 'ml-environments:organization';

/** Every account of the OU tree, depth first. */
export function accountsOf<T extends AccountOfView>(node: {
  accounts: T[];
  children: Array<{ accounts: T[]; children: unknown[] }>;
}): T[] {
  return [
    ...node.accounts,
    ...node.children.flatMap(child => accountsOf(child as typeof node)),
  ];
}

/**
 * `retired` in the Suspended OU (where offboarding moves a project's
 * accounts), `suspended` when AWS closed it (it stays SUSPENDED in the
 * organization for 90 days), else `production`.
 */
function lifecycleOf(account: AccountOfView) {
  if (account.ouPath === SUSPENDED_OU_PATH) return 'retired';
  return account.status === 'SUSPENDED' ? 'suspended' : 'production';
}

/**
 * A `Resource` of type `aws-account` per account, owned by its project's
 * owner in the suite's record or else the default owner, and part of its
 * project's System only when the record knows the project. Project and
 * stage come from the record alone: a tag is the claim of anyone who can
 * tag the account (the organization view shows it, marked as a claim), and
 * the project annotation puts the project's ML cards on the entity's page.
 * So an entity is whole once the OU tree is read, without every account's
 * tags (1,000 accounts: 33 s instead of 255 s at AWS's rates).
 */
export function accountEntity(
  view: AccountOfView,
  defaultOwner: string,
): Entity {
  const account = view.managed
    ? view
    : { ...view, project: undefined, stage: undefined };
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: `aws-account-${account.id}`,
      title: account.name,
      description: account.project
        ? `The ${account.stage ?? ''} AWS account of ${
            lifecycleOf(account) === 'retired' ? 'retired ' : ''
          }ML project ${account.project}`.replace('  ', ' ')
        : `AWS account in ${account.ouPath || 'the root'}`,
      annotations: {
        'backstage.io/managed-by-location': LOCATION,
        'backstage.io/managed-by-origin-location': LOCATION,
        [ACCOUNT_ID_ANNOTATION]: account.id,
        [OU_PATH_ANNOTATION]: account.ouPath || 'Root',
        [MANAGED_ANNOTATION]: String(account.managed ?? false),
        ...(account.stage ? { [STAGE_ANNOTATION]: account.stage } : {}),
        ...(account.project
          ? { [ML_PROJECT_ANNOTATION]: account.project }
          : {}),
      },
      tags: ['aws-account', ...(account.stage ? [account.stage] : [])],
    },
    spec: {
      type: 'aws-account',
      lifecycle: lifecycleOf(account),
      // Only the suite's record names owners; anyone could write a tag.
      owner: (account.managed && account.owner) || defaultOwner,
      ...(account.managed && account.project
        ? { system: account.project }
        : {}),
    },
  };
}
