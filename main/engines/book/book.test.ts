import { describe, expect, it } from 'vitest';
import type { Account, GroupSpec, Position, SymbolSpec } from '../../../shared/domain';
import type { SyncEvent } from '../../../shared/events';
import { CalcMode } from '../../../shared/mt5';
import { lotsToVolume } from '../../../shared/units';
import { DeskBook } from './book';

const S = 's1';
let seq = 0;
const head = () => ({ server: S, seq: ++seq, version: seq });

const eurusd: SymbolSpec = {
  symbol: 'EURUSD',
  path: 'FX\\Majors',
  description: 'Euro vs US Dollar',
  digits: 5,
  calcMode: CalcMode.FOREX,
  contractSize: 100_000,
  tickSize: 0.00001,
  tickValue: 1,
  currencyBase: 'EUR',
  currencyProfit: 'USD',
  currencyMargin: 'EUR',
  volumeMin: lotsToVolume(0.01),
  volumeMax: lotsToVolume(100),
  volumeStep: lotsToVolume(0.01),
  swapLong: -5,
  swapShort: 1,
};
const group = (name: string, currency: string, marginMode: number): GroupSpec => ({
  group: name,
  currency,
  currencyDigits: 2,
  marginMode,
  marginSOMode: 0,
  marginCall: 100,
  marginStopOut: 50,
  commissionPerLot: -700,
  commissionEntry: 0,
  coverage: false,
});
const account = (login: number, groupName: string, balance: number, leverage: number): Account => ({
  login,
  group: groupName,
  name: `Client ${login}`,
  leverage,
  rights: 0x163,
  country: 'DE',
  balance,
  credit: 0,
  margin: 0,
  equity: balance,
  floating: 0,
  registrationMsc: 0,
});
const position = (ticket: number, login: number, action: 0 | 1, lots: number, priceOpen: number): Position => ({
  ticket,
  login,
  symbol: 'EURUSD',
  action,
  volume: lotsToVolume(lots),
  priceOpen,
  priceCurrent: priceOpen,
  priceSL: 0,
  priceTP: 0,
  profit: 0,
  swap: 0,
  timeCreateMsc: 1_000,
  timeUpdateMsc: 1_000,
  reason: 0,
  comment: '',
});
const tick = (bid: number, ask: number): SyncEvent => ({
  type: 'tick',
  server: S,
  seq: ++seq,
  tick: { symbol: 'EURUSD', timeMsc: seq, bid, ask },
});

/** A window's viewport: the position and account rows it shows. */
const inView = (positions: string[], accounts: string[] = []) => ({
  positions: new Set(positions),
  accounts: new Set(accounts),
});

function bookWith(...events: SyncEvent[]): DeskBook {
  const book = new DeskBook((_, login) => ({ clientId: `C${login}`, clientName: `Client ${login}` }));
  book.apply([
    { type: 'symbol.update', ...head(), symbol: eurusd },
    { type: 'group.update', ...head(), group: group('usd-hedge', 'USD', 2) },
    { type: 'group.update', ...head(), group: group('eur-net', 'EUR', 0) },
    ...events,
  ]);
  book.revalue();
  return book;
}

