import { Entity } from '@backstage/catalog-model';

/** An account as GET /organization lists it. */
export interface OrganizationAccount {
  id: string;
  name: string;
  ouPath: string;
  owner?: string;
  project?: string;
  stage?: string;
}

export const ACCOUNT_ID_ANNOTATION = 'ml-environments.io/account-id';
export const OU_PATH_ANNOTATION = 'ml-environments.io/ou-path';
export const STAGE_ANNOTATION = 'ml-environments.io/stage';
const LOCATION = 'ml-environments:organization';

/** Every account of the OU tree, depth first. */
export function accountsOf(node: {
  accounts: OrganizationAccount[];
  children: any[];
}): OrganizationAccount[] {
  return [...node.accounts, ...node.children.flatMap(accountsOf)];
}

/**
 * A `Resource` of type `aws-account` per account, in its project's System
 * when its tags name one, owned by the group its tags name or the default.
 */
export function accountEntity(
  account: OrganizationAccount,
  defaultOwner: string,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: `aws-account-${account.id}`,
      title: account.name,
      description: account.project
        ? `The ${account.stage ?? ''} AWS account of ML project ${
            account.project
          }`.replace('  ', ' ')
        : `AWS account in ${account.ouPath || 'the root'}`,
      annotations: {
        'backstage.io/managed-by-location': LOCATION,
        'backstage.io/managed-by-origin-location': LOCATION,
        [ACCOUNT_ID_ANNOTATION]: account.id,
        [OU_PATH_ANNOTATION]: account.ouPath || 'Root',
        ...(account.stage ? { [STAGE_ANNOTATION]: account.stage } : {}),
        ...(account.project
          ? { 'ml-environments.io/project': account.project }
          : {}),
      },
      tags: ['aws-account', ...(account.stage ? [account.stage] : [])],
    },
    spec: {
      type: 'aws-account',
      lifecycle: 'production',
      owner: account.owner ?? defaultOwner,
      ...(account.project ? { system: account.project } : {}),
    },
  };
}
