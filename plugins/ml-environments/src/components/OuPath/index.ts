export { OuPath } from './OuPath';