describe('DeskBook valuation', () => {
  it('keeps valuing the other accounts right after an account is deleted and its row reused', () => {
    const book = bookWith(
      { type: 'account.add', ...head(), account: account(1001, 'usd-hedge', 1_000_000, 100) },
      { type: 'account.add', ...head(), account: account(1002, 'usd-hedge', 2_000_000, 100) },
      { type: 'account.add', ...head(), account: account(1003, 'usd-hedge', 3_000_000, 100) },
      tick(1.101, 1.1012),
      { type: 'position.add', ...head(), position: position(1, 1001, 0, 1, 1.1) },
      { type: 'position.add', ...head(), position: position(2, 1002, 0, 2, 1.1) },
      { type: 'position.add', ...head(), position: position(3, 1003, 0, 3, 1.1) },
    );
    // The first account goes: the last account's figures move into its row.
    book.apply([{ type: 'account.delete', ...head(), login: 1001 }, tick(1.102, 1.1022)]);
    book.revalue();
    // (1.1020 − 1.1000) × 100,000 × lots: 200.00 USD a lot; margin 1,000 EUR a lot at 1.1020.
    expect(book.accountRows({ login: 1002 })[0]).toMatchObject({ equity: 2_040_000, margin: 220_400 });
    expect(book.accountRows({ login: 1003 })[0]).toMatchObject({ equity: 3_060_000, margin: 330_600 });
    expect(book.accountRows({ login: 1001 })).toEqual([]);
    // Its position stays, valued no more until the account is back.
    expect(book.positionRows({ login: 1001 })).toHaveLength(1);
    book.apply([{ type: 'account.add', ...head(), account: account(1001, 'usd-hedge', 1_000_000, 100) }]);
    book.revalue();
    expect(book.accountRows({ login: 1001 })[0]).toMatchObject({ equity: 1_020_000, margin: 110_200, positions: 1 });
    expect(book.accountRows({ login: 1003 })[0]).toMatchObject({ equity: 3_060_000, margin: 330_600 });
  });

  it('values a USD account long EURUSD at bid, margin converted EUR→USD at bid', () => {
    const book = bookWith(
      { type: 'account.add', ...head(), account: account(1001, 'usd-hedge', 1_000_000, 100) },
      tick(1.101, 1.1012),
      { type: 'position.add', ...head(), position: position(1, 1001, 0, 1, 1.1) },
    );
    const [row] = book.positionRows({ login: 1001 });
    expect(row).toMatchObject({
      priceCurrent: 1.101,
      profit: 10_000,
      lots: 1,
      side: 'buy',
      currency: 'USD',
      clientId: 'C1001',
    });
    const [acc] = book.accountRows({ login: 1001 });
    // 100,000 EUR / 100 = 1,000 EUR margin; at the bid 1.1010 that is 1,101.00 USD.
    expect(acc).toMatchObject({
      margin: 110_100,
      equity: 1_010_000,
      marginFree: 899_900,
      positions: 1,
      marginState: 'ok',
    });
    expect(acc?.marginLevel).toBeCloseTo((1_010_000 / 110_100) * 100, 6);
  });

  it('values a EUR account short EURUSD at ask and converts the USD profit at the ask', () => {
    const book = bookWith(
      { type: 'account.add', ...head(), account: account(2002, 'eur-net', 500_000, 200) },
      tick(1.101, 1.1012),
      { type: 'position.add', ...head(), position: position(2, 2002, 1, 0.5, 1.102) },
    );
    const [row] = book.positionRows({ login: 2002 });
    // (1.1020 − 1.1012) × 100,000 × 0.5 = 40.00 USD; 40 / 1.1012 = 36.3240 EUR.
    expect(row).toMatchObject({ priceCurrent: 1.1012, profit: 3_632, currency: 'EUR' });
    // 50,000 EUR / 200 = 250.00 EUR, already in the account currency.
    expect(book.accountRows({ login: 2002 })[0]).toMatchObject({ margin: 25_000, equity: 503_632 });
  });

  it('charges both hedged legs and counts both in floating', () => {
    const book = bookWith(
      { type: 'account.add', ...head(), account: account(1001, 'usd-hedge', 1_000_000, 100) },
      tick(1.101, 1.1012),
      { type: 'position.add', ...head(), position: position(1, 1001, 0, 1, 1.1) },
      { type: 'position.add', ...head(), position: position(3, 1001, 1, 0.4, 1.1) },
    );
    // The short: (1.1000 − 1.1012) × 40,000 = −48.00 USD.
    expect(book.positionRows({ login: 1001 }).find((r) => r.ticket === 3)?.profit).toBe(-4_800);
    // 1.4 lots × 100,000 EUR / 100 = 1,400 EUR; at the bid 1.1010 that is 1,541.40 USD.
    expect(book.accountRows({ login: 1001 })[0]).toMatchObject({ margin: 154_140, equity: 1_005_200, positions: 2 });
  });

  it('moves an account through margin call to stop-out as the price falls', () => {
    const book = bookWith(
      { type: 'account.add', ...head(), account: account(3003, 'usd-hedge', 120_000, 100) },
      tick(1.101, 1.1012),
      { type: 'position.add', ...head(), position: position(4, 3003, 0, 1, 1.1) },
    );
    const stateAt = (bid: number) => {
      book.apply([tick(bid, bid + 0.0002)]);
      book.revalue();
      return book.accountRows({ login: 3003 })[0]?.marginState;
    };
    expect(stateAt(1.099)).toBe('ok'); // equity 1,100.00 / margin 1,099.00 = 100.09 %
    expect(stateAt(1.0985)).toBe('margin_call'); // 1,050.00 / 1,098.50 = 95.6 %
    expect(stateAt(1.09)).toBe('stop_out'); // 200.00 / 1,090.00 = 18.3 %
  });
});

