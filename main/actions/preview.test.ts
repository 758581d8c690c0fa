import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Account, GroupSpec, Position, SymbolSpec } from '../../shared/domain';
import type { SyncEvent } from '../../shared/events';
import { CalcMode, DealAction, MarginMode, MarginSOMode } from '../../shared/mt5';
import { lotsToVolume } from '../../shared/units';
import { type MirrorCache, openMirror } from '../cache/mirror';
import { DeskBook } from '../engines/book/book';
import { previewImpact } from './preview';
import type { ServerGateway } from './server-gateway';
import type { ActionContext } from './validation';

/**
 * One small account, figures checkable by hand: 5,000.00 USD, leverage 1:100, long 1 lot EURUSD
 * bought at 1.10000 with the quote at 1.10000/1.10000 (no floating profit).
 * Margin = 100,000 EUR / 100 = 1,000 EUR = 1,100.00 USD; margin level = 5,000 / 1,100 = 454.55 %.
 */
const S = 's1';
const LOGIN = 2001;
const eurusd: SymbolSpec = {
  symbol: 'EURUSD',
  path: 'FX',
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
  swapLong: 0,
  swapShort: 0,
};
const group = (name: string, currency: string, marginMode: number, extra: Partial<GroupSpec> = {}): GroupSpec => ({
  group: name,
  currency,
  currencyDigits: 2,
  marginMode,
  marginSOMode: MarginSOMode.PERCENT,
  marginCall: 100,
  marginStopOut: 50,
  commissionPerLot: 0,
  commissionEntry: 0,
  coverage: false,
  ...extra,
});
const account = (groupName: string): Account => ({
  login: LOGIN,
  group: groupName,
  name: 'Hand Check',
  leverage: 100,
  rights: 0x163,
  country: 'DE',
  balance: 500_000,
  credit: 0,
  margin: 0,
  equity: 500_000,
  floating: 0,
  registrationMsc: 0,
});
const position: Position = {
  ticket: 1,
  login: LOGIN,
  symbol: 'EURUSD',
  action: 0,
  volume: lotsToVolume(1),
  priceOpen: 1.1,
  priceCurrent: 1.1,
  priceSL: 0,
  priceTP: 0,
  profit: 0,
  swap: 0,
  timeCreateMsc: 1_000,
  timeUpdateMsc: 1_000,
  reason: 0,
  comment: '',
};

