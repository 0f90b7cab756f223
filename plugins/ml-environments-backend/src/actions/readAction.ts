import {
  ActionsRegistryActionOptions,
  ActionsRegistryService,
} from '@backstage/backend-plugin-api/alpha';
import {
  PROJECT_NAME_PATTERN,
  mlEnvironmentsStatusReadPermission,
} from '@mlgov/plugin-ml-environments-common';

// zod's types as the registry takes them, without a dependency on zod.
type AnyOptions = Parameters<ActionsRegistryService['register']>[0];
type AnyZodObject = ReturnType<AnyOptions['schema']['input']>;
type Zod = Parameters<AnyOptions['schema']['input']>[0];

/** Every action here only reads, and answers the same until AWS changes. */
export const READ_ONLY = {
  readOnly: true,
  idempotent: true,
  destructive: false,
} as const;

/**
 * Registers one of the plugin's read-only actions. It is listed only to
 * users who may read the status unless it names a stricter permission, so
 * an action cannot be listed to everyone by leaving the permission out.
 */
export function registerReadAction<
  TInput extends AnyZodObject,
  TOutput extends AnyZodObject,
>(
  registry: ActionsRegistryService,
  options: Omit<ActionsRegistryActionOptions<TInput, TOutput>, 'attributes'>,
) {
  registry.register<TInput, TOutput>({
    visibilityPermission: mlEnvironmentsStatusReadPermission,
    ...options,
    attributes: READ_ONLY,
  });
}

/** A project name as the routes take it, e.g. churn-prediction. */
export const projectName = (z: Zod) =>
  z.string().regex(new RegExp(PROJECT_NAME_PATTERN));

/** The input of an action about one project: its name. */
export const projectInput = (z: Zod) =>
  z.object({
    project: projectName(z).describe('The project name, e.g. churn-prediction'),
  });
