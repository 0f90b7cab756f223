export { createEnsureOrganizationalUnitAction } from './ensureOrganizationalUnit';
