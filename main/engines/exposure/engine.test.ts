import { describe, expect, it } from 'vitest';
import type { Account, GroupSpec, Order, Position, SymbolSpec } from '../../../shared/domain';
import type { SyncEvent } from '../../../shared/events';
import { OrderState, OrderType } from '../../../shared/mt5';
import { lotsToVolume } from '../../../shared/units';
import { ExposureEngine } from './engine';
import { account, COVERAGE, GROUPS, HEDGING_EUR, NETTING_USD, order, position, SYMBOLS } from './fixtures';
import type { ExposureOptions } from './keys';

const S = 's1';
let seq = 0;
const v = () => ({ server: S, seq: ++seq, version: seq });
const ev = {
  symbol: (symbol: SymbolSpec): SyncEvent => ({ type: 'symbol.update', ...v(), symbol }),
  group: (group: GroupSpec): SyncEvent => ({ type: 'group.update', ...v(), group }),
  account: (a: Account): SyncEvent => ({ type: 'account.update', ...v(), account: a }),
  open: (p: Position): SyncEvent => ({ type: 'position.add', ...v(), position: p }),
  update: (p: Position): SyncEvent => ({ type: 'position.update', ...v(), position: p }),
  close: (ticket: number, login: number): SyncEvent => ({ type: 'position.delete', ...v(), ticket, login }),
  order: (o: Order): SyncEvent => ({ type: 'order.add', ...v(), order: o }),
  tick: (symbol: string, bid: number, ask: number): SyncEvent => ({
    type: 'tick',
    server: S,
    seq: ++seq,
    tick: { symbol, timeMsc: seq, bid, ask },
  }),
};

const lots = lotsToVolume;
// Logins: 1 netting USD (region EU), 2 hedging EUR (A-book), 3 netting USD, 900 coverage.
const options: Partial<ExposureOptions> = {
  regionOf: (_server, login) => (login === 1 ? 'EU' : undefined),
  bookOf: (_server, login) => (login === 2 ? 'A' : 'B'),
};

function desk(extra: Partial<ExposureOptions> = {}): ExposureEngine {
  const engine = new ExposureEngine({ ...options, ...extra });
  engine.apply([
    ...SYMBOLS.map(ev.symbol),
    ...GROUPS.map(ev.group),
    ev.account(account(1, NETTING_USD.group, 100_000, 400_000, 100)),
    ev.account(account(2, HEDGING_EUR.group, 50_000, 50_000, 50)),
    ev.account(account(3, NETTING_USD.group, 50_000, 50_000, 200)),
    ev.account(account(900, COVERAGE.group)),
    ev.tick('EURUSD', 1.1, 1.1002),
    ev.tick('XAUUSD', 2000, 2000.5),
    ev.tick('GER40', 18000, 18001),
  ]);
  return engine;
}

const symbolRow = (engine: ExposureEngine, symbol: string) => {
  const row = engine.snapshot().symbols.find((r) => r.symbol === symbol);
  if (!row) throw new Error(`no row for ${symbol}`);
  return row;
};

