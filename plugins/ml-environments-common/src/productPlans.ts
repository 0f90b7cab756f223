import type { PlannedProduct, ProjectRequest } from './planner';
import { ProductKind } from './patterns';
import { AccountStage } from './schema/openapi/generated/models';

/** How each product is launched for a project: its name and parameters. */
export const PRODUCT_PLANS: Record<
  ProductKind,
  (request: ProjectRequest, stage: AccountStage) => PlannedProduct
> = {
  'sagemaker-studio-domain': (request, stage) => ({
    product: 'sagemaker-studio-domain',
    stage,
    provisionedProductName: `${request.project}-studio`,
    parameters: {
      DomainName: `${request.project}-${stage}`,
      ...(request.dev?.datasets?.length
        ? { DataLakeReadOnlyDatabases: request.dev.datasets.join(',') }
        : {}),
    },
  }),
  'mlops-pipeline': (request, stage) => ({
    product: 'mlops-pipeline',
    stage,
    provisionedProductName: `${request.project}-pipeline`,
    parameters: {
      PipelineName: `${request.project}-promotion`,
      ModelPackageGroupName: `${request.project}-models`,
      ProdApprovalRequired: String(request.mlops?.prodApprovalRequired ?? true),
    },
  }),
};
