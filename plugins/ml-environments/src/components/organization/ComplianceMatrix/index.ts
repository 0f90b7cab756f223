export { ComplianceMatrix } from './ComplianceMatrix';
