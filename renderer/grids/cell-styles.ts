/** Shared cell classes: numbers right-aligned in tabular figures, signed money coloured. */
import type { CellClassRules } from 'ag-grid-community';

export const NUMBER_CELL = 'cell-number';
export const TIME_CELL = 'cell-time';

export const signedMoneyClasses: CellClassRules = {
  'cell-gain': (p) => typeof p.value === 'number' && p.value > 0,
  'cell-loss': (p) => typeof p.value === 'number' && p.value < 0,
};

/** Negative equity is the alarm; positive equity is normal and stays uncoloured. */
export const negativeMoneyClasses: CellClassRules = {
  'cell-loss': (p) => typeof p.value === 'number' && p.value < 0,
};

/** The routing flag: A-book (passed to liquidity) stands out from the B-book the broker holds. */
export const bookColumnDef = {
  field: 'book',
  headerName: 'Book',
  width: 72,
  cellClassRules: {
    'book-a': (p: { value: unknown }) => p.value === 'A',
    'book-coverage': (p: { value: unknown }) => p.value === 'Coverage',
  },
} as const;
