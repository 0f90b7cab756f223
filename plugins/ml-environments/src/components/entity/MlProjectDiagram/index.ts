export { MlProjectDiagram } from './MlProjectDiagram';
