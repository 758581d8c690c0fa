/**
 * The figures a frame's revaluation reads and writes, in flat typed arrays: one column per figure,
 * one row per open position, account or margin leg (a struct of arrays).
 *
 * Why: walking the book as objects chased a pointer per position, per account and per leg (the
 * position record, the account's Account, its legs Map), and a 21,700-position frame took 15-20 ms
 * mostly waiting on memory (line profile in BENCHMARKS.md, session 5). Columns are read in order,
 * and what they point at (a symbol's valuation, a group) is a handful of shared objects that stay
 * in cache.
 *
 * Rows are dense: a removed row is filled by the last one, and that row's owner learns its new row.
 * The book owns the records (LivePosition, LiveAccount, SymbolLegs); these tables own their numbers.
 */
import type { GroupSpec } from '../../../shared/domain';
import { PositionAction } from '../../../shared/mt5';
import { closePrice, profitInProfitCurrency } from '../../../shared/pricing';
import type { MarginState } from '../../../shared/rows';
import { type Money, moneyFromDouble } from '../../../shared/units';
import type { LiveAccount, Valuation } from './state';
import { marginStateOf, symbolMargin } from './valuation';

type Column = Float64Array | Int32Array | Uint8Array;

function grown<C extends Column>(column: C, capacity: number): C {
  const next = new (column.constructor as new (n: number) => C)(capacity);
  next.set(column);
  return next;
}

/**
 * Rows owned by records that remember their row, kept dense by moving the last row into a gap.
 * A subclass declares its typed-array columns as properties and lists them, with the value a new
 * row starts at, in `columns`; growing, moving and clearing rows is done here for all of them.
 */
abstract class DenseRows<Owner extends { row: number }> {
  size = 0;
  protected readonly owners: Owner[] = [];
  protected capacity = 0;
  protected abstract readonly columns: Readonly<Record<string, number>>;

  ownerOf(row: number): Owner {
    return this.owners[row] as Owner;
  }

  /** A new row for `owner`, its columns at their starting values. */
  protected claim(owner: Owner): number {
    if (this.size === this.capacity) {
      this.capacity = Math.max(1024, this.capacity * 2);
      for (const name in this.columns) this.column(name, grown(this.column(name), this.capacity));
    }
    const row = this.size++;
    this.clear(row);
    this.owners[row] = owner;
    owner.row = row;
    return row;
  }

  /** Frees the owner's row; returns the owner whose row moved into it, if any. */
  release(owner: Owner): Owner | undefined {
    const row = owner.row;
    if (row < 0 || this.owners[row] !== owner) return undefined;
    const last = --this.size;
    let moved: Owner | undefined;
    if (row !== last) {
      this.move(last, row);
      moved = this.owners[last] as Owner;
      this.owners[row] = moved;
      moved.row = row;
    }
    this.owners.length = last;
    owner.row = -1;
    return moved;
  }

  protected move(from: number, to: number): void {
    for (const name in this.columns) {
      const column = this.column(name);
      column[to] = column[from] as number;
    }
  }

  protected clear(row: number): void {
    for (const name in this.columns) this.column(name)[row] = this.columns[name] as number;
  }

  /** Reads a column by name, or replaces it (when grown). */
  private column(name: string, replacement?: Column): Column {
    const columns = this as unknown as Record<string, Column>;
    if (replacement) columns[name] = replacement;
    return columns[name] as Column;
  }
}

/** Per open position: what valuing it reads, and its live price and profit. */
export class PositionTable extends DenseRows<{ row: number }> {
  action = new Uint8Array(0);
  volume = new Float64Array(0);
  priceOpen = new Float64Array(0);
  swap = new Float64Array(0);
  /** Live figures; until the symbol has a quote and a conversion, the server's own. */
  priceCurrent = new Float64Array(0);
  profit = new Float64Array(0);
  /** Row in the account table, or -1 while the account has not arrived. */
  account = new Int32Array(0);
  /** Index in the valuation list, or -1 while the symbol or the account currency is unknown. */
  valuation = new Int32Array(0);
  protected readonly columns = {
    action: PositionAction.BUY,
    volume: 0,
    priceOpen: 0,
    swap: 0,
    priceCurrent: 0,
    profit: 0,
    account: -1,
    valuation: -1,
  };