const dirs: string[] = [];
const mirrors: MirrorCache[] = [];
afterEach(() => {
  for (const m of mirrors.splice(0)) m.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function smallDesk(accountGroup = 'usd-hedge'): ActionContext {
  const dir = mkdtempSync(path.join(tmpdir(), 'preview-'));
  dirs.push(dir);
  const mirror = openMirror(path.join(dir, 'mirror.db'));
  mirrors.push(mirror);
  let seq = 0;
  const head = () => ({ server: S, seq: ++seq, version: seq });
  const events: SyncEvent[] = [
    { type: 'symbol.update', ...head(), symbol: eurusd },
    { type: 'group.update', ...head(), group: group('usd-hedge', 'USD', MarginMode.RETAIL_HEDGED) },
    {
      type: 'group.update',
      ...head(),
      group: group('usd-hedge-b', 'USD', MarginMode.RETAIL_HEDGED, { marginCall: 500, marginStopOut: 300 }),
    },
    { type: 'group.update', ...head(), group: group('eur-net', 'EUR', MarginMode.RETAIL_NETTING) },
    {
      type: 'group.update',
      ...head(),
      group: group('usd-money', 'USD', MarginMode.RETAIL_HEDGED, {
        marginSOMode: MarginSOMode.MONEY,
        marginCall: 1_000,
        marginStopOut: 500,
      }),
    },
    { type: 'tick', server: S, seq: ++seq, tick: { symbol: 'EURUSD', timeMsc: 1, bid: 1.1, ask: 1.1 } },
    { type: 'account.add', ...head(), account: account(accountGroup) },
    { type: 'position.add', ...head(), position },
  ];
  const result = mirror.applyBatch(S, events, { seq, dealTimeMsc: 0, dealTicket: 0, tickTransId: '' });
  const book = new DeskBook(() => undefined);
  book.apply(result.applied);
  book.revalue();
  const unused = () => Promise.reject(new Error('a preview sends nothing'));
  const gateway: ServerGateway = { server: S, balance: unused, updateUser: unused, findBalanceDeal: unused };
  return { book, mirror, gateway: (s) => (s === S ? gateway : undefined), deskCurrency: 'USD' };
}

describe('impact preview', () => {
  it('shows leverage 1:100 → 1:50 doubling the margin and halving the margin level', () => {
    const preview = previewImpact(smallDesk(), S, LOGIN, { kind: 'leverage', leverage: 50 });
    expect(preview.before).toEqual({
      equity: 500_000,
      margin: 110_000,
      marginFree: 390_000,
      marginLevel: expect.any(Number),
    });
    expect(preview.before.marginLevel).toBeCloseTo(454.545, 3);
    expect(preview.after).toMatchObject({ equity: 500_000, margin: 220_000, marginFree: 280_000 });
    expect(preview.after.marginLevel).toBeCloseTo(227.273, 3);
    expect(preview).toMatchObject({
      currency: 'USD',
      marginCallLevel: 100,
      stopOutLevel: 50,
      crosses: 'none',
      warnings: [],
    });
  });

  it('says which line a lower leverage would cross', () => {
    const ctx = smallDesk();
    // 1:20 → margin 5,500.00, level 90.9 % (≤ 100 % margin call); 1:10 → 11,000.00, 45.5 % (≤ 50 % stop-out).
    const toMarginCall = previewImpact(ctx, S, LOGIN, { kind: 'leverage', leverage: 20 });
    expect(toMarginCall.after.margin).toBe(550_000);
    expect(toMarginCall.crosses).toBe('margin-call');
    expect(toMarginCall.warnings).toEqual([
      'This takes the account into margin call (margin level 90.9% against a margin-call level of 100%).',
    ]);
    expect(previewImpact(ctx, S, LOGIN, { kind: 'leverage', leverage: 10 }).crosses).toBe('stop-out');
    expect(() => previewImpact(ctx, S, LOGIN, { kind: 'leverage', leverage: 501 })).toThrow(/1 to 500, got 501/);
  });

  it('warns that a withdrawal above free margin will be refused, and what it would cross', () => {
    const preview = previewImpact(smallDesk(), S, LOGIN, { kind: 'withdrawal', amount: '4000' });
    expect(preview.after).toMatchObject({ equity: 100_000, margin: 110_000, marginFree: -10_000 });
    expect(preview.after.marginLevel).toBeCloseTo(90.909, 3);
    expect(preview.crosses).toBe('margin-call');
    expect(preview.warnings[0]).toBe(
      'A withdrawal above free margin (3,900.00 USD) will be refused by the server (retcode 10019).',
    );
    const small = previewImpact(smallDesk(), S, LOGIN, { kind: 'withdrawal', amount: '100' });
    expect(small).toMatchObject({ crosses: 'none', warnings: [] });
    expect(() => previewImpact(smallDesk(), S, LOGIN, { kind: 'withdrawal', amount: 'lots' })).toThrow(/got 'lots'/);
  });

  it('takes the target group’s levels, and warns of a currency or margin-mode change', () => {
    const ctx = smallDesk();
    const stricter = previewImpact(ctx, S, LOGIN, { kind: 'group', group: 'usd-hedge-b' });
    expect(stricter).toMatchObject({ marginCallLevel: 500, stopOutLevel: 300, crosses: 'margin-call' });
    const eur = previewImpact(ctx, S, LOGIN, { kind: 'group', group: 'eur-net' });
    expect(eur.warnings).toEqual([
      'The server will refuse this: Login 2001 has 1 open position, so it cannot move from usd-hedge to eur-net: the currency (USD → EUR) and margin mode (hedging → netting) differ. Close them first.',
      'Group currency differs (USD → EUR): the balance is not converted, so 5,000.00 USD would read as 5,000.00 EUR.',
      'Margin mode differs (hedging → netting).',
    ]);
    expect(() => previewImpact(ctx, S, LOGIN, { kind: 'group', group: 'nope' })).toThrow(
      "Group 'nope' does not exist on s1.",
    );
  });

  it('compares equity with money levels when the group sets them in money', () => {
    const ctx = smallDesk('usd-money');
    // Equity 5,000 → 800 after withdrawing 4,200: below the 1,000 USD margin call, above the 500 stop-out.
    const preview = previewImpact(ctx, S, LOGIN, { kind: 'money', amount: -420_000, dealAction: DealAction.BALANCE });
    expect(preview).toMatchObject({ crosses: 'margin-call', marginCallLevel: 1_000, stopOutLevel: 500 });
    expect(preview.warnings).toContain(
      'This takes the account into margin call (equity 800.00 USD against a margin-call level of 1,000.00 USD).',
    );
    expect(preview.warnings).toContain(
      'Group usd-money sets its margin-call and stop-out levels in money (USD), not percent.',
    );
  });
});
