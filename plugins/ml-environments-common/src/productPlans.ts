import type { PlannedProduct, ProductInput, ProjectRequest } from './planTypes';
import { ProductAccountRole, ProductId } from './patterns';
import { AccountStage } from './schema/openapi/generated/models';

const account = (stage: AccountStage): ProductInput => ({
  from: 'account',
  stage,
});
const network = (
  field: 'vpcId' | 'subnetIds' | 'securityGroupIds',
): ProductInput => ({ from: 'network', field });
const output = (
  product: ProductId,
  stage: ProductAccountRole,
  name: string,
): ProductInput => ({ from: 'output', product, stage, output: name });

type Plan = Pick<PlannedProduct, 'parameters' | 'inputs'> & { name: string };

/**
 * How each product is launched for a project: the name of its provisioned
 * product (looked up before launching, so one per project and product in
 * an account), the parameters the request decides and those known at run
 * time. The tag parameters (ProjectName, CostCenter, Owner, Pattern, Stage)
 * are added by the planner.
 */
export const PRODUCT_PLANS: Record<
  ProductId,
  (request: ProjectRequest, stage: ProductAccountRole) => Plan
> = {
  'ml-sandbox-studio': request => ({
    name: `${request.project}-studio`,
    parameters: { DomainName: `${request.project}-sandbox` },
    inputs: { VpcId: network('vpcId'), SubnetIds: network('subnetIds') },
  }),
  'ml-studio-domain': request => ({
    name: `${request.project}-studio`,
    parameters: { DomainName: `${request.project}-dev` },
    inputs: {
      VpcId: network('vpcId'),
      SubnetIds: network('subnetIds'),
      SecurityGroupIds: network('securityGroupIds'),
    },
  }),
  'ml-model-registry': request => ({
    name: `${request.project}-model-registry`,
    parameters: {},
    inputs: {
      DevAccountId: account('dev'),
      AutomationAccountId: account('automation'),
    },
  }),
  'ml-model-build': request => ({
    name: `${request.project}-model-build`,
    parameters: {},
    inputs: {
      ModelPackageGroupArn: output(
        'ml-model-registry',
        'team-shared-services',
        'ModelPackageGroupArn',
      ),
      PreprodAccountId: account('preprod'),
      ProdAccountId: account('prod'),
      SubnetIds: network('subnetIds'),
      SecurityGroupIds: network('securityGroupIds'),
    },
  }),
  'ml-deploy-pipeline': request => ({
    name: `${request.project}-deploy-pipeline`,
    parameters: {
      ProdApprovalRequired: String(request.mlops?.prodApprovalRequired ?? true),
    },
    inputs: {
      PreprodAccountId: account('preprod'),
      ProdAccountId: account('prod'),
      ModelPackageGroupArn: output(
        'ml-model-registry',
        'team-shared-services',
        'ModelPackageGroupArn',
      ),
    },
  }),
  'ml-deployment-role': request => ({
    name: `${request.project}-deployment-role`,
    parameters: {},
    inputs: {
      PipelineRoleArn: output(
        'ml-deploy-pipeline',
        'automation',
        'PipelineRoleArn',
      ),
      ArtifactBucketName: output(
        'ml-deploy-pipeline',
        'automation',
        'ArtifactBucketName',
      ),
      ArtifactKeyArn: output(
        'ml-deploy-pipeline',
        'automation',
        'ArtifactKeyArn',
      ),
      ModelArtifactBucketName: output(
        'ml-model-build',
        'dev',
        'ArtifactBucketName',
      ),
    },
  }),
};

/** The product's plan with the tag parameters every product takes. */
export function planProduct(
  request: ProjectRequest,
  product: ProductId,
  stage: ProductAccountRole,
): PlannedProduct {
  const { name, parameters, inputs } = PRODUCT_PLANS[product](request, stage);
  return {
    product,
    stage,
    provisionedProductName: name,
    parameters: {
      ProjectName: request.project,
      CostCenter: request.costCenter,
      Owner: request.owner,
      Pattern: request.pattern,
      Stage: stage,
      ...parameters,
    },
    inputs,
  };
}

/**
 * The plan's products in launch waves: each wave's products take outputs
 * only of earlier waves, so a wave's products go side by side.
 *
 * @public
 */
export function productLaunchWaves(
  products: PlannedProduct[],
): PlannedProduct[][] {
  const key = (p: { product: string; stage: string }) =>
    `${p.product}@${p.stage}`;
  const waves: PlannedProduct[][] = [];
  const done = new Set<string>();
  let left = [...products];
  while (left.length) {
    const ready = left.filter(p =>
      Object.values(p.inputs).every(
        input => input.from !== 'output' || done.has(key(input)),
      ),
    );
    if (!ready.length) {
      throw new Error(
        `Products wait on outputs no product of the plan gives: ${left
          .map(key)
          .join(', ')}`,
      );
    }
    waves.push(ready);
    ready.forEach(p => done.add(key(p)));
    left = left.filter(p => !ready.includes(p));
  }
  return waves;
}
