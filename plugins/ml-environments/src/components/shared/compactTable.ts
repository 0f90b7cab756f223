import { makeStyles } from '@material-ui/core/styles';

/**
 * A card's small table that fits a 752 px card (a 1024 px window): narrow
 * cell padding, and words wrapped whole, never broken inside ("SageMa/ker",
 * "Guardrai/l" at 1024 px), so each column is at least its longest word.
 */
export const useCompactTable = makeStyles({
  table: {
    '& th, & td': {
      padding: '6px 8px',
      wordBreak: 'normal',
      overflowWrap: 'break-word',
    },
    '& th:first-child, & td:first-child': { paddingLeft: 16 },
  },
});
