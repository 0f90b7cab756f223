import { TemplateActionOptions } from '@backstage/plugin-scaffolder-node';
import { ACCOUNT_STAGES } from '@mlgov/plugin-ml-environments-common';

// zod as the scaffolder hands it to an input's schema, without a dependency on zod.
type InputSchemas = NonNullable<
  NonNullable<TemplateActionOptions['schema']>['input']
>;
type Zod = Parameters<InputSchemas[string]>[0];

/** The `project` input of the project actions: its slug. */
export const projectSlug = (z: Zod) =>
  z.string().describe('Project slug, e.g. churn-prediction');

/** A `stage` input: one of a project's accounts, by its stage. */
export const accountStage = (description: string) => (z: Zod) =>
  z.enum(ACCOUNT_STAGES).describe(description);