describe('exposure by symbol', () => {
  it('values an FX client long: lots, units, notional at the closing side, floating P&L', () => {
    const engine = desk();
    engine.apply([ev.open(position(10, 1, 'EURUSD', 0, lots(1), 1.095))]);
    const row = symbolRow(engine, 'EURUSD');
    expect(row).toMatchObject({
      clientBuyLots: 1,
      clientSellLots: 0,
      clientNetLots: 1,
      coverageNetLots: 0,
      brokerNetLots: -1,
      clientNetUnits: 100_000,
      brokerNetUnits: -100_000,
      // Client long 100,000 EUR at bid 1.1; the broker's short converts at ask 1.1002.
      clientNetNotional: 11_000_000,
      brokerNetNotional: -11_002_000,
      absNotional: 11_002_000,
      // (1.1 − 1.095) × 100,000 = 500.00 USD.
      clientFloating: 50_000,
      coverageFloating: 0,
      positions: 1,
      unpriced: 0,
    });
  });

  it('values a CFD short of a hedging EUR account in the desk currency (USD)', () => {
    const engine = desk();
    engine.apply([ev.open(position(20, 2, 'XAUUSD', 1, lots(2), 2010))]);
    expect(symbolRow(engine, 'XAUUSD')).toMatchObject({
      clientNetLots: -2,
      brokerNetLots: 2,
      clientNetUnits: -200,
      // Broker long 200 oz valued at bid 2000; the clients' short at ask 2000.5.
      brokerNetNotional: 40_000_000,
      clientNetNotional: -40_010_000,
      // (2010 − 2000.5) × 200 = 1,900.00 USD, whatever the account currency.
      clientFloating: 190_000,
    });
  });

  it('converts an EUR-profit index into USD and reports in an EUR desk currency', () => {
    const usd = desk();
    usd.apply([ev.open(position(30, 3, 'GER40', 0, lots(5), 17_900))]);
    // Broker short 5 contracts × ask 18001 = 90,005 EUR → USD at EURUSD: a loss converts at ask.
    // (18000 − 17900) × 5 = 500 EUR of client profit → USD at bid: 550.00.
    expect(symbolRow(usd, 'GER40')).toMatchObject({ brokerNetNotional: -9_902_350, clientFloating: 55_000 });

    const eur = desk({ deskCurrency: 'EUR' });
    eur.apply([ev.open(position(10, 1, 'EURUSD', 0, lots(1), 1.095))]);
    // FX notional is the base amount: 100,000 EUR. 500 USD → EUR through EURUSD inverse, gain at ask.
    expect(symbolRow(eur, 'EURUSD')).toMatchObject({ clientNetNotional: 10_000_000, clientFloating: 45_446 });
  });

  it('follows a netting reversal: the old ticket deleted, a new one opened on the other side', () => {
    const engine = desk();
    engine.apply([
      ev.open(position(10, 1, 'EURUSD', 0, lots(1), 1.095)),
      ev.close(10, 1),
      ev.open(position(11, 1, 'EURUSD', 1, lots(0.5), 1.101)),
    ]);
    expect(symbolRow(engine, 'EURUSD')).toMatchObject({
      clientBuyLots: 0,
      clientSellLots: 0.5,
      clientNetLots: -0.5,
      brokerNetLots: 0.5,
      lockedLots: 0,
      // (1.101 − 1.1002) × 50,000 = 40.00 USD.
      clientFloating: 4_000,
      positions: 1,
    });
    expect(engine.positionsBehind({ tab: 'symbol', server: S, symbol: 'EURUSD' })).toEqual([{ server: S, ticket: 11 }]);
  });

  it('follows a partial close: the same ticket with less volume', () => {
    const engine = desk();
    engine.apply([
      ev.open(position(20, 2, 'XAUUSD', 0, lots(2), 1990)),
      ev.update(position(20, 2, 'XAUUSD', 0, lots(0.5), 1990)),
    ]);
    // (2000 − 1990) × 0.5 × 100 = 500.00 USD.
    expect(symbolRow(engine, 'XAUUSD')).toMatchObject({ clientBuyLots: 0.5, clientFloating: 50_000, positions: 1 });
  });

  it('nets coverage against clients: broker net = coverage net − client net', () => {
    const engine = desk();
    engine.apply([
      ev.open(position(10, 1, 'EURUSD', 0, lots(1), 1.095)),
      ev.open(position(90, 900, 'EURUSD', 0, lots(0.6), 1.1)),
    ]);
    const row = symbolRow(engine, 'EURUSD');
    expect(row).toMatchObject({ clientNetLots: 1, coverageNetLots: 0.6, brokerNetLots: -0.4, brokerNetUnits: -40_000 });
    // The hedge bought at 1.1 and is valued at bid 1.1: no P&L; the clients' P&L is unchanged.
    expect(row).toMatchObject({ clientFloating: 50_000, coverageFloating: 0, brokerNetNotional: -4_400_800 });
  });

  it('shows pending orders beside the net, never in it', () => {
    const engine = desk();
    engine.apply([
      ev.open(position(10, 1, 'EURUSD', 0, lots(1), 1.095)),
      ev.order(order(500, 1, 'EURUSD', OrderType.BUY_LIMIT, lots(0.3))),
      ev.order(order(501, 3, 'EURUSD', OrderType.SELL_STOP, lots(0.1))),
      ev.order(order(502, 3, 'EURUSD', OrderType.SELL_LIMIT, lots(5), OrderState.FILLED)),
      ev.order(order(503, 3, 'EURUSD', OrderType.BUY, lots(7))),
      ev.order(order(504, 900, 'EURUSD', OrderType.BUY_STOP_LIMIT, lots(0.05))),
    ]);
    expect(symbolRow(engine, 'EURUSD')).toMatchObject({
      clientNetLots: 1,
      clientPendingLots: 0.2,
      brokerPendingLots: -0.15,
    });
  });

  it('shows the locked volume of a hedging account, and none for a netting one', () => {
    const engine = desk();
    engine.apply([
      ev.open(position(20, 2, 'EURUSD', 0, lots(1), 1.09)),
      ev.open(position(21, 2, 'EURUSD', 1, lots(0.4), 1.1)),
      // A netting account momentarily holding both sides (add before delete in a reversal).
      ev.open(position(30, 3, 'EURUSD', 0, lots(1), 1.09)),
      ev.open(position(31, 3, 'EURUSD', 1, lots(1), 1.1)),
    ]);
    const row = symbolRow(engine, 'EURUSD');
    expect(row).toMatchObject({ clientBuyLots: 2, clientSellLots: 1.4, clientNetLots: 0.6, lockedLots: 0.4 });
    engine.apply([ev.update(position(21, 2, 'EURUSD', 1, lots(1.5), 1.1))]);
    expect(symbolRow(engine, 'EURUSD').lockedLots).toBe(1);
  });
});

