export { ProjectSpendTable } from './ProjectSpendTable';
