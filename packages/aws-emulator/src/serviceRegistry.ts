// The services the emulator serves and which of their operations change
// state, kept apart from the HTTP server so tests and docs checks can read
// the table without starting one.
import type { Handlers } from './context.ts';
import { budgetsHandlers, budgetsMutations } from './services/budgets/index.ts';
import { configHandlers, configMutations } from './services/config/index.ts';
import {
  costExplorerHandlers,
  costExplorerMutations,
} from './services/costexplorer/index.ts';
import {
  controlTowerHandlers,
  controlTowerMutations,
} from './services/controltower/index.ts';
import {
  organizationsHandlers,
  organizationsMutations,
} from './services/organizations/index.ts';
import {
  sageMakerHandlers,
  sageMakerMutations,
} from './services/sagemaker/index.ts';
import {
  serviceCatalogHandlers,
  serviceCatalogMutations,
} from './services/servicecatalog/index.ts';
import { stsHandlers, stsMutations } from './services/sts/index.ts';
import {
  lakeFormationHandlers,
  lakeFormationMutations,
  ramHandlers,
  ramMutations,
} from './services/lakeformation/index.ts';
import { iamHandlers, iamMutations } from './services/iam/index.ts';
import { sqsHandlers, sqsMutations } from './services/sqs/index.ts';
import { glueHandlers, glueMutations } from './services/glue/index.ts';
import { s3Handlers, s3Mutations } from './services/s3/index.ts';
import { kmsHandlers, kmsMutations } from './services/kms/index.ts';
import {
  codePipelineHandlers,
  codePipelineMutations,
} from './services/codepipeline/index.ts';

/** The operations served, by signing name. */
export const SERVICES: Record<string, Handlers> = {
  organizations: organizationsHandlers(),
  controltower: controlTowerHandlers(),
  config: configHandlers(),
  servicecatalog: serviceCatalogHandlers(),
  sagemaker: sageMakerHandlers(),
  budgets: budgetsHandlers(),
  ce: costExplorerHandlers(),
  sts: stsHandlers(),
  iam: iamHandlers(),
  sqs: sqsHandlers(),
  lakeformation: lakeFormationHandlers(),
  ram: ramHandlers(),
  glue: glueHandlers(),
  s3: s3Handlers(),
  kms: kmsHandlers(),
  codepipeline: codePipelineHandlers(),
};

/** What each service declares as changing state, by signing name. */
export const MUTATIONS: Record<string, ReadonlySet<string>> = {
  organizations: organizationsMutations,
  controltower: controlTowerMutations,
  config: configMutations,
  servicecatalog: serviceCatalogMutations,
  sagemaker: sageMakerMutations,
  budgets: budgetsMutations,
  ce: costExplorerMutations,
  sts: stsMutations,
  iam: iamMutations,
  sqs: sqsMutations,
  lakeformation: lakeFormationMutations,
  ram: ramMutations,
  glue: glueMutations,
  s3: s3Mutations,
  kms: kmsMutations,
  codepipeline: codePipelineMutations,
};

/** Whether a `service:Operation` changes state (for "nothing changed" checks). */
export function isMutatingOperation(key: string): boolean {
  const [service, operation] = key.split(':');
  return MUTATIONS[service]?.has(operation ?? '') ?? false;
}

export function mutatingOnly(counts: Record<string, number>) {
  return Object.fromEntries(
    Object.entries(counts).filter(([key]) => isMutatingOperation(key)),
  );
}
