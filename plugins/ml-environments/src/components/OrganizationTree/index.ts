export { OrganizationTree } from './OrganizationTree';
