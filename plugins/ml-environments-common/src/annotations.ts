/**
 * Catalog annotation naming the ML project a System (and its accounts) belong
 * to. The value is the project slug written as the `ml-project` tag on every
 * AWS account provisioned for it.
 *
 * @public
 */
export const ML_PROJECT_ANNOTATION = 'ml-environments.io/project';

/**
 * Catalog annotation naming the account pattern a project was provisioned
 * with: `sandbox`, `dev` or `mlops`.
 *
 * @public
 */
export const ML_PATTERN_ANNOTATION = 'ml-environments.io/pattern';
