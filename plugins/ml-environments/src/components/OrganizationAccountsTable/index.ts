export { OrganizationAccountsTable } from './OrganizationAccountsTable';
