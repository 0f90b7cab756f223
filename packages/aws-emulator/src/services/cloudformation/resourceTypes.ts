// The resource types the emulator's CloudFormation creates: for each, the
// properties it reads (any other fails the resource, as CloudFormation's
// schema validation does), the API call CloudFormation makes (which the
// organization's SCPs judge) and what creating it does to the emulator.
import type { ResourceType } from './resourceHelpers.ts';
import { IAM_TYPES } from './resourcesIam.ts';
import { SAGEMAKER_TYPES } from './resourcesSageMaker.ts';
import { STORAGE_TYPES } from './resourcesStorage.ts';

export type {
  CreatedResource,
  ResourceType,
  StackEnv,
} from './resourceHelpers.ts';

/** A resource that creates nothing (CDK's metadata, wait condition handles). */
const NOTHING: ResourceType = {
  serviceName: 'CloudFormation',
  properties: ['Analytics'],
  required: [],
  create: (_props, env, logicalId) => ({
    ref: `${env.stackId}/${logicalId}`,
    attributes: {},
    remove: () => undefined,
  }),
};

export const RESOURCE_TYPES: Record<string, ResourceType> = {
  ...SAGEMAKER_TYPES,
  ...IAM_TYPES,
  ...STORAGE_TYPES,
  'AWS::CDK::Metadata': NOTHING,
  'AWS::CloudFormation::WaitConditionHandle': { ...NOTHING, properties: [] },
};
