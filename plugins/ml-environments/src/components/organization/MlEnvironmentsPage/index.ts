export { MlEnvironmentsPage } from './MlEnvironmentsPage';
