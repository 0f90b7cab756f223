import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import { GuardrailStatus } from '@mlgov/plugin-ml-environments-common';
import { MlProvisioningConfig } from '@mlgov/plugin-ml-environments-node';
import { ProjectCostService } from '../service/cost/ProjectCostService';
import { GuardrailExceptions } from '../service/approvals/exceptions/GuardrailExceptions';
import { ProjectRecords } from '../service/projects/ProjectRecords';
import { ProjectRegistry } from '../service/projects/ProjectRegistry';
import { ProductCheck } from '../service/status/ProductCheck';
import { GuardrailAssessmentService } from '../service/status/GuardrailAssessment';
import { StatusService } from '../service/status/StatusService';

/** What the plugin's actions read, the same services its routes use. */
export interface MlEnvironmentsActionDeps {
  status: StatusService;
  products: ProductCheck;
  assessment: GuardrailAssessmentService;
  projects: ProjectRegistry;
  records: ProjectRecords;
  exceptions: GuardrailExceptions;
  cost: ProjectCostService;
  permissions: PermissionsService;
  provisioning: MlProvisioningConfig;
}

/** Refuses unless the calling user holds the permission, as the routes do. */
export async function requirePermission(
  deps: Pick<MlEnvironmentsActionDeps, 'permissions'>,
  credentials: BackstageCredentials,
  permission: BasicPermission,
) {
  const [decision] = await deps.permissions.authorize([{ permission }], {
    credentials,
  });
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(`Not allowed: ${permission.name}`);
  }
}

/** The guardrails that do not hold, as the actions report them. */
export function problemsOf(guardrails: GuardrailStatus[]) {
  return guardrails
    .filter(g => g.state !== 'ok')
    .map(g => ({ guardrail: g.title, state: g.state, reason: g.reason }));
}
