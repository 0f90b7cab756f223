export { StatusErrorState } from './StatusErrorState';