describe('DeskBook frame deltas', () => {
  it('sends structural changes once, removals as ids, and nothing when nothing changed', () => {
    const book = bookWith(
      { type: 'account.add', ...head(), account: account(1001, 'usd-hedge', 1_000_000, 100) },
      tick(1.101, 1.1012),
      { type: 'position.add', ...head(), position: position(1, 1001, 0, 1, 1.1) },
    );
    const first = book.takeDeltas(new Map());
    expect(first.positions.upserts.map((r) => r.id)).toEqual(['s1:1']);
    expect(first.accounts.upserts.map((r) => r.id)).toEqual(['s1:1001']);

    book.revalue();
    const quiet = book.takeDeltas(new Map());
    expect(quiet.positions.upserts).toHaveLength(0);
    expect(quiet.accounts.upserts).toHaveLength(0);

    book.apply([{ type: 'position.delete', ...head(), ticket: 1, login: 1001 }]);
    book.revalue();
    const closed = book.takeDeltas(new Map());
    expect(closed.positions.removes).toEqual(['s1:1']);
    expect(closed.accounts.upserts[0]).toMatchObject({ positions: 0, margin: 0, equity: 1_000_000 });
  });

  it('revalues a window viewport every frame and the rest of the book in slices', () => {
    const book = new DeskBook(() => undefined, { positionSlice: 2, accountSlice: 10 });
    book.apply([
      { type: 'symbol.update', ...head(), symbol: eurusd },
      { type: 'group.update', ...head(), group: group('usd-hedge', 'USD', 2) },
      { type: 'account.add', ...head(), account: account(1001, 'usd-hedge', 1_000_000, 100) },
      tick(1.101, 1.1012),
      ...[1, 2, 3, 4, 5].map(
        (t): SyncEvent => ({ type: 'position.add', ...head(), position: position(t, 1001, 0, 0.1, 1.1) }),
      ),
    ]);
    book.revalue();
    book.takeDeltas(new Map());

    book.apply([tick(1.102, 1.1022)]);
    book.revalue();
    const frame = book.takeDeltas(new Map([['w1', inView(['s1:5'])]]));
    expect(frame.viewports.get('w1')?.positions.map((r) => [r.id, r.profit])).toEqual([['s1:5', 2_000]]);
    expect(frame.positions.upserts).toHaveLength(2); // one slice of two

    const seen = new Set(frame.positions.upserts.map((r) => r.id));
    for (let i = 0; i < 3; i++) {
      book.revalue();
      for (const r of book.takeDeltas(new Map()).positions.upserts) seen.add(r.id);
    }
    expect(seen.size).toBe(5); // the whole book within ⌈5 / 2⌉ frames
  });

  it('sends a window the accounts in its view each frame their figures move, and only those', () => {
    // Slices of one account a frame: without the viewport, 1002 would wait its turn.
    const book = new DeskBook(() => undefined, { positionSlice: 10, accountSlice: 1 });
    book.apply([
      { type: 'symbol.update', ...head(), symbol: eurusd },
      { type: 'group.update', ...head(), group: group('usd-hedge', 'USD', 2) },
      ...[1001, 1002, 1003].map(
        (login): SyncEvent => ({
          type: 'account.add',
          ...head(),
          account: account(login, 'usd-hedge', 1_000_000, 100),
        }),
      ),
      tick(1.101, 1.1012),
      { type: 'position.add', ...head(), position: position(1, 1002, 0, 1, 1.1) },
    ]);
    book.revalue();
    const w1 = inView([], ['s1:1002', 's1:1003']);
    // Scrolled into view: both are sent once, as they stand.
    const first = book.takeDeltas(new Map([['w1', w1]]));
    expect(first.viewports.get('w1')?.accounts.map((r) => r.id)).toEqual(['s1:1002', 's1:1003']);

    // The price moves: 1002 holds the position and is sent again; 1003 holds nothing and is not.
    book.apply([tick(1.102, 1.1022)]);
    book.revalue();
    const moved = book.takeDeltas(new Map([['w1', w1]]));
    expect(moved.viewports.get('w1')?.accounts.map((r) => [r.id, r.equity])).toEqual([['s1:1002', 1_020_000]]);

    // Nothing moved: nothing for the window.
    book.revalue();
    expect(book.takeDeltas(new Map([['w1', w1]])).viewports.has('w1')).toBe(false);

    // Another window scrolls to 1002: it gets the row although w1 already has it.
    const both = book.takeDeltas(
      new Map([
        ['w1', w1],
        ['w2', inView([], ['s1:1002'])],
      ]),
    );
    expect(both.viewports.has('w1')).toBe(false);
    expect(both.viewports.get('w2')?.accounts.map((r) => r.id)).toEqual(['s1:1002']);
  });

  it('sends an account again when it comes back into a window’s view, and forgets closed windows', () => {
    const book = bookWith({ type: 'account.add', ...head(), account: account(1001, 'usd-hedge', 1_000_000, 100) });
    const viewing = new Map([['w1', inView([], ['s1:1001'])]]);
    expect(book.takeDeltas(viewing).viewports.get('w1')?.accounts).toHaveLength(1);
    expect(book.takeDeltas(viewing).viewports.has('w1')).toBe(false);
    book.takeDeltas(new Map([['w1', inView([], [])]])); // scrolled away
    expect(book.takeDeltas(viewing).viewports.get('w1')?.accounts).toHaveLength(1);
    book.takeDeltas(new Map()); // the window closed
    expect(book.takeDeltas(viewing).viewports.get('w1')?.accounts).toHaveLength(1);
  });
});
