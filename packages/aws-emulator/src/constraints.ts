import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * AWS's own service models, as botocore publishes them (Debian's
 * python3-botocore, which scripts/setup.sh installs with apt): the lengths,
 * patterns, enums and numeric ranges that the AWS SDK v3 clients' schemas
 * leave out. `AWS_EMULATOR_MODELS_DIR` points elsewhere.
 */
export const DEFAULT_MODELS_DIR =
  '/usr/lib/python3/dist-packages/botocore/data';

/** The emulator's service names, by botocore's. */
const MODEL_NAMES: Record<string, string> = {
  organizations: 'organizations',
  servicecatalog: 'servicecatalog',
  budgets: 'budgets',
  ce: 'ce',
  sagemaker: 'sagemaker',
  config: 'config',
  sts: 'sts',
  iam: 'iam',
  controltower: 'controltower',
  sqs: 'sqs',
  lakeformation: 'lakeformation',
  ram: 'ram',
  glue: 'glue',
  s3: 's3',
  kms: 'kms',
  codepipeline: 'codepipeline',
};

interface ModelShape {
  type: string;
  min?: number;
  max?: number;
  pattern?: string;
  enum?: string[];
  member?: { shape: string };
  key?: { shape: string };
  value?: { shape: string };
  members?: Record<string, { shape: string }>;
  required?: string[];
}

interface ServiceModel {
  version: string;
  operations: Record<string, { input?: { shape: string } }>;
  shapes: Record<string, ModelShape>;
}

export type ConstraintReason =
  | 'INPUT_REQUIRED'
  | 'MIN_LENGTH_EXCEEDED'
  | 'MAX_LENGTH_EXCEEDED'
  | 'INVALID_PATTERN'
  | 'INVALID_ENUM'
  | 'MIN_VALUE_EXCEEDED'
  | 'MAX_VALUE_EXCEEDED'
  | 'INVALID_INPUT';

/** A value that breaks its model's constraint. */
export interface ConstraintProblem {
  path: string;
  problem: string;
  reason: ConstraintReason;
}

let models: Map<string, ServiceModel> | undefined;

/**
 * Members that the installed (older) models require and AWS's current API
 * no longer does, by `service:Shape`. ListEnabledControls lists the whole
 * organization's controls without a target (current SDK models mark
 * targetIdentifier optional).
 */
const NO_LONGER_REQUIRED: Record<string, string[]> = {
  'controltower:ListEnabledControlsInput': ['targetIdentifier'],
};

function loadModel(dir: string, name: string): ServiceModel | undefined {
  const serviceDir = join(dir, name);
  if (!existsSync(serviceDir)) return undefined;
  // The newest API version is the one the SDK clients speak.
  const [version] = readdirSync(serviceDir).sort().reverse();
  const file = join(serviceDir, version, 'service-2.json');
  if (!version || !existsSync(file)) return undefined;
  const { operations, shapes } = JSON.parse(readFileSync(file, 'utf8'));
  for (const [key, members] of Object.entries(NO_LONGER_REQUIRED)) {
    const [service, shapeName] = key.split(':');
    const shape = shapes[shapeName];
    if (service === name && shape?.required) {
      shape.required = shape.required.filter(
        (member: string) => !members.includes(member),
      );
    }
  }
  return { version, operations, shapes };
}

/** The models found, by service; loaded once. */
export function serviceModels(): Map<string, ServiceModel> {
  if (!models) {
    const dir = process.env.AWS_EMULATOR_MODELS_DIR ?? DEFAULT_MODELS_DIR;
    models = new Map();
    for (const [service, name] of Object.entries(MODEL_NAMES)) {
      const model = loadModel(dir, name);
      if (model) models.set(service, model);
    }
  }
  return models;
}

const patterns = new Map<string, RegExp | null>();

/**
 * A model's pattern as a JavaScript regular expression; null for the few
 * written in Java syntax JavaScript lacks, which are then not checked.
 * Smithy patterns are not anchored: the model anchors those that must be.
 */
function regexOf(pattern: string): RegExp | null {
  if (!patterns.has(pattern)) {
    try {
      patterns.set(pattern, new RegExp(pattern, 'u'));
    } catch {
      patterns.set(pattern, null);
    }
  }
  return patterns.get(pattern)!;
}

const NUMBER_TYPES = new Set(['integer', 'long', 'double', 'float']);

