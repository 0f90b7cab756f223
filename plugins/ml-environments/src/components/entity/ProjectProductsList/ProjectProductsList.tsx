import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  ProjectLayout,
  mlProjectProductsUpdatePermission,
} from '@mlgov/plugin-ml-environments-common';
import { mlEnvironmentsApiRef } from '../../../api';

type Product = ProjectLayout['products'][number];

// New provisioning launches the current version; a product already
// provisioned moves to it only when an administrator updates it.
const UPDATE_HINT =
  'An administrator published a newer version of this product (template ml-platform-publish-products). New provisioning launches it; this provisioned product stays on its version until it is updated: ask your platform team to update it.';

/**
 * An administrator's update of one product to the latest version. The
 * backend decides again (permission, the account's guardrails); the button
 * only follows the permission.
 */
function UpdateButton({
  project,
  product,
}: {
  project: string;
  product: Product;
}) {
  const api = useApi(mlEnvironmentsApiRef);
  const [state, setState] = useState<{
    busy?: boolean;
    done?: string;
    problem?: string;
  }>({});
  const update = async () => {
    setState({ busy: true });
    try {
      const result = await api.updateProjectProduct(
        project,
        product.accountId,
        product.name,
      );
      setState({
        done: result.updated
          ? `updated to ${result.toVersion}; the page shows it after the next refresh`
          : `already on ${result.toVersion}`,
      });
    } catch (error) {
      setState({ problem: (error as Error).message });
    }
  };
  if (state.done) return <> · {state.done}</>;
  return (
    <>
      {' '}
      <Button
        size="small"
        variant="outlined"
        disabled={state.busy}
        onClick={update}
      >
        {state.busy
          ? `Updating to ${product.latestVersion}…`
          : `Update to ${product.latestVersion}`}
      </Button>
      {state.problem && (
        <Typography component="span" variant="body2" color="error" role="alert">
          {state.problem}
        </Typography>
      )}
    </>
  );
}

function ProductVersion({
  project,
  product,
  mayUpdate,
}: {
  project: string;
  product: Product;
  mayUpdate: boolean;
}) {
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
      {newer && mayUpdate && (
        <UpdateButton project={project} product={product} />
      )}
    </>
  );
}

/**
 * The Service Catalog products launched in a project's accounts: each one's
 * stage, status and version, and whether a newer version is published (with
 * an update button for those who may update products).
 */
export function ProjectProductsList({ layout }: { layout: ProjectLayout }) {
  const { allowed: mayUpdate } = usePermission({
    permission: mlProjectProductsUpdatePermission,
  });
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
          <ProductVersion
            project={layout.project}
            product={product}
            mayUpdate={mayUpdate}
          />
        </Typography>
      ))}
    </Box>
  );
}
