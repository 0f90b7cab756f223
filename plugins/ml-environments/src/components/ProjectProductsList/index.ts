export { ProjectProductsList } from './ProjectProductsList';