function checkShape(
  value: unknown,
  shapeName: string,
  model: ServiceModel,
  path: string,
): ConstraintProblem | undefined {
  const shape = model.shapes[shapeName];
  if (!shape || value === undefined || value === null) return undefined;
  const fail = (problem: string, reason: ConstraintReason) => ({
    path,
    problem,
    reason,
  });
  if (shape.type === 'string' && typeof value === 'string') {
    const length = [...value].length;
    if (shape.enum && !shape.enum.includes(value)) {
      return fail(
        `must satisfy enum value set: [${shape.enum.join(', ')}]`,
        'INVALID_ENUM',
      );
    }
    if (shape.min !== undefined && length < shape.min) {
      return fail(
        `must have length greater than or equal to ${shape.min}`,
        'MIN_LENGTH_EXCEEDED',
      );
    }
    if (shape.max !== undefined && length > shape.max) {
      return fail(
        `must have length less than or equal to ${shape.max}`,
        'MAX_LENGTH_EXCEEDED',
      );
    }
    const regex = shape.pattern ? regexOf(shape.pattern) : null;
    if (regex && !regex.test(value)) {
      return fail(
        `must satisfy regular expression pattern: ${shape.pattern}`,
        'INVALID_PATTERN',
      );
    }
    return undefined;
  }
  if (NUMBER_TYPES.has(shape.type)) {
    // Query protocol values (STS) arrive as text.
    const number = typeof value === 'string' ? Number(value) : value;
    if (typeof number !== 'number' || Number.isNaN(number)) return undefined;
    if (shape.min !== undefined && number < shape.min) {
      return fail(
        `must have value greater than or equal to ${shape.min}`,
        'MIN_VALUE_EXCEEDED',
      );
    }
    if (shape.max !== undefined && number > shape.max) {
      return fail(
        `must have value less than or equal to ${shape.max}`,
        'MAX_VALUE_EXCEEDED',
      );
    }
    return undefined;
  }
  // The JSON protocols' types are checked against the SDK's schemas first;
  // Query protocol text (an empty list arrives as '') is caught here.
  if (shape.type === 'list' && !Array.isArray(value)) {
    return fail('must be a list', 'INVALID_INPUT');
  }
  if (
    shape.type === 'structure' &&
    (typeof value !== 'object' || Array.isArray(value))
  ) {
    return fail('must be a structure', 'INVALID_INPUT');
  }
  if (shape.type === 'list' && Array.isArray(value)) {
    if (shape.min !== undefined && value.length < shape.min) {
      return fail(
        `must have length greater than or equal to ${shape.min}`,
        'MIN_LENGTH_EXCEEDED',
      );
    }
    if (shape.max !== undefined && value.length > shape.max) {
      return fail(
        `must have length less than or equal to ${shape.max}`,
        'MAX_LENGTH_EXCEEDED',
      );
    }
    for (const [i, item] of value.entries()) {
      const problem = checkShape(
        item,
        shape.member!.shape,
        model,
        `${path}.${i + 1}.member`,
      );
      if (problem) return problem;
    }
    return undefined;
  }
  if (shape.type === 'map' && typeof value === 'object') {
    const entries = Object.entries(value as object);
    if (shape.max !== undefined && entries.length > shape.max) {
      return fail(
        `must have length less than or equal to ${shape.max}`,
        'MAX_LENGTH_EXCEEDED',
      );
    }
    for (const [key, item] of entries) {
      const problem =
        checkShape(key, shape.key!.shape, model, `${path}.${key}`) ??
        checkShape(item, shape.value!.shape, model, `${path}.${key}`);
      if (problem) return problem;
    }
    return undefined;
  }
  if (shape.type === 'structure' && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const missing = (shape.required ?? []).find(
      name => record[name] === undefined || record[name] === null,
    );
    if (missing) {
      return {
        path: path ? `${path}.${missing}` : missing,
        problem: 'must not be null',
        reason: 'INPUT_REQUIRED',
      };
    }
    for (const [name, member] of Object.entries(shape.members ?? {})) {
      const problem = checkShape(
        (value as Record<string, unknown>)[name],
        member.shape,
        model,
        path ? `${path}.${name}` : name,
      );
      if (problem) return problem;
    }
  }
  return undefined;
}

/**
 * The first value of a request that breaks its operation's model
 * (required members, lengths, patterns, enums, numeric ranges, list
 * sizes), or undefined;
 * undefined too when no model of the operation is installed.
 */
export function checkConstraints(
  service: string,
  operation: string,
  input: unknown,
): ConstraintProblem | undefined {
  const model = serviceModels().get(service);
  const inputShape = model?.operations[operation]?.input?.shape;
  if (!model || !inputShape) return undefined;
  return checkShape(input ?? {}, inputShape, model, '');
}

/** Whether the installed models know the operation. */
export function hasConstraintModel(service: string, operation: string) {
  return Boolean(serviceModels().get(service)?.operations[operation]);
}
