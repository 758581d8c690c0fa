/**
 * The windowed positions grid's own row order (renderer/grids/row-order.ts) on a 21,700-position
 * book, the size the screen-latency bench runs at. What a dealer's sort and filters cost the page:
 * - a rebuild: a new query, or changed figures re-ranking a sorted or filtered book (at most every
 *   RESORT_MS), timed for each kind of query beside the floor of one bare pass over the book;
 * - a frame's opens and closes applied in place (2 of each, at random places in the book, about
 *   what the bench's simulator sends), in a book sorted by profit and in an unsorted one.
 * Medians of RUNS runs, in the same process; Node's V8, not the page's, so ratios are the figure.
 */
import { positionSearchFields } from '../renderer/features/positions/position-columns';
import { quickSearchOf } from '../renderer/grids/desk-filter';
import { RESORT_MS, RowOrder, type RowQuery } from '../renderer/grids/row-order';
import type { PositionRow } from '../shared/rows';
import { median, report, seededRandom } from './stats';

const BOOK = 21_700;
const RUNS = 31;
const FRAMES = 1_000;
const SYMBOLS = ['EURUSD', 'GBPUSD', 'USDJPY', 'XAUUSD', 'GER40', 'BTCUSD', 'AUDCAD', 'EURJPY'];

const random = seededRandom(7);

function positionRow(ticket: number): PositionRow {
  const login = 50_000 + Math.floor(random() * 8_000);
  return {
    id: `bench:${ticket}`,
    server: 'bench',
    ticket,
    login,
    clientId: `c${login}`,
    clientName: `Client ${login}`,
    group: random() < 0.5 ? 'real\\pro-usd' : 'real\\std-eur',
    currency: 'USD',
    symbol: SYMBOLS[ticket % SYMBOLS.length] as string,
    digits: 5,
    side: random() < 0.5 ? 'buy' : 'sell',
    lots: Math.round(random() * 500) / 100,
    priceOpen: 1 + random(),
    priceCurrent: 1 + random(),
    profit: Math.round((random() - 0.5) * 2_000_000),
    swap: 0,
    commission: -700,
    openTimeMsc: 1_700_000_000_000 + ticket,
    coverage: false,
    book: 'B',
  };
}

const rows = new Map<string, PositionRow>();
for (let ticket = 1; ticket <= BOOK; ticket++) rows.set(`bench:${ticket}`, positionRow(ticket));

function timeRebuild(query: RowQuery<PositionRow>): number {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const order = new RowOrder<PositionRow>(() => rows.values());
    order.setQuery(query);
    const start = performance.now();
    order.rows();
    times.push(performance.now() - start);
  }
  return median(times);
}

/** The floor: one pass over the book into a new list, no test and no sort. */
function timeBarePass(): number {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    const list: PositionRow[] = [];
    for (const row of rows.values()) list.push(row);
    times.push(performance.now() - start);
    if (list.length !== BOOK) throw new Error('lost rows');
  }
  return median(times);
}

/** Microseconds per frame of 2 opens and 2 closes, applied in place. */
function timeFrames(query: RowQuery<PositionRow>): number {
  const order = new RowOrder<PositionRow>(() => rows.values());
  order.setQuery(query);
  order.rows();
  let next = BOOK + 1;
  const times: number[] = [];
  for (let frame = 0; frame < FRAMES; frame++) {
    const opened = [positionRow(next++), positionRow(next++)];
    const listed = [...rows.values()];
    const closed = [0, 1].map(() => listed[Math.floor(random() * listed.length)] as PositionRow);
    if (closed[0] === closed[1]) closed.pop();
    for (const row of closed) rows.delete(row.id);
    for (const row of opened) rows.set(row.id, row);
    const start = performance.now();
    order.apply(opened, [], closed);
    order.rows();
    times.push((performance.now() - start) * 1000);
  }
  return median(times);
}

const byProfit: RowQuery<PositionRow> = { sort: [{ colId: 'profit', sort: 'desc' }], keep: null };
const bySymbol: RowQuery<PositionRow> = { sort: [], keep: (row) => row.symbol.toLowerCase().includes('usd') };
const search = quickSearchOf<PositionRow>('client 52', positionSearchFields);

const bare = timeBarePass();
const rebuild = {
  unsorted: timeRebuild({ sort: [], keep: null }),
  byProfit: timeRebuild(byProfit),
  bySymbolFilter: timeRebuild(bySymbol),
  quickSearch: timeRebuild({ sort: [], keep: search }),
  quickSearchByProfit: timeRebuild({ sort: byProfit.sort, keep: search }),
};
const frame = { unsorted: timeFrames({ sort: [], keep: null }), byProfit: timeFrames(byProfit) };

const ms = (n: number) => n.toFixed(2);
console.log(
  `book: ${BOOK.toLocaleString('en-US')} positions; medians of ${RUNS} runs; re-rank at most every ${RESORT_MS} ms`,
);
console.log(`floor, one bare pass over the book:      ${ms(bare)} ms`);
for (const [name, value] of Object.entries(rebuild)) {
  console.log(`rebuild ${name.padEnd(32)} ${ms(value)} ms  (${(value / bare).toFixed(1)}× the floor)`);
}
console.log(`a frame's 2 opens + 2 closes, unsorted:  ${frame.unsorted.toFixed(1)} µs`);
console.log(`a frame's 2 opens + 2 closes, by profit: ${frame.byProfit.toFixed(1)} µs`);
report({ book: BOOK, floorMs: bare, rebuildMs: rebuild, frameMicros: frame });
