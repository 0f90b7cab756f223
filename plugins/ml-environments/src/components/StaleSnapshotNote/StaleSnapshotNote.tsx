import { WarningPanel } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import { StaleSection } from '@mlgov/plugin-ml-environments-common';

const SECTION_LABELS: Record<StaleSection['section'], string> = {
  tree: 'OUs and accounts',
  registration: 'Control Tower registration',
  tags: 'account tags',
  policies: 'SCPs',
  controls: 'Control Tower controls',
  compliance: 'AWS Config compliance',
  products: 'Service Catalog products',
};

/**
 * Says which parts of the status are older than the snapshot, because AWS
 * failed to give them at the last refresh, and why.
 */
export function StaleSnapshotNote({ stale }: { stale?: StaleSection[] }) {
  if (!stale?.length) return null;
  return (
    <Box mb={2}>
      <WarningPanel
        title={`Partly out of date: ${stale
          .map(s => SECTION_LABELS[s.section])
          .join(', ')}`}
      >
        {stale.map(s => (
          <div key={s.section}>
            {SECTION_LABELS[s.section]} as of{' '}
            {new Date(s.since).toLocaleString()}: the last refresh could not
            read them ({s.reason}).
          </div>
        ))}
      </WarningPanel>
    </Box>
  );
}
