/**
 * Input rules shared by the template forms, the scaffolder actions and the
 * backend routes, so that a value one layer accepts is never refused by the
 * next. The `*_PATTERN` strings are what the templates' JSON schemas carry
 * (a test keeps them equal); each validator returns a message saying what is
 * wrong and how to fix it, or undefined.
 */

/**
 * Project slug: it ends up in account names, tags and email aliases, and is
 * the ProjectName parameter of the ML platform products, whose
 * AllowedPattern takes at most 30 characters (`^[a-z][a-z0-9-]{2,29}$`).
 *
 * @public
 */
export const PROJECT_NAME_PATTERN = '^[a-z][a-z0-9-]{1,28}[a-z0-9]$';

/**
 * Cost center: an AWS tag value, narrowed to ASCII so that the browser's
 * form validation (no `u` flag) and AWS agree.
 *
 * @public
 */
export const COST_CENTER_PATTERN = '^[A-Za-z0-9 _.:/=+@-]{1,256}$';

/** A data-lake database name, as pattern 2's datasets are given. @public */
export const DATASET_NAME_PATTERN = '^[a-z0-9][a-z0-9_-]{0,254}$';

/** A catalog Group ref as templates and records hold it. @public */
export const GROUP_REF_PATTERN = '^group:[a-z0-9_.-]+/[a-z0-9_.-]+$';

/**
 * An email address AWS accepts for an account (and Budgets for an alert):
 * 6 to 64 ASCII characters, no quotes, brackets or ;:,|%& before the @, and a
 * domain of dotted labels of letters, digits and hyphens.
 *
 * @public
 */
export const EMAIL_ADDRESS_PATTERN =
  '^(?=.{6,64}$)[A-Za-z0-9!#$*+\\-/=?^_`{}~][A-Za-z0-9!#$*+\\-/=?^_`{}~.]*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$';

/** An AWS account id: twelve digits. @public */
export const ACCOUNT_ID_PATTERN = '^\\d{12}$';

const ACCOUNT_ID = new RegExp(ACCOUNT_ID_PATTERN);

/**
 * SageMaker's rule for a Studio user profile name; profiles are named after
 * user entities, and a user whose name breaks it gets none automatically.
 */
const STUDIO_PROFILE_NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;

/** Whether SageMaker accepts `name` as a Studio user profile name. @public */
export function isStudioProfileName(name: string): boolean {
  return STUDIO_PROFILE_NAME.test(name);
}

/** Whether a value is an AWS account id. @public */
export function isAccountId(value: unknown): value is string {
  return typeof value === 'string' && ACCOUNT_ID.test(value);
}

const PROJECT_NAME = new RegExp(PROJECT_NAME_PATTERN);
const COST_CENTER = new RegExp(COST_CENTER_PATTERN);
const GROUP_REF = new RegExp(GROUP_REF_PATTERN, 'i');
// Patterns from the Organizations API model, narrowed where AWS's own
// CreateAccount refuses more than its model says (quotes, brackets, non-ASCII).
const ACCOUNT_NAME = /^[\u0020-\u007E]{1,50}$/;
const EMAIL_ADDRESS = new RegExp(EMAIL_ADDRESS_PATTERN);
const TAG_CHARACTERS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/** @public */
export function validateProjectSlug(slug: string): string | undefined {
  if (typeof slug === 'string' && PROJECT_NAME.test(slug)) {
    return undefined;
  }
  return `'${slug}' is not a valid ML project name: use 3 to 30 lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen (e.g. demand-forecast); the ML platform products take project names of at most 30 characters`;
}

const DATASET_NAME = new RegExp(DATASET_NAME_PATTERN);

/** @public */
export function validateDatasetName(name: string): string | undefined {
  return typeof name === 'string' && DATASET_NAME.test(name)
    ? undefined
    : `'${name}' is not a data-lake database name: use lowercase letters, digits, _ and - (e.g. sales)`;
}

/** @public */
export function validateCostCenter(value: string): string | undefined {
  return typeof value === 'string' && COST_CENTER.test(value)
    ? undefined
    : `cost center '${
        value ?? ''
      }' must be 1 to 256 ASCII letters, digits, spaces and _.:/=+-@ (it becomes an AWS tag value)`;
}

/** @public */
export function validateGroupRef(ref: string): string | undefined {
  return typeof ref === 'string' && GROUP_REF.test(ref)
    ? undefined
    : `owner '${ref}' must be a group entity ref such as group:default/team-churn`;
}

/** @public */
export function validateAccountName(name: string): string | undefined {
  return typeof name === 'string' && ACCOUNT_NAME.test(name)
    ? undefined
    : `Account name '${name}' must be 1 to 50 printable ASCII characters`;
}

/** @public */
export function validateAccountEmail(email: string): string | undefined {
  return typeof email === 'string' && EMAIL_ADDRESS.test(email)
    ? undefined
    : `Account email '${email}' is not one AWS accepts: 6 to 64 ASCII characters, one @, no quotes, brackets or ;:,|%& before it, and a domain of letters, digits, dots and hyphens`;
}

/** AWS's tag rules (Organizations and Service Catalog alike). @public */
export function validateTags(tags: Record<string, string>): string[] {
  const problems: string[] = [];
  const entries = Object.entries(tags ?? {});
  if (entries.length > 50) {
    problems.push(`${entries.length} tags given; AWS allows at most 50`);
  }
  for (const [key, value] of entries) {
    if (key.length < 1 || key.length > 128 || !TAG_CHARACTERS.test(key)) {
      problems.push(
        `tag key '${key}' must be 1 to 128 letters, digits, spaces and _.:/=+-@`,
      );
    } else if (key.toLowerCase().startsWith('aws:')) {
      problems.push(`tag key '${key}' uses the prefix aws:, reserved by AWS`);
    }
    if (
      typeof value !== 'string' ||
      value.length > 256 ||
      !TAG_CHARACTERS.test(value)
    ) {
      problems.push(
        `tag '${key}' has a value that is not 0 to 256 letters, digits, spaces and _.:/=+-@`,
      );
    }
  }
  return problems;
}

/**
 * The rules a template's text field can name (`ui:options.rule` of the
 * MlTextField form field), so the form says in words what the actions
 * would refuse.
 *
 * @public
 */
export const FORM_TEXT_RULES = {
  'project-name': validateProjectSlug,
  'cost-center': validateCostCenter,
  'account-email': validateAccountEmail,
  dataset: validateDatasetName,
} as const;

/** @public */
export type FormTextRule = keyof typeof FORM_TEXT_RULES;
