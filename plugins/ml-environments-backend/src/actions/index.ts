import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { registerAssessProjectGuardrailsAction } from './assessProjectGuardrails';
import { registerCheckProductTemplateAction } from './checkProductTemplate';
import { MlEnvironmentsActionDeps } from './deps';
import { registerExplainAccountPermissionAction } from './explainAccountPermission';
import { registerGetOrganizationStatusAction } from './getOrganizationStatus';
import { registerGetProjectCostAction } from './getProjectCost';
import { registerGetProjectStatusAction } from './getProjectStatus';
import { registerListGuardrailExceptionsAction } from './listGuardrailExceptions';
import { registerPlanProjectAction } from './planProject';

/**
 * The plugin's actions in Backstage's actions registry (exposed to agents
 * over MCP by `@backstage/plugin-mcp-actions-backend`). All only read; each
 * checks the calling user's permission as the matching route does. No
 * mutating action is registered.
 */
export function registerMlEnvironmentsActions(
  registry: ActionsRegistryService,
  deps: MlEnvironmentsActionDeps,
) {
  registerGetOrganizationStatusAction(registry, deps);
  registerGetProjectStatusAction(registry, deps);
  registerGetProjectCostAction(registry, deps);
  registerExplainAccountPermissionAction(registry, deps);
  registerPlanProjectAction(registry, deps);
  registerListGuardrailExceptionsAction(registry, deps);
  registerCheckProductTemplateAction(registry, deps);
  registerAssessProjectGuardrailsAction(registry, deps);
}
