export { createEnsureOrganizationalUnitAction } from './ensureOrganizationalUnit';
export { createCreateAccountAction } from './createAccount';
export { createAttachPoliciesAction } from './attachPolicies';
export { createEnableControlsAction } from './enableControls';
export { createShareProductsAction } from './shareProducts';
export { createProvisionProductAction } from './provisionProduct';
export { createCreateBudgetAction } from './createBudget';
export { createProvisionProjectAction } from './provisionProject';
export type { AwsMlActionDeps } from './deps';
