import type { Handlers } from '../../context.ts';
import { portfoliosOperations } from './portfolios.ts';
import { productsOperations } from './products.ts';
import { sharesOperations } from './shares.ts';
import { provisioningOperations } from './provisioning.ts';
import { updatingOperations } from './updating.ts';
import { organizationsAccessOperations } from './organizationsAccess.ts';
import { artifactsOperations } from './artifacts.ts';
import { constraintsOperations } from './constraints.ts';

export {
  createPortfolio,
  createProduct,
  finishProvisioning,
  sharePortfolio,
  startProvisioning,
} from './shared.ts';
export { organizationShareRefusal } from './organizationsAccess.ts';

const groups = [
  portfoliosOperations,
  productsOperations,
  sharesOperations,
  provisioningOperations,
  updatingOperations,
  organizationsAccessOperations,
  artifactsOperations,
  constraintsOperations,
];

/** The operations that change state; every other one only reads. */
export const serviceCatalogMutations: ReadonlySet<string> = new Set(
  groups.flatMap(group => [...group.mutations]),
);

export function serviceCatalogHandlers(): Handlers {
  return Object.assign({}, ...groups.map(group => group.handlers));
}
