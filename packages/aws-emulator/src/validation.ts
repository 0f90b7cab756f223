import * as budgets from '@aws-sdk/client-budgets';
import * as config from '@aws-sdk/client-config-service';
import * as ce from '@aws-sdk/client-cost-explorer';
import * as organizations from '@aws-sdk/client-organizations';
import * as sagemaker from '@aws-sdk/client-sagemaker';
import * as servicecatalog from '@aws-sdk/client-service-catalog';
import * as sqs from '@aws-sdk/client-sqs';
import * as lakeformation from '@aws-sdk/client-lakeformation';
import * as ram from '@aws-sdk/client-ram';
import * as glue from '@aws-sdk/client-glue';
import { AwsError } from './errors.ts';
import { type ConstraintReason, checkConstraints } from './constraints.ts';

/**
 * Requests are checked against the operation schemas that the AWS SDK v3
 * clients ship (member names and types, required members, lists, maps and
 * nested structures), so a request AWS would refuse for its shape is refused
 * here too. Those schemas carry no lengths, patterns or enums: AWS's
 * published models add them (constraints.ts). Control Tower's only client on
 * the registry predates schemas, and STS speaks the Query protocol, whose
 * values are all strings: those two are checked against the models only.
 */
const SCHEMAS: Record<string, Record<string, unknown>> = {
  organizations,
  servicecatalog,
  sagemaker,
  budgets,
  ce,
  config,
  sqs,
  lakeformation,
  ram,
  glue,
};

/** The error each service answers for an invalid value, as its model names it. */
const VALIDATION_ERRORS: Record<
  string,
  (path: string, problem: string, reason?: ConstraintReason) => AwsError
> = {
  organizations: (path, problem, reason) =>
    new AwsError('InvalidInputException', `${path} ${problem}.`, {
      fields: {
        Reason:
          reason ??
          (problem.startsWith('must not be null')
            ? 'INPUT_REQUIRED'
            : 'INVALID_INPUT'),
      },
    }),
  servicecatalog: (path, problem) =>
    new AwsError('InvalidParametersException', `${path} ${problem}.`),
  budgets: (path, problem) =>
    new AwsError('InvalidParameterException', `${path} ${problem}.`),
  sagemaker: (path, problem) => validationException(path, problem),
  config: (path, problem) => validationException(path, problem),
  ce: (path, problem) => validationException(path, problem),
  controltower: (path, problem) => validationException(path, problem),
  sqs: (path, problem) =>
    new AwsError('InvalidParameterValue', `${path} ${problem}.`),
  lakeformation: (path, problem) =>
    new AwsError('InvalidInputException', `${path} ${problem}.`),
  ram: (path, problem) =>
    new AwsError('InvalidParameterException', `${path} ${problem}.`),
  glue: (path, problem) =>
    new AwsError('InvalidInputException', `${path} ${problem}.`),
  sts: (path, problem) => queryValidationError(path, problem),
  iam: (path, problem) => queryValidationError(path, problem),
  kms: (path, problem) => validationException(path, problem),
  codepipeline: (path, problem) => validationException(path, problem),
  s3: (path, problem) => new AwsError('InvalidArgument', `${path} ${problem}.`),
};

function queryValidationError(path: string, problem: string) {
  return new AwsError(
    'ValidationError',
    `1 validation error detected: Value at '${path}' failed to satisfy constraint: Member ${problem}`,
  );
}

function validationException(path: string, problem: string) {
  return new AwsError(
    'ValidationException',
    `1 validation error detected: Value at '${path}' failed to satisfy constraint: Member ${problem}`,
  );
}

// Simple schema codes of @smithy/core's schema serde.
const STRING = 0;
const BOOLEAN = 2;
const NUMERIC = new Set([1, 17, 19]);
const TIMESTAMPS = new Set([4, 5, 6, 7]);
const BLOB = new Set([21, 42]);
const DOCUMENT = 15;
const LIST_MODIFIER = 64;
const MAP_MODIFIER = 128;

type Shape =
  | { kind: 'string' | 'boolean' | 'number' | 'timestamp' | 'blob' | 'any' }
  | { kind: 'list'; member: unknown }
  | { kind: 'map'; value: unknown }
  | {
      kind: 'structure';
      members: string[];
      memberSchemas: unknown[];
      required: number;
    };

