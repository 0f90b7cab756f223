import { useTheme } from '@material-ui/core/styles';
import { CSSProperties } from 'react';

/**
 * The style of a field's label and message in its error state, readable:
 * MUI's error red (#f44336, which Backstage's theme keeps) is 3.7:1 on
 * white, under WCAG AA's 4.5:1 for text (axe-core's color-contrast); its
 * dark shade is 5:1. For `InputLabelProps.style` and
 * `FormHelperTextProps.style`; inline, so no theme or sheet order outranks it.
 */
export function useReadableError(): (
  error: boolean,
) => CSSProperties | undefined {
  const theme = useTheme();
  return error => (error ? { color: theme.palette.error.dark } : undefined);
}
