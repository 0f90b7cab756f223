import type {
  ProductParameter,
  ProductScope,
  ProductStage,
} from './products/common.ts';
import {
  defineDeployPipeline,
  deployPipelineParameters,
} from './products/deployPipeline.ts';
import {
  defineDeploymentRole,
  deploymentRoleParameters,
} from './products/deploymentRole.ts';
import {
  defineModelBuild,
  modelBuildParameters,
} from './products/modelBuild.ts';
import { defineRegistry, registryParameters } from './products/registry.ts';
import { defineStudio, studioParameters } from './products/studio.ts';

/** A Service Catalog product of the ML platform, defined with AWS CDK. @public */
export interface ProductDefinition {
  /** Stable id: the product's name in Service Catalog and its template file. */
  id: string;
  name: string;
  description: string;
  /** Semantic version; a new one becomes a new provisioning artifact. */
  version: string;
  /** The account patterns whose projects launch it. */
  patterns: string[];
  /** The account stages (account roles) it is launched in. */
  stages: ProductStage[];
  parameters: ProductParameter[];
  /** The outputs the template gives. */
  outputs: string[];
  /** Defines the product's resources in its stack. */
  define(scope: ProductScope): void;
}

/** What both Studio products answer with (defineStudio's outputs). */
const STUDIO_OUTPUTS = [
  'DomainId',
  'DomainArn',
  'DomainUrl',
  'KmsKeyArn',
  'ExecutionRoleArn',
  'StudioUserPolicyArn',
];

/** The ML platform's products. @public */
export const PRODUCTS: readonly ProductDefinition[] = [
  {
    id: 'ml-studio-domain',
    name: 'ML Studio domain',
    description:
      "SageMaker Studio domain in VPC-only mode in the account's subnets, volumes encrypted with its own KMS key, IAM auth, per-user isolation",
    version: '1.0.0',
    patterns: ['dev', 'mlops'],
    stages: ['dev'],
    parameters: studioParameters(true),
    outputs: STUDIO_OUTPUTS,
    define: scope => defineStudio(scope, true),
  },
  {
    id: 'ml-sandbox-studio',
    name: 'ML sandbox Studio',
    description:
      'SageMaker Studio domain with internet access and no corporate network, for the sandbox pattern',
    version: '1.0.0',
    patterns: ['sandbox'],
    stages: ['sandbox'],
    parameters: studioParameters(false),
    outputs: STUDIO_OUTPUTS,
    define: scope => defineStudio(scope, false),
  },
  {
    id: 'ml-model-build',
    name: 'ML model-build pipeline',
    description:
      'SageMaker Pipelines model-build pipeline (process, train, register into the shared registry) with its role and KMS-encrypted artifact bucket',
    version: '1.0.0',
    patterns: ['mlops'],
    stages: ['dev'],
    parameters: modelBuildParameters(),
    outputs: [
      'PipelineName',
      'PipelineExecutionRoleArn',
      'ArtifactBucketName',
      'ArtifactKeyArn',
    ],
    define: defineModelBuild,
  },
  {
    id: 'ml-model-registry',
    name: 'ML model registry',
    description:
      'SageMaker model package group whose resource policy lets the dev account register and the automation account read',
    version: '1.0.0',
    patterns: ['mlops'],
    stages: ['team-shared-services'],
    parameters: registryParameters(),
    outputs: ['ModelPackageGroupName', 'ModelPackageGroupArn'],
    define: defineRegistry,
  },
  {
    id: 'ml-deploy-pipeline',
    name: 'ML deploy pipeline',
    description:
      'CodePipeline that deploys the endpoint stack to preprod, waits for a manual approval when asked, then deploys to prod; KMS-encrypted artifacts only the targets can read',
    version: '1.0.0',
    patterns: ['mlops'],
    stages: ['automation'],
    parameters: deployPipelineParameters(),
    outputs: [
      'PipelineName',
      'PipelineRoleArn',
      'ArtifactBucketName',
      'ArtifactKeyArn',
    ],
    define: defineDeployPipeline,
  },
  {
    id: 'ml-deployment-role',
    name: 'ML deployment role',
    description:
      "Roles the deploy pipeline deploys through: trusted only by the pipeline's role, allowed only the project's endpoint stack",
    version: '1.0.0',
    patterns: ['mlops'],
    stages: ['preprod', 'prod'],
    parameters: deploymentRoleParameters(),
    outputs: ['DeploymentRoleArn', 'ExecutionRoleArn', 'ModelExecutionRoleArn'],
    define: defineDeploymentRole,
  },
];
