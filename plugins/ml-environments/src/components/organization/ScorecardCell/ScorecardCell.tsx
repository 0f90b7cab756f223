import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import PassedIcon from '@material-ui/icons/CheckCircle';
import FailedIcon from '@material-ui/icons/Error';
import { MlScorecardResult } from '../../../api';

/**
 * One entity's scorecard in a table cell: how many of the suite's checks
 * pass, the failing ones named on hover and to screen readers.
 */
export function ScorecardCell(props: { results?: MlScorecardResult[] }) {
  const { results } = props;
  const theme = useTheme();
  if (!results || results.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        no facts yet
      </Typography>
    );
  }
  const failed = results.filter(r => !r.passed);
  const summary = `${results.length - failed.length} of ${
    results.length
  } checks pass`;
  const label =
    failed.length > 0
      ? `${summary}; failing: ${failed.map(r => r.name).join(', ')}`
      : summary;
  const Icon = failed.length > 0 ? FailedIcon : PassedIcon;
  return (
    <Tooltip title={label}>
      <span
        role="img"
        aria-label={label}
        style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}
      >
        <Icon
          fontSize="small"
          style={{
            color:
              failed.length > 0
                ? theme.palette.error.dark
                : theme.palette.success.dark,
          }}
        />
        <Typography variant="body2" component="span">
          {results.length - failed.length}/{results.length}
        </Typography>
      </span>
    </Tooltip>
  );
}
