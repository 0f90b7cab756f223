// A template's Parameters: the values a launch gives, their defaults, and
// the checks CloudFormation makes of them, in CloudFormation's words.
import type { Template } from './template.ts';

const EC2_ID_TYPES = [
  'AWS::EC2::AvailabilityZone::Name',
  'AWS::EC2::Image::Id',
  'AWS::EC2::Instance::Id',
  'AWS::EC2::KeyPair::KeyName',
  'AWS::EC2::SecurityGroup::GroupName',
  'AWS::EC2::SecurityGroup::Id',
  'AWS::EC2::Subnet::Id',
  'AWS::EC2::Volume::Id',
  'AWS::EC2::VPC::Id',
  'AWS::Route53::HostedZone::Id',
];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The parameter types CloudFormation knows that the emulator resolves (no SSM). */
export const PARAMETER_TYPES: RegExp[] = [
  /^String$/,
  /^Number$/,
  /^List<Number>$/,
  /^CommaDelimitedList$/,
  new RegExp(`^(List<)?(${EC2_ID_TYPES.map(escape).join('|')})>?$`),
];

export type ParameterValue = string | string[];

/** How a given value of an AWS-specific type must look (`subnet-…`). */
const ID_PREFIX: Record<string, RegExp> = {
  'AWS::EC2::Subnet::Id': /^subnet-[0-9a-f]+$/,
  'AWS::EC2::SecurityGroup::Id': /^sg-[0-9a-f]+$/,
  'AWS::EC2::VPC::Id': /^vpc-[0-9a-f]+$/,
  'AWS::EC2::Image::Id': /^ami-[0-9a-f]+$/,
  'AWS::EC2::Instance::Id': /^i-[0-9a-f]+$/,
  'AWS::EC2::Volume::Id': /^vol-[0-9a-f]+$/,
};

function isList(type: string) {
  return type === 'CommaDelimitedList' || type.startsWith('List<');
}

function defaultOf(spec: Record<string, any>): string | undefined {
  if (spec.Default === undefined) return undefined;
  return Array.isArray(spec.Default)
    ? spec.Default.join(',')
    : String(spec.Default);
}

/** A list parameter's value as Service Catalog passes it: comma-separated. */
function listItems(raw: string): string[] {
  return raw === '' ? [] : raw.split(',').map(s => s.trim());
}

function checkOne(
  name: string,
  spec: Record<string, any>,
  value: string,
): string | undefined {
  const type = String(spec.Type);
  const item = type.replace(/^List<(.*)>$/, '$1');
  const constraint = spec.ConstraintDescription
    ? ` (${spec.ConstraintDescription})`
    : '';
  if (
    (item === 'Number' || type === 'Number') &&
    !Number.isFinite(Number(value))
  ) {
    return `Parameter '${name}' must be a number not '${value}'`;
  }
  const idPattern = ID_PREFIX[item];
  if (idPattern && !idPattern.test(value)) {
    return `Parameter value ${value} for parameter name ${name} does not exist (it must look like ${idPattern.source})`;
  }
  if (spec.AllowedValues && !spec.AllowedValues.map(String).includes(value)) {
    return `Parameter '${name}' must be one of AllowedValues${constraint}`;
  }
  if (
    spec.AllowedPattern &&
    !new RegExp(`^(?:${spec.AllowedPattern})$`).test(value)
  ) {
    return `Parameter '${name}' must match pattern ${spec.AllowedPattern}${constraint}`;
  }
  if (spec.MinLength !== undefined && value.length < Number(spec.MinLength)) {
    return `Parameter '${name}' must contain at least ${spec.MinLength} characters${constraint}`;
  }
  if (spec.MaxLength !== undefined && value.length > Number(spec.MaxLength)) {
    return `Parameter '${name}' must contain at most ${spec.MaxLength} characters${constraint}`;
  }
  if (spec.MinValue !== undefined && Number(value) < Number(spec.MinValue)) {
    return `Parameter '${name}' must be a number greater than or equal to ${spec.MinValue}${constraint}`;
  }
  if (spec.MaxValue !== undefined && Number(value) > Number(spec.MaxValue)) {
    return `Parameter '${name}' must be a number less than or equal to ${spec.MaxValue}${constraint}`;
  }
  return undefined;
}

/**
 * The parameters' values for a launch (given ones, else defaults), or
 * CloudFormation's refusal: unknown names, missing values, values outside
 * their constraints.
 */
export function resolveParameters(
  template: Template,
  given: Array<{ Key: string; Value?: string }>,
): { values: Record<string, ParameterValue>; problems: string[] } {
  const specs = template.Parameters ?? {};
  const problems: string[] = [];
  const unknown = given.map(p => p.Key).filter(k => !(k in specs));
  if (unknown.length) {
    problems.push(
      `Parameters: [${unknown.join(', ')}] do not exist in the template`,
    );
  }
  const byKey = new Map(given.map(p => [p.Key, p.Value ?? '']));
  const missing: string[] = [];
  const values: Record<string, ParameterValue> = {};
  for (const [name, spec] of Object.entries(specs)) {
    const raw = byKey.has(name) ? byKey.get(name)! : defaultOf(spec);
    if (raw === undefined) {
      missing.push(name);
      continue;
    }
    const type = String(spec.Type);
    const items = isList(type) ? listItems(raw) : [raw];
    for (const item of items) {
      const problem = checkOne(name, spec, item);
      if (problem) problems.push(problem);
    }
    values[name] = isList(type) ? items : raw;
  }
  if (missing.length)
    problems.unshift(`Parameters: [${missing.join(', ')}] must have values`);
  return { values, problems };
}

/** A template's Parameters as DescribeProvisioningParameters answers them. */
export function provisioningParametersOf(template: Template) {
  return Object.entries(template.Parameters ?? {}).map(([key, spec]) => ({
    ParameterKey: key,
    DefaultValue: spec.Default === undefined ? undefined : String(spec.Default),
    ParameterType: String(spec.Type),
    IsNoEcho: spec.NoEcho === true || spec.NoEcho === 'true',
    Description: spec.Description,
    ParameterConstraints: {
      AllowedValues: spec.AllowedValues?.map(String),
      AllowedPattern: spec.AllowedPattern,
      ConstraintDescription: spec.ConstraintDescription,
      MaxLength:
        spec.MaxLength === undefined ? undefined : String(spec.MaxLength),
      MinLength:
        spec.MinLength === undefined ? undefined : String(spec.MinLength),
      MaxValue: spec.MaxValue === undefined ? undefined : String(spec.MaxValue),
      MinValue: spec.MinValue === undefined ? undefined : String(spec.MinValue),
    },
  }));
}