  add(owner: { row: number }): number {
    return this.claim(owner);
  }

  /** Values row `i` at its valuation's quote; left as it was without a quote or a conversion. */
  revalueRow(i: number, v: Valuation): void {
    if (v.quote.bid <= 0) return;
    const action = this.action[i] as number;
    const price = closePrice(action, v.quote);
    const inAccount = v.profitRate.convert(
      profitInProfitCurrency(v.spec, action, this.volume[i] as number, this.priceOpen[i] as number, price),
    );
    if (inAccount === undefined) return;
    this.priceCurrent[i] = price;
    this.profit[i] = moneyFromDouble(inAccount);
  }
}

/** Open volume of one symbol in one account (both sides), for its margin. */
export class LegTable extends DenseRows<{ row: number }> {
  account = new Int32Array(0);
  volume = new Float64Array(0);
  /** Index in the valuation list, or -1 while the symbol or the account currency is unknown. */
  valuation = new Int32Array(0);
  protected readonly columns = { account: -1, volume: 0, valuation: -1 };

  add(owner: { row: number }, account: number): number {
    const row = this.claim(owner);
    this.account[row] = account;
    return row;
  }
}

const STATES: readonly MarginState[] = ['ok', 'margin_call', 'stop_out'];
const STATE_CODE: Readonly<Record<MarginState, number>> = { ok: 0, margin_call: 1, stop_out: 2 };

/** Per account: its money, its live figures and where it stands against its group's levels. */
export class AccountTable extends DenseRows<LiveAccount> {
  /** Balance plus credit, cents. */
  deposit = new Float64Array(0);
  leverage = new Float64Array(0);
  floating = new Float64Array(0);
  /** Margin of the legs summed as doubles during a frame, rounded once into `margin`. */
  marginSum = new Float64Array(0);
  margin = new Float64Array(0);
  equity = new Float64Array(0);
  state = new Uint8Array(0);
  /** Shared group specs (a handful), by row; undefined until the account's group is known. */
  readonly groups: (GroupSpec | undefined)[] = [];
  protected readonly columns = {
    deposit: 0,
    leverage: 0,
    floating: 0,
    marginSum: 0,
    margin: 0,
    equity: 0,
    state: 0,
  };

  add(owner: LiveAccount): number {
    return this.claim(owner);
  }

  marginState(row: number): MarginState {
    return STATES[this.state[row] as number] as MarginState;
  }

  /** Sets the row's figures from its floating profit and margin sum; true when its margin state changed. */
  settle(row: number, floating: Money, marginSum: number): boolean {
    const margin = moneyFromDouble(marginSum);
    const equity = (this.deposit[row] as number) + floating;
    this.floating[row] = floating;
    this.margin[row] = margin;
    this.equity[row] = equity;
    const group = this.groups[row];
    const state = STATE_CODE[group ? marginStateOf(group, equity, margin) : 'ok'];
    if (state === this.state[row]) return false;
    this.state[row] = state;
    return true;
  }

  protected override move(from: number, to: number): void {
    super.move(from, to);
    this.groups[to] = this.groups[from];
  }

  protected override clear(row: number): void {
    super.clear(row);
    this.groups[row] = undefined;
  }
}

/** Margin one leg needs at `leverage` in the account currency (a double; accounts round once). */
export function legMargin(legs: LegTable, row: number, valuations: readonly Valuation[], leverage: number): number {
  const index = legs.valuation[row] as number;
  if (index < 0) return 0;
  const v = valuations[index] as Valuation;
  return symbolMargin(v.spec, legs.volume[row] as number, v.quote, leverage, v.marginRate);
}
