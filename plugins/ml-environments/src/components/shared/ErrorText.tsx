import Typography, { TypographyProps } from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';

/**
 * Text that says something is wrong, in a red readable on the card: MUI's
 * `color="error"` (#f44336, which Backstage's theme keeps) is 3.7:1 on
 * white, under WCAG AA's 4.5:1 for text; its dark shade is 5:1.
 */
export function ErrorText(props: Omit<TypographyProps, 'color'>) {
  const theme = useTheme();
  return (
    <Typography
      {...props}
      style={{ color: theme.palette.error.dark, ...props.style }}
    />
  );
}
