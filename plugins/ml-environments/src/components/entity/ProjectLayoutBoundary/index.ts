export { ProjectLayoutBoundary } from './ProjectLayoutBoundary';