/** Decodes one schema reference (lazy, numeric, wrapped or composite). */
function shapeOf(schema: unknown): Shape {
  const s = typeof schema === 'function' ? schema() : schema;
  if (typeof s === 'number') {
    if (s === STRING) return { kind: 'string' };
    if (s === BOOLEAN) return { kind: 'boolean' };
    if (NUMERIC.has(s)) return { kind: 'number' };
    if (TIMESTAMPS.has(s)) return { kind: 'timestamp' };
    if (BLOB.has(s)) return { kind: 'blob' };
    if (s === DOCUMENT) return { kind: 'any' };
    if (s >= MAP_MODIFIER) return { kind: 'map', value: s - MAP_MODIFIER };
    if (s >= LIST_MODIFIER) return { kind: 'list', member: s - LIST_MODIFIER };
    return { kind: 'any' };
  }
  if (!Array.isArray(s)) return { kind: 'any' };
  // A member entry: [schema, member traits].
  if (s.length === 2) return shapeOf(s[0]);
  switch (s[0]) {
    case 0:
      return shapeOf(s[4]); // a named simple schema, e.g. Email
    case 1:
      return { kind: 'list', member: s[4] };
    case 2:
      return { kind: 'map', value: s[5] };
    case 3:
    case -3:
      return {
        kind: 'structure',
        members: s[4] ?? [],
        memberSchemas: s[5] ?? [],
        required: typeof s[6] === 'number' ? s[6] : 0,
      };
    default:
      return { kind: 'any' };
  }
}

const isPlainObject = (v: unknown) =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Where a value breaks its schema, as [path, problem], or undefined. */
function check(
  value: unknown,
  schema: unknown,
  path: string,
): [string, string, 'type' | 'value'] | undefined {
  const shape = shapeOf(schema);
  switch (shape.kind) {
    case 'string':
      return typeof value === 'string'
        ? undefined
        : [path, 'must be a string', 'type'];
    case 'boolean':
      return typeof value === 'boolean'
        ? undefined
        : [path, 'must be a boolean', 'type'];
    case 'number':
      return typeof value === 'number' && Number.isFinite(value)
        ? undefined
        : [path, 'must be a number', 'type'];
    case 'timestamp':
      return typeof value === 'number' || typeof value === 'string'
        ? undefined
        : [path, 'must be a timestamp', 'type'];
    case 'blob':
      return typeof value === 'string'
        ? undefined
        : [path, 'must be base64 text', 'type'];
    case 'list':
      if (!Array.isArray(value)) return [path, 'must be a list', 'type'];
      for (const [i, item] of value.entries()) {
        const problem = check(item, shape.member, `${path}.${i + 1}.member`);
        if (problem) return problem;
      }
      return undefined;
    case 'map':
      if (!isPlainObject(value)) return [path, 'must be a map', 'type'];
      for (const [key, item] of Object.entries(value as object)) {
        const problem = check(item, shape.value, `${path}.${key}`);
        if (problem) return problem;
      }
      return undefined;
    case 'structure': {
      if (!isPlainObject(value)) return [path, 'must be a structure', 'type'];
      const record = value as Record<string, unknown>;
      for (const [i, name] of shape.members.entries()) {
        const member = record[name];
        const memberPath = path ? `${path}.${name}` : name;
        if (member === undefined || member === null) {
          if (i < shape.required) {
            return [memberPath, 'must not be null', 'value'];
          }
          continue;
        }
        const problem = check(member, shape.memberSchemas[i], memberPath);
        if (problem) return problem;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/** Whether the emulator checks requests of this service against a model. */
export function hasRequestSchema(service: string, operation: string) {
  return Boolean(SCHEMAS[service]?.[`${operation}$`]);
}

/**
 * Throws the AWS error for a request that does not fit its operation:
 * SerializationException for a wrong type (as AWS's JSON protocols answer),
 * the service's validation error for a missing member (from the SDK's
 * schema) or a value outside its model's lengths, patterns, enums or ranges
 * (from AWS's published model, see constraints.ts).
 */
export function validateRequest(
  service: string,
  operation: string,
  input: unknown,
) {
  const op = SCHEMAS[service]?.[`${operation}$`] as unknown[] | undefined;
  const problem = op && check(input ?? {}, op[4], '');
  if (problem) {
    const [path, message, kind] = problem;
    if (kind === 'type') {
      throw new AwsError(
        'SerializationException',
        `${path || 'The request'} ${message}.`,
      );
    }
    throw VALIDATION_ERRORS[service](path, message);
  }
  const violation = checkConstraints(service, operation, input);
  if (violation) {
    throw VALIDATION_ERRORS[service](
      violation.path,
      violation.problem,
      violation.reason,
    );
  }
}
