import { SelectProps } from '@material-ui/core/Select';

/**
 * `SelectProps` of a `TextField select` with the given `id`: MUI then names
 * the select by its label and the value it shows (aria-labelledby), so what
 * a sighted user reads is part of what a screen reader or voice control
 * hears (WCAG 2.5.3 Label in Name). An `aria-label` of the title alone
 * would leave the picked value out.
 */
export function namedByLabelAndValue(id: string): Partial<SelectProps> {
  return {
    SelectDisplayProps: {
      id: `${id}-value`,
    } as SelectProps['SelectDisplayProps'],
  };
}
