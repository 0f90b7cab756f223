import {
  InfoCard,
  Table,
  TableColumn,
  WarningPanel,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import {
  getAccountPattern,
  PatternAccount,
  readMlProjectAnnotations,
} from '@mlgov/plugin-ml-environments-common';
import { TABLE_OPTIONS } from '../../shared/tableOptions';

const accountColumns: TableColumn<PatternAccount>[] = [
  { title: 'Stage', field: 'stage' },
  { title: 'Organizational unit', field: 'ouPath' },
  { title: 'Purpose', field: 'purpose' },
];

/**
 * Summary of an ML project's environment: its account pattern and the
 * accounts that pattern gives it, read from the entity's annotations.
 *
 * @public
 */
export function MlEnvironmentSummaryCard() {
  const { entity } = useEntity();
  const annotations = readMlProjectAnnotations(entity);

  if (annotations.kind === 'none') {
    return (
      <InfoCard title="ML environment">
        <Typography variant="body2">
          This entity is not an ML project: it has no ML environment
          annotations.
        </Typography>
      </InfoCard>
    );
  }

  if (annotations.kind === 'invalid') {
    return (
      <WarningPanel
        title="ML environment annotations cannot be read"
        message={annotations.message}
      />
    );
  }

  const { project, pattern: patternId } = annotations.ref;
  const pattern = getAccountPattern(patternId);
  return (
    <InfoCard
      title="ML environment"
      subheader={`Project ${project} · Pattern ${pattern.number}: ${pattern.title}`}
      noPadding
    >
      <Typography variant="body2" style={{ padding: 16 }}>
        {pattern.summary}
      </Typography>
      <Table<PatternAccount>
        columns={accountColumns}
        data={pattern.accounts}
        options={{
          ...TABLE_OPTIONS,
          paging: false,
          search: false,
          toolbar: false,
        }}
      />
    </InfoCard>
  );
}
