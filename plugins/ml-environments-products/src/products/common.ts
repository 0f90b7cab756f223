import {
  App,
  CfnOutput,
  CfnParameter,
  CfnResource,
  DefaultStackSynthesizer,
  Stack,
  Tags,
  Validations,
  aws_servicecatalog as servicecatalog,
} from 'aws-cdk-lib';
import type { Construct, IConstruct } from 'constructs';
import type { ProductParameter, ProductStage } from '../manifest.ts';

export type { ProductParameter, ProductStage };

/**
 * The tag parameters every product takes, named after the suite's tag scheme
 * (`RESOURCE_TAG_KEYS` of the common package): the `require-cost-tags` SCP
 * denies SageMaker creates without `ml-project` and `cost-center`, so every
 * taggable resource carries them from these parameters.
 */
export const TAG_PARAMETERS: Record<string, string> = {
  'ml-project': 'ProjectName',
  'ml-pattern': 'Pattern',
  'ml-stage': 'Stage',
  'cost-center': 'CostCenter',
  owner: 'Owner',
};

/** The tag parameters' declarations for a product of the given patterns and stages. */
export function tagParameters(
  patterns: string[],
  stages: string[],
): ProductParameter[] {
  return [
    {
      name: 'ProjectName',
      type: 'String',
      description: 'The ML project (tag ml-project); lower case, 3-30 chars',
      allowedPattern: '^[a-z][a-z0-9-]{2,29}$',
      source: 'project',
    },
    {
      name: 'CostCenter',
      type: 'String',
      description: 'The cost center charged (tag cost-center)',
      allowedPattern: '^.{1,256}$',
      source: 'project',
    },
    {
      name: 'Owner',
      type: 'String',
      description: 'The owning team or person (tag owner)',
      allowedPattern: '^.{1,256}$',
      source: 'project',
    },
    {
      name: 'Pattern',
      type: 'String',
      description: 'The account pattern (tag ml-pattern)',
      default: patterns[0],
      allowedValues: patterns,
      source: 'pattern',
    },
    {
      name: 'Stage',
      type: 'String',
      description: 'The account stage (tag ml-stage)',
      default: stages[0],
      allowedValues: stages,
      source: 'account',
    },
  ];
}

const ACCOUNT_ID_PATTERN = '^\\d{12}$';

/** A 12-digit account id parameter. */
export function accountParameter(
  name: string,
  description: string,
): ProductParameter {
  return {
    name,
    type: 'String',
    description,
    allowedPattern: ACCOUNT_ID_PATTERN,
    source: 'account',
  };
}

/** The scope a product's resources are defined in, and its parameters' values. */
export interface ProductScope {
  app: App;
  stack: servicecatalog.ProductStack;
  param(name: string): CfnParameter;
}

/**
 * A ProductStack inside a throwaway parent stack: the product's template is
 * the ProductStack's alone (no assets, no bootstrap rule, no CDK metadata);
 * the parent only carries it and is never deployed.
 */
export function productScope(
  outdir: string,
  id: string,
  description: string,
  parameters: ProductParameter[],
): ProductScope {
  const app = new App({
    outdir,
    analyticsReporting: false,
    context: { 'aws:cdk:version-reporting': false },
  });
  const parent = new Stack(app, 'Publisher', {
    analyticsReporting: false,
    synthesizer: new DefaultStackSynthesizer({
      generateBootstrapVersionRule: false,
    }),
  });
  // The carrier is never deployed; CDK's own template check would warn that
  // it has no resources.
  acknowledge(
    parent,
    'CloudFormation-Validate::F0001',
    'The parent stack only carries the product stack and is never deployed',
  );
  const stack = new servicecatalog.ProductStack(parent, id, {
    description,
    analyticsReporting: false,
  });
  const params = new Map<string, CfnParameter>();
  for (const p of parameters) {
    params.set(
      p.name,
      new CfnParameter(stack, p.name, {
        type: p.type,
        description: p.description,
        default: p.default,
        allowedValues: p.allowedValues,
        allowedPattern: p.allowedPattern,
      }),
    );
  }
  const param = (name: string) => {
    const found = params.get(name);
    if (!found) throw new Error(`Product ${id} has no parameter ${name}`);
    return found;
  };
  for (const [key, name] of Object.entries(TAG_PARAMETERS)) {
    if (params.has(name)) Tags.of(stack).add(key, param(name).valueAsString);
  }
  return { app, stack, param };
}

/**
 * Acknowledges a cdk-nag rule on one construct. Each acknowledgment must
 * say why the rule does not apply; the reasons are kept in the manifest.
 */
export function acknowledge(
  scope: IConstruct,
  id: string,
  reason: string,
): void {
  if (reason.trim().length < 20) {
    throw new Error(`cdk-nag acknowledgment ${id} needs a real reason`);
  }
  Validations.of(scope).acknowledge({ id, reason });
}

/**
 * Acknowledges AwsSolutions-IAM5 for exactly the listed wildcards of one
 * policy (cdk-nag names each as `Resource::…` or `Action::…`), so a new
 * wildcard added later is still an error.
 */
export function acknowledgeWildcards(
  scope: IConstruct,
  reason: string,
  findings: string[],
): void {
  for (const finding of findings) {
    acknowledge(scope, `AwsSolutions-IAM5[${finding}]`, reason);
  }
}

/** Makes a resource exist only when a condition holds. */
export function onlyIf(
  condition: { logicalId: string } & IConstruct,
  ...resources: CfnResource[]
): void {
  for (const resource of resources) {
    resource.cfnOptions.condition = condition as any;
  }
}

/** Declares a product's outputs, in order: each name with its value and description. */
export function outputs(
  scope: Construct,
  entries: Array<[id: string, value: string, description: string]>,
): void {
  for (const [id, value, description] of entries) {
    new CfnOutput(scope, id, { value, description });
  }
}
