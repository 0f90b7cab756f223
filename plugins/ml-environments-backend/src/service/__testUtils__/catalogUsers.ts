import { Entity, RELATION_MEMBER_OF } from '@backstage/catalog-model';

/**
 * The catalog's User entities for `{ userRef: groupRefs }`, each with its
 * groups as the memberOf relations the catalog derives from spec.memberOf:
 * who is a member of what now, as the suite reads it of an earlier
 * approver (a sign-in's groups may be older).
 */
export function catalogUsers(members: Record<string, string[]>): Entity[] {
  return Object.entries(members).map(([ref, groups]) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: ref.split('/')[1], namespace: 'default' },
    spec: { memberOf: groups },
    relations: groups.map(targetRef => ({
      type: RELATION_MEMBER_OF,
      targetRef,
    })),
  }));
}