describe('exposure by asset, group, region and book', () => {
  it('splits an FX position into its base and quote currencies', () => {
    const engine = desk();
    engine.apply([ev.open(position(10, 1, 'EURUSD', 0, lots(1), 1.095))]);
    const assets = engine.snapshot().assets;
    expect(assets.find((a) => a.asset === 'EUR')).toEqual({
      asset: 'EUR',
      clientAmount: 10_000_000,
      brokerAmount: -10_000_000,
      clientValue: 11_000_000,
      brokerValue: -11_002_000,
    });
    // The money leg: −U × price in USD (clients paid 110,000 at bid; the broker's short at ask).
    expect(assets.find((a) => a.asset === 'USD')).toEqual({
      asset: 'USD',
      clientAmount: -11_000_000,
      brokerAmount: 11_002_000,
      clientValue: -11_000_000,
      brokerValue: 11_002_000,
    });
  });

  it('holds a CFD as an asset of its own against its profit currency', () => {
    const engine = desk();
    engine.apply([ev.open(position(20, 2, 'XAUUSD', 1, lots(2), 2010))]);
    const xau = engine.snapshot().assets.find((a) => a.asset === 'XAUUSD');
    expect(xau).toMatchObject({ brokerAmount: 20_000, brokerValue: 40_000_000 });
  });

  it('slices by group, region and book; B-book exposure is −client net of B-book accounts', () => {
    const engine = desk();
    engine.apply([
      ev.open(position(10, 1, 'EURUSD', 0, lots(1), 1.095)),
      ev.open(position(30, 3, 'EURUSD', 1, lots(0.25), 1.1)),
      ev.open(position(20, 2, 'EURUSD', 1, lots(2), 1.1)),
      ev.open(position(90, 900, 'EURUSD', 1, lots(1), 1.1)),
    ]);
    const snap = engine.snapshot();
    const book = (name: string) => snap.books.find((r) => r.slice === name);
    expect(book('B')).toMatchObject({ clientNetLots: 0.75, brokerNetLots: -0.75 });
    expect(book('A')).toMatchObject({ clientNetLots: -2, brokerNetLots: 2 });
    expect(book('Coverage')).toMatchObject({ coverageNetLots: -1, brokerNetLots: -1 });
    const region = (name: string) => snap.regions.find((r) => r.slice === name);
    expect(region('EU')).toMatchObject({ clientNetLots: 1 });
    expect(region('Unknown')).toMatchObject({ clientNetLots: -2.25 });
    expect(region('Coverage')).toMatchObject({ coverageNetLots: -1 });
    const group = (name: string) => snap.groups.find((r) => r.group === name);
    expect(group(NETTING_USD.group)).toMatchObject({ clientNetLots: 0.75, positions: 2 });
    expect(group(HEDGING_EUR.group)).toMatchObject({ clientNetLots: -2 });
    // Broker net over every book equals the symbol's broker net.
    expect(snap.books.reduce((sum, r) => sum + r.brokerNetLots, 0)).toBeCloseTo(
      symbolRow(engine, 'EURUSD').brokerNetLots,
      12,
    );
    expect(engine.positionsBehind({ tab: 'group', server: S, group: NETTING_USD.group })).toEqual([
      { server: S, ticket: 10 },
      { server: S, ticket: 30 },
    ]);
    expect(engine.positionsBehind({ tab: 'book', book: 'A' })).toEqual([{ server: S, ticket: 20 }]);
  });

  it('reports margin utilisation by group, in the group currency (EUR and USD accounts)', () => {
    const engine = desk();
    const snap = engine.snapshot();
    const usd = snap.groups.find((r) => r.group === NETTING_USD.group);
    // Logins 1 and 3: margin 1,000 + 500, equity 4,000 + 500, leverage 100 and 200.
    expect(usd?.margin).toEqual({
      currency: 'USD',
      accounts: 2,
      margin: 150_000,
      equity: 450_000,
      marginUtilisation: 150_000 / 450_000,
      effectiveLeverage: (100_000 * 100 + 50_000 * 200) / 450_000,
    });
    expect(snap.groups.find((r) => r.group === HEDGING_EUR.group)?.margin).toMatchObject({
      currency: 'EUR',
      marginUtilisation: 1,
      effectiveLeverage: 50,
    });
    // A regroup moves the account's margin with it.
    engine.apply([ev.account(account(3, HEDGING_EUR.group, 50_000, 50_000, 200))]);
    const after = engine.snapshot().groups.find((r) => r.group === HEDGING_EUR.group);
    expect(after?.margin).toMatchObject({ accounts: 2, margin: 100_000, equity: 100_000 });
  });

  it('moves an account between books when routing changes, without touching positions', () => {
    let routed: 'A' | 'B' = 'B';
    const engine = desk({ bookOf: () => routed });
    engine.apply([ev.open(position(10, 1, 'EURUSD', 0, lots(1), 1.095))]);
    expect(engine.snapshot().books.map((r) => r.slice)).toEqual(['B']);
    routed = 'A';
    engine.reclassify(S, 1);
    expect(engine.snapshot().books).toEqual([expect.objectContaining({ slice: 'A', clientNetLots: 1 })]);
  });

  it('leaves money figures empty while a symbol has no quote', () => {
    const engine = desk();
    engine.apply([ev.open(position(40, 1, 'USDJPY', 0, lots(1), 150))]);
    expect(symbolRow(engine, 'USDJPY')).toMatchObject({
      clientNetLots: 1,
      brokerNetNotional: null,
      clientFloating: null,
      unpriced: 1,
    });
  });
});
