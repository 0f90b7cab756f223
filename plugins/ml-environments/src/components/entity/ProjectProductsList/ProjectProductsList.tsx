import Box from '@material-ui/core/Box';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { ProjectLayout } from '@mlgov/plugin-ml-environments-common';

type Product = ProjectLayout['products'][number];

// The suite launches a product's current version but never updates one
// already provisioned, so the way forward is the platform team's.
const UPDATE_HINT =
  'An administrator published a newer version of this product (template ml-platform-publish-products). New provisioning launches it; this provisioned product stays on its version until it is updated: ask your platform team to update it.';

function ProductVersion({ product }: { product: Product }) {
  if (!product.version) return null;
  const newer =
    product.latestVersion && product.latestVersion !== product.version;
  return (
    <>
      {' '}
      · version {product.version}
      {newer && (
        <Tooltip title={UPDATE_HINT}>
          <Typography component="span" variant="body2" color="secondary">
            {' '}
            · version {product.latestVersion} available: a newer version is
            published; ask your platform team to update this product
          </Typography>
        </Tooltip>
      )}
    </>
  );
}

/**
 * The Service Catalog products launched in a project's accounts: each one's
 * stage, status and version, and whether a newer version is published.
 */
export function ProjectProductsList({ layout }: { layout: ProjectLayout }) {
  if (layout.products.length === 0) return null;
  const stageOf = (accountId: string) =>
    layout.accounts.find(a => a.id === accountId)?.stage ?? accountId;
  return (
    <Box mt={2}>
      <Typography variant="subtitle2">Service Catalog products</Typography>
      {layout.products.map(product => (
        <Typography
          variant="body2"
          key={`${product.accountId}/${product.name}`}
        >
          {product.name} in {stageOf(product.accountId)}: {product.status}
          <ProductVersion product={product} />
        </Typography>
      ))}
    </Box>
  );
}
