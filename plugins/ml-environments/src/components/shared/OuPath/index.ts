export { BreakableIds, OuPath } from './OuPath';
