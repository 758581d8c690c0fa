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

/**
 * Money is carried in cents; a column filter compares it in units, as the dealer reads and types
 * it ("profit less than -1000" means -1,000.00, not -10.00).
 */
export function moneyInUnits(cents: unknown): number | null {
  return typeof cents === 'number' ? cents / 100 : null;
}
