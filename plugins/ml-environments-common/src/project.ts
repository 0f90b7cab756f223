import { Entity } from '@backstage/catalog-model';
import { ML_PATTERN_ANNOTATION, ML_PROJECT_ANNOTATION } from './annotations';
import { ACCOUNT_PATTERNS, isAccountPatternId } from './patterns';
import { AccountPatternId } from './schema/openapi/generated/models';
import { validateProjectSlug } from './validation';

/** @public */
export interface MlProjectRef {
  project: string;
  pattern: AccountPatternId;
}

/**
 * What an entity's annotations say about its ML project: the project, nothing
 * (not an ML project), or why the annotations cannot be used.
 *
 * @public
 */
export type MlProjectAnnotations =
  | { kind: 'project'; ref: MlProjectRef }
  | { kind: 'none' }
  | { kind: 'invalid'; message: string };

/** @public */
export function readMlProjectAnnotations(entity: Entity): MlProjectAnnotations {
  const annotations = entity.metadata.annotations ?? {};
  const project = annotations[ML_PROJECT_ANNOTATION];
  if (project === undefined) {
    return { kind: 'none' };
  }
  const slugProblem = validateProjectSlug(project);
  if (slugProblem) {
    return {
      kind: 'invalid',
      message: `Annotation ${ML_PROJECT_ANNOTATION}: ${slugProblem}`,
    };
  }
  const pattern = annotations[ML_PATTERN_ANNOTATION];
  if (!isAccountPatternId(pattern)) {
    const allowed = ACCOUNT_PATTERNS.map(p => p.id).join(', ');
    return {
      kind: 'invalid',
      message:
        pattern === undefined
          ? `Annotation ${ML_PATTERN_ANNOTATION} is missing; set it to one of ${allowed}`
          : `Annotation ${ML_PATTERN_ANNOTATION} is '${pattern}'; set it to one of ${allowed}`,
    };
  }
  return { kind: 'project', ref: { project, pattern } };
}

/**
 * Whether the entity carries the ML project annotation, valid or not, so that
 * the entity page shows the plugin (and any annotation problem).
 *
 * @public
 */
export function isMlProjectEntity(entity: Entity): boolean {
  return Boolean(entity.metadata.annotations?.[ML_PROJECT_ANNOTATION]);
}
