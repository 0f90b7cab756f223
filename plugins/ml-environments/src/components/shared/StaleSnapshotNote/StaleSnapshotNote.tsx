import { InfoCard, WarningPanel } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import {
  SnapshotSection,
  StaleSection,
} from '@mlgov/plugin-ml-environments-common';

const SECTION_LABELS: Record<SnapshotSection, string> = {
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
 * failed to give them at the last refresh, and why; and, during a first
 * read, which parts are still being read.
 */
export function StaleSnapshotNote({
  stale,
  loading,
}: {
  stale?: StaleSection[];
  loading?: SnapshotSection[];
}) {
  if (!stale?.length && !loading?.length) return null;
  return (
    <Box mb={2}>
      {loading?.length ? (
        <Box mb={stale?.length ? 1 : 0}>
          <InfoCard title="The first read of the organization is under way">
            Still reading from AWS:{' '}
            {loading.map(section => SECTION_LABELS[section]).join(', ')}. What
            is shown has been read; guardrails that depend on the rest may show
            as missing until then.
          </InfoCard>
        </Box>
      ) : null}
      {stale?.length ? (
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
      ) : null}
    </Box>
  );
}
