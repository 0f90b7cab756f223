import { Entity } from '@backstage/catalog-model';
import { ML_PATTERN_ANNOTATION, ML_PROJECT_ANNOTATION } from './annotations';
import { isMlProjectEntity, readMlProjectAnnotations } from './project';

function system(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'churn', annotations },
  };
}

describe('readMlProjectAnnotations', () => {
  it('reads a project and its pattern', () => {
    const result = readMlProjectAnnotations(
      system({
        [ML_PROJECT_ANNOTATION]: 'churn-prediction',
        [ML_PATTERN_ANNOTATION]: 'mlops',
      }),
    );
    expect(result).toEqual({
      kind: 'project',
      ref: { project: 'churn-prediction', pattern: 'mlops' },
    });
  });

  it('says none for entities without the project annotation', () => {
    expect(readMlProjectAnnotations(system({}))).toEqual({ kind: 'none' });
    expect(isMlProjectEntity(system({}))).toBe(false);
  });

  it.each([
    ['Churn', /lowercase/],
    ['a', /3 to 30/],
    ['credit-risk-scoring-for-retail-1', /at most 30 characters/],
    ['churn-', /not ending with a hyphen/],
    ['9lives', /starting with a letter/],
  ])('rejects the project name %s', (project, message) => {
    const result = readMlProjectAnnotations(
      system({
        [ML_PROJECT_ANNOTATION]: project,
        [ML_PATTERN_ANNOTATION]: 'dev',
      }),
    );
    expect(result.kind).toBe('invalid');
    expect(result.kind === 'invalid' && result.message).toMatch(message);
  });

  it('names the allowed patterns when the pattern is wrong or missing', () => {
    const wrong = readMlProjectAnnotations(
      system({
        [ML_PROJECT_ANNOTATION]: 'churn',
        [ML_PATTERN_ANNOTATION]: 'prod',
      }),
    );
    expect(wrong).toEqual({
      kind: 'invalid',
      message: `Annotation ${ML_PATTERN_ANNOTATION} is 'prod'; set it to one of sandbox, dev, mlops`,
    });
    const missing = readMlProjectAnnotations(
      system({ [ML_PROJECT_ANNOTATION]: 'churn' }),
    );
    expect(missing.kind === 'invalid' && missing.message).toMatch(/missing/);
    expect(
      isMlProjectEntity(system({ [ML_PROJECT_ANNOTATION]: 'churn' })),
    ).toBe(true);
  });
});
