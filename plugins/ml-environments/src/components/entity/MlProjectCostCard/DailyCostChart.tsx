import { useTheme } from '@material-ui/core/styles';

const HEIGHT = 80;
const GAP = 2;

/**
 * The month's daily cost as small bars in plain SVG, scaled to the card's
 * width. Decorative for screen readers: the same figures are in the table
 * beside it (aria-hidden, one summary label).
 */
export function DailyCostChart(props: {
  daily: Array<{ date: string; amount: number }>;
  format: (amount: number) => string;
}) {
  const { daily, format } = props;
  const theme = useTheme();
  const max = Math.max(...daily.map(d => d.amount), 0);
  if (daily.length === 0 || max === 0) return null;
  const width = daily.length * 10;
  return (
    <svg
      role="img"
      aria-label={`Daily cost this month, highest ${format(max)}`}
      viewBox={`0 0 ${width} ${HEIGHT}`}
      preserveAspectRatio="none"
      width="100%"
      height={HEIGHT}
    >
      {daily.map((d, i) => {
        const height = Math.max((d.amount / max) * HEIGHT, 1);
        return (
          <rect
            key={d.date}
            x={i * 10 + GAP / 2}
            y={HEIGHT - height}
            width={10 - GAP}
            height={height}
            fill={theme.palette.primary.main}
          >
            <title>{`${d.date}: ${format(d.amount)}`}</title>
          </rect>
        );
      })}
    </svg>
  );
}
