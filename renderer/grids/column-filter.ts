/**
 * ag-grid's column filter model (what its text and number filter menus produce), evaluated on our
 * own rows: the windowed positions grid (windowed-grid.ts) orders and filters the book itself, so
 * the grid's filter menus keep working while ag-grid only ever holds the rows in view.
 *
 * Semantics follow ag-grid's defaults: text compares case-insensitively; a blank cell matches only
 * "blank" (and fails every other condition, "not equal" included); "in range" excludes both ends.
 * A model this module does not understand is refused with an error naming it, never ignored: a
 * filter silently dropped would show a dealer rows he asked to hide.
 */
import { z } from 'zod';

const textCondition = z.object({
  filterType: z.literal('text'),
  type: z.enum(['contains', 'notContains', 'equals', 'notEqual', 'startsWith', 'endsWith', 'blank', 'notBlank']),
  filter: z.string().nullish(),
});

const numberCondition = z.object({
  filterType: z.literal('number'),
  type: z.enum([
    'equals',
    'notEqual',
    'lessThan',
    'lessThanOrEqual',
    'greaterThan',
    'greaterThanOrEqual',
    'inRange',
    'blank',
    'notBlank',
  ]),
  filter: z.number().nullish(),
  filterTo: z.number().nullish(),
});

const condition = z.discriminatedUnion('filterType', [textCondition, numberCondition]);

const combined = z.object({
  filterType: z.enum(['text', 'number']),
  operator: z.enum(['AND', 'OR']),
  conditions: z.array(condition).min(1),
});

const columnModel = z.union([combined, condition]);

export type ColumnFilterModel = Record<string, unknown>;

/** How a column's value is read for filtering (e.g. money in units, not the row's cents). */
export type FilterValueOf<T> = (colId: string, row: T) => unknown;

type Test = (value: unknown) => boolean;

/** One predicate for the whole model; throws on a model it cannot evaluate. */
export function compileColumnFilters<T>(model: ColumnFilterModel, filterValue: FilterValueOf<T>): (row: T) => boolean {
  const tests: { colId: string; test: Test }[] = [];
  for (const [colId, raw] of Object.entries(model)) {
    const parsed = columnModel.safeParse(raw);
    if (!parsed.success) {
      throw new Error(`column filter on '${colId}' is not a text or number filter: ${JSON.stringify(raw)}`);
    }
    const entry = parsed.data;
    if ('conditions' in entry) {
      const parts = entry.conditions.map(conditionTest);
      tests.push({
        colId,
        test: entry.operator === 'AND' ? (v) => parts.every((t) => t(v)) : (v) => parts.some((t) => t(v)),
      });
    } else tests.push({ colId, test: conditionTest(entry) });
  }
  return (row) => tests.every(({ colId, test }) => test(filterValue(colId, row)));
}

function isBlank(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

function conditionTest(c: z.infer<typeof condition>): Test {
  if (c.type === 'blank') return isBlank;
  if (c.type === 'notBlank') return (v) => !isBlank(v);
  return c.filterType === 'text' ? textTest(c) : numberTest(c);
}

function textTest(c: z.infer<typeof textCondition>): Test {
  const wanted = (c.filter ?? '').toLowerCase();
  const compare = textComparisons[c.type as keyof typeof textComparisons];
  return (v) => !isBlank(v) && compare(String(v).toLowerCase(), wanted);
}

const textComparisons = {
  contains: (v: string, f: string) => v.includes(f),
  notContains: (v: string, f: string) => !v.includes(f),
  equals: (v: string, f: string) => v === f,
  notEqual: (v: string, f: string) => v !== f,
  startsWith: (v: string, f: string) => v.startsWith(f),
  endsWith: (v: string, f: string) => v.endsWith(f),
};

function numberTest(c: z.infer<typeof numberCondition>): Test {
  const from = c.filter;
  const to = c.filterTo;
  // ag-grid leaves an incomplete condition out of the model; one that slips through filters nothing.
  if (from === null || from === undefined || (c.type === 'inRange' && (to === null || to === undefined))) {
    return () => true;
  }
  const compare = numberComparisons[c.type as keyof typeof numberComparisons];
  return (v) => typeof v === 'number' && !Number.isNaN(v) && compare(v, from, to ?? from);
}

const numberComparisons = {
  equals: (v: number, f: number) => v === f,
  notEqual: (v: number, f: number) => v !== f,
  lessThan: (v: number, f: number) => v < f,
  lessThanOrEqual: (v: number, f: number) => v <= f,
  greaterThan: (v: number, f: number) => v > f,
  greaterThanOrEqual: (v: number, f: number) => v >= f,
  inRange: (v: number, f: number, t: number) => v > Math.min(f, t) && v < Math.max(f, t),
};
