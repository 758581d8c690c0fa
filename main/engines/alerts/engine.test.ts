import { describe, expect, it } from 'vitest';
import { DealAction, MarginSOMode } from '../../../shared/mt5';
import { lotsToVolume } from '../../../shared/units';
import type { AccountObservation } from './observations';
import { deal, engineWith, eurusd, kinds, usd } from './testing';

const T = 1_700_000_000_000;
const KEY = 'concentration:sim-1:EURUSD';

/** Concentration limits of 5M (warn) and 10M (critical) USD, 10% hysteresis: warn clears below 4.5M. */
const concentrationOnly = () =>
  engineWith({
    concentration: { notional: { warn: usd(5_000_000), critical: usd(10_000_000) }, hysteresis: 0.1 },
  });

describe('alerts engine: thresholds with hysteresis', () => {
  it('opens exactly one alert when a threshold is crossed, however often it is observed', () => {
    const engine = concentrationOnly();
    engine.observeSymbolExposure(eurusd(4_900_000), T);
    expect(engine.drain().changes).toEqual([]);
    engine.observeSymbolExposure(eurusd(-5_200_000), T + 1);
    engine.observeSymbolExposure(eurusd(-5_300_000), T + 2);
    engine.observeSymbolExposure(eurusd(-5_400_000), T + 3);
    const { changes, updated } = engine.drain();
    expect(changes.map((c) => c.kind)).toEqual(['opened']);
    expect(changes[0]!.alert).toMatchObject({
      key: KEY,
      rule: 'concentration',
      server: 'sim-1',
      subject: 'EURUSD',
      level: 'warn',
      state: 'open',
      firstMsc: T + 1,
      value: usd(5_200_000),
      threshold: usd(5_000_000),
      unit: 'money',
      brokerNetNotional: usd(-5_200_000),
    });
    expect(changes[0]!.alert.message).toContain('-5,200,000.00 USD');
    expect(changes[0]!.by).toBeNull();
    // Later observations refresh the one alert instead of recording changes.
    expect(updated).toHaveLength(1);
    expect(updated[0]).toMatchObject({ key: KEY, value: usd(5_400_000), lastMsc: T + 3, firstMsc: T + 1 });
    expect(engine.alerts()).toHaveLength(1);
  });

  it('neither re-opens nor resolves while the value oscillates within the hysteresis band', () => {
    const engine = concentrationOnly();
    for (const [i, net] of [5_100_000, 4_600_000, 5_050_000, 4_500_000, 5_300_000, 4_550_000].entries()) {
      engine.observeSymbolExposure(eurusd(net), T + i);
    }
    expect(kinds(engine)).toEqual([`opened:${KEY}`]);
    expect(engine.find(KEY)).toMatchObject({ state: 'open', level: 'warn', value: usd(4_550_000) });
  });

  it('resolves automatically once the value is back by more than the margin, and records it', () => {
    const engine = concentrationOnly();
    engine.observeSymbolExposure(eurusd(5_100_000), T);
    engine.observeSymbolExposure(eurusd(4_499_999), T + 10);
    const { changes } = engine.drain();
    expect(changes.map((c) => c.kind)).toEqual(['opened', 'resolved']);
    expect(changes[1]).toMatchObject({
      by: null,
      atMsc: T + 10,
      alert: { state: 'resolved', resolvedBy: null, resolvedMsc: T + 10, value: usd(4_499_999) },
    });
    expect(engine.alerts()).toEqual([]);
    // A new crossing is a new occurrence of the same key.
    engine.observeSymbolExposure(eurusd(5_000_000), T + 20);
    expect(engine.drain().changes.map((c) => [c.kind, c.alert.firstMsc])).toEqual([['opened', T + 20]]);
  });

  it('escalates warn → critical and back under one key', () => {
    const engine = concentrationOnly();
    engine.observeSymbolExposure(eurusd(6_000_000), T);
    engine.observeSymbolExposure(eurusd(10_500_000), T + 1);
    engine.observeSymbolExposure(eurusd(9_200_000), T + 2); // within 10% of critical: holds
    engine.observeSymbolExposure(eurusd(8_900_000), T + 3); // back by more: de-escalates
    engine.observeSymbolExposure(eurusd(12_000_000), T + 4);
    const { changes } = engine.drain();
    expect(changes.map((c) => `${c.kind}:${c.alert.level}`)).toEqual([
      'opened:warn',
      'escalated:critical',
      'deescalated:warn',
      'escalated:critical',
    ]);
    expect(new Set(changes.map((c) => c.alert.key))).toEqual(new Set([KEY]));
    expect(changes[1]!.alert.threshold).toBe(usd(10_000_000));
    expect(engine.alerts()).toHaveLength(1);
  });

  it("raises concentration on the symbol's share of the book too, reporting the share", () => {
    const engine = engineWith({ concentration: { share: { warn: 0.25, critical: 0.4 } } });
    engine.observeSymbolExposure(eurusd(1_000_000, 0.45), T);
    const [opened] = engine.drain().changes;
    expect(opened!.alert).toMatchObject({ level: 'critical', unit: 'share', value: 0.45, threshold: 0.4 });
    expect(opened!.alert.message).toContain('45.0% of the broker');
  });

  it('watches groups per server and regions across servers, on notional and clients winning', () => {
    const engine = engineWith({
      groupExposure: { warn: usd(1_000_000), critical: usd(2_000_000) },
      groupFloating: { warn: usd(50_000), critical: usd(100_000) },
      regionExposure: { warn: usd(3_000_000), critical: usd(6_000_000) },
      regionFloating: { warn: usd(80_000), critical: usd(200_000) },
    });
    engine.observeGroup(
      { server: 'sim-1', group: 'real\\B', netNotional: usd(-2_500_000), clientsFloating: usd(60_000) },
      T,
    );
    engine.observeRegion({ region: 'EU', netNotional: usd(1_000_000), clientsFloating: usd(-500_000) }, T);
    expect(kinds(engine)).toEqual(['opened:group-exposure:sim-1:real\\B', 'opened:group-floating:sim-1:real\\B']);
    expect(engine.find('group-exposure:sim-1:real\\B')?.level).toBe('critical');
    engine.observeRegion({ region: 'EU', netNotional: usd(3_100_000), clientsFloating: usd(250_000) }, T + 1);
    expect(engine.alerts().map((a) => `${a.key}:${a.level}`)).toContain('region-floating:EU:critical');
    expect(engine.find('region-exposure:EU')).toMatchObject({ server: null, subject: 'EU', level: 'warn' });
  });
});

describe('alerts engine: what people do', () => {
  it('records who acknowledged and who resolved, and when', () => {
    const engine = concentrationOnly();
    engine.observeSymbolExposure(eurusd(5_500_000), T);
    const acknowledged = engine.acknowledge(KEY, 'dana', T + 5);
    expect(acknowledged).toMatchObject({
      ok: true,
      value: { state: 'acknowledged', acknowledgedBy: 'dana', acknowledgedMsc: T + 5 },
    });
    // Still breached: an acknowledged alert stays active and keeps refreshing.
    engine.observeSymbolExposure(eurusd(5_600_000), T + 6);
    expect(engine.find(KEY)?.state).toBe('acknowledged');
    const resolved = engine.resolve(KEY, 'max', T + 9);
    expect(resolved).toMatchObject({ ok: true, value: { state: 'resolved', resolvedBy: 'max', resolvedMsc: T + 9 } });
    const { changes } = engine.drain();
    expect(changes.map((c) => [c.kind, c.by, c.atMsc])).toEqual([
      ['opened', null, T],
      ['acknowledged', 'dana', T + 5],
      ['resolved', 'max', T + 9],
    ]);
    expect(engine.resolve(KEY, 'max', T + 10)).toMatchObject({ ok: false, error: { code: 'alert_not_found' } });
  });

  it('keeps a hand-resolved breach silent until it clears, but not when it gets worse', () => {
    const engine = concentrationOnly();
    engine.observeSymbolExposure(eurusd(5_500_000), T);
    engine.resolve(KEY, 'dana', T + 1);
    engine.observeSymbolExposure(eurusd(5_800_000), T + 2);
    expect(kinds(engine)).toEqual([`opened:${KEY}`, `resolved:${KEY}`]);
    engine.observeSymbolExposure(eurusd(11_000_000), T + 3);
    expect(kinds(engine)).toEqual([`opened:${KEY}`]);
    expect(engine.find(KEY)?.level).toBe('critical');
    engine.resolve(KEY, 'dana', T + 4);
    engine.observeSymbolExposure(eurusd(1_000_000), T + 5); // cleared
    engine.observeSymbolExposure(eurusd(5_100_000), T + 6); // a fresh crossing
    expect(kinds(engine)).toEqual([`resolved:${KEY}`, `opened:${KEY}`]);
  });

  it('re-opens a snoozed alert when the snooze ends and the breach is still there', () => {
    const engine = concentrationOnly();
    engine.observeSymbolExposure(eurusd(5_500_000), T);
    expect(engine.snooze(KEY, 'dana', T, T)).toMatchObject({ ok: false, error: { code: 'snooze_in_past' } });
    expect(engine.snooze(KEY, 'dana', T + 60_000, T + 1)).toMatchObject({
      ok: true,
      value: { state: 'snoozed', snoozedBy: 'dana', snoozedUntilMsc: T + 60_000 },
    });
    engine.evaluate(T + 59_999);
    expect(engine.find(KEY)?.state).toBe('snoozed');
    engine.observeSymbolExposure(eurusd(5_400_000), T + 59_999);
    engine.evaluate(T + 60_000);
    const { changes } = engine.drain();
    expect(changes.map((c) => [c.kind, c.by, c.atMsc])).toEqual([
      ['opened', null, T],
      ['snoozed', 'dana', T + 1],
      ['reopened', null, T + 60_000],
    ]);
    expect(engine.find(KEY)).toMatchObject({ state: 'open', snoozedUntilMsc: null, firstMsc: T });
  });

  it('does not re-open a snoozed alert whose breach cleared meanwhile', () => {
    const engine = concentrationOnly();
    engine.observeSymbolExposure(eurusd(5_500_000), T);
    engine.snooze(KEY, 'dana', T + 60_000, T + 1);
    engine.observeSymbolExposure(eurusd(3_000_000), T + 30_000);
    engine.evaluate(T + 61_000);
    expect(kinds(engine)).toEqual([`opened:${KEY}`, `snoozed:${KEY}`, `resolved:${KEY}`]);
  });

  it('breaks through an acknowledgement or a snooze when the alert escalates', () => {
    const engine = concentrationOnly();
    engine.observeSymbolExposure(eurusd(5_500_000), T);
    engine.snooze(KEY, 'dana', T + 600_000, T + 1);
    engine.observeSymbolExposure(eurusd(10_000_000), T + 2);
    expect(engine.find(KEY)).toMatchObject({ state: 'open', level: 'critical', snoozedBy: null });
  });

  it('resolves the alerts of a rule switched off, in the name of who switched it', () => {
    const engine = concentrationOnly();
    engine.observeSymbolExposure(eurusd(5_500_000), T);
    engine.drain();
    engine.updateSettings(
      { ...engine.settings, concentration: { ...engine.settings.concentration, enabled: false } },
      'risk-lead',
      T + 1,
    );
    expect(engine.drain().changes.map((c) => [c.kind, c.by])).toEqual([['resolved', 'risk-lead']]);
    engine.observeSymbolExposure(eurusd(9_000_000), T + 2);
    expect(engine.alerts()).toEqual([]);
  });
});

describe('alerts engine: one-shot money and deal alerts', () => {
  const engine = () =>
    engineWith({
      largeMoney: { warn: usd(50_000), critical: usd(250_000) },
      largeDeal: { warn: lotsToVolume(50), critical: lotsToVolume(200) },
    });
  const balance = (ticket: number, amount: number, extra = {}) => ({
    server: 'sim-1',
    deal: deal({ ticket, action: DealAction.BALANCE, symbol: '', volume: 0, profit: amount }),
    currency: 'USD',
    deskAmount: amount,
    coverage: false,
    ...extra,
  });

  it('opens one alert per large deposit or withdrawal, keyed by the deal', () => {
    const e = engine();
    e.observeDeal(balance(7001, usd(60_000)), T);
    e.observeDeal(balance(7002, usd(-300_000)), T + 1);
    e.observeDeal(balance(7003, usd(49_999)), T + 2);
    e.observeDeal(balance(7004, usd(90_000), { coverage: true }), T + 3);
    e.observeDeal(balance(7001, usd(60_000)), T + 4); // the same deal again: no second alert
    expect(kinds(e)).toEqual(['opened:large-money:sim-1:7001', 'opened:large-money:sim-1:7002']);
    expect(e.find('large-money:sim-1:7002')).toMatchObject({ level: 'critical', value: usd(300_000) });
    expect(e.find('large-money:sim-1:7002')?.message).toMatch(/^Withdrawal of 300,000.00 USD on login 1001/);
  });

  it('judges a foreign-currency deposit by its desk amount', () => {
    const e = engine();
    e.observeDeal(balance(7005, 4_000_000_00, { currency: 'JPY', deskAmount: usd(27_000) }), T);
    e.observeDeal(balance(7006, 9_000_000_00, { currency: 'JPY', deskAmount: usd(61_000) }), T);
    expect(kinds(e)).toEqual(['opened:large-money:sim-1:7006']);
    expect(e.find('large-money:sim-1:7006')?.message).toContain('(61,000.00 USD)');
  });

  it('opens one alert per large deal and closes it once acknowledged', () => {
    const e = engine();
    const big = deal({ ticket: 8001, action: DealAction.SELL, volume: lotsToVolume(75) });
    e.observeDeal({ server: 'sim-1', deal: big, currency: 'USD', deskAmount: null, coverage: false }, T);
    e.observeDeal(
      {
        server: 'sim-1',
        deal: { ...big, ticket: 8002, volume: lotsToVolume(10) },
        currency: 'USD',
        deskAmount: null,
        coverage: false,
      },
      T,
    );
    expect(e.find('large-deal:sim-1:8001')).toMatchObject({ level: 'warn', unit: 'volume', value: lotsToVolume(75) });
    expect(e.find('large-deal:sim-1:8001')?.message).toContain('sell 75.00 lots EURUSD');
    const ack = e.acknowledge('large-deal:sim-1:8001', 'dana', T + 5);
    expect(ack).toMatchObject({ ok: true, value: { state: 'acknowledged', acknowledgedBy: 'dana' } });
    expect(e.drain().changes.map((c) => [c.kind, c.by])).toEqual([
      ['opened', null],
      ['acknowledged', 'dana'],
      ['resolved', 'dana'],
    ]);
    expect(e.alerts()).toEqual([]);
  });
});

describe('alerts engine: margin and servers', () => {
  const account = (equity: number, margin: number, extra: Partial<AccountObservation> = {}): AccountObservation => ({
    server: 'sim-1',
    login: 1001,
    group: 'real\\B',
    equity,
    margin,
    marginSOMode: MarginSOMode.PERCENT,
    marginCall: 100,
    marginStopOut: 50,
    ...extra,
  });

  it('warns below margin call, goes critical near stop-out, clears when margin is freed', () => {
    const engine = engineWith({ margin: { criticalNearStopOut: 0.2, hysteresis: 0.05 } });
    engine.observeAccount(account(usd(1_100), usd(1_000)), T); // 110%
    engine.observeAccount(account(usd(950), usd(1_000)), T + 1); // 95%: margin call
    engine.observeAccount(account(usd(1_040), usd(1_000)), T + 2); // 104%: within 5% → holds
    engine.observeAccount(account(usd(590), usd(1_000)), T + 3); // 59%: within 20% of stop-out
    engine.observeAccount(account(usd(800), usd(0)), T + 4); // positions closed
    const { changes } = engine.drain();
    expect(changes.map((c) => `${c.kind}:${c.alert.level}`)).toEqual([
      'opened:warn',
      'escalated:critical',
      'resolved:critical',
    ]);
    expect(changes[0]!.alert).toMatchObject({ key: 'margin:sim-1:1001', unit: 'percent', value: 95, threshold: 100 });
    expect(changes[0]!.alert.message).toContain('margin level 95.0% is below margin call 100.0%');
    expect(changes[1]!.alert.threshold).toBeCloseTo(60);
  });

  it("compares equity with money levels when the group's MarginSOMode is money", () => {
    const engine = engineWith();
    const money = { marginSOMode: MarginSOMode.MONEY, marginCall: 500, marginStopOut: 200 };
    engine.observeAccount(account(usd(450), usd(5_000), money), T);
    expect(engine.find('margin:sim-1:1001')).toMatchObject({
      level: 'warn',
      unit: 'currency',
      value: 450,
      threshold: 500,
    });
    engine.observeAccount(account(usd(230), usd(5_000), money), T + 1);
    expect(engine.find('margin:sim-1:1001')?.level).toBe('critical');
  });

  it('raises a disconnected server as critical, a lagging one as warn, and clears when live', () => {
    const engine = engineWith({ server: { lagWarnMs: 5_000, lagCriticalMs: 30_000, connectGraceMs: 60_000 } });
    const status = (state: 'live' | 'lagging' | 'down' | 'connecting', lagMs = 0) => ({
      server: 'sim-1',
      state,
      lagMs,
      message: '',
    });
    engine.observeServer(status('live'), T);
    engine.observeServer(status('lagging', 7_000), T + 1);
    engine.observeServer(status('down'), T + 2);
    engine.observeServer(status('connecting'), T + 3); // reconnecting: keeps critical
    engine.observeServer(status('live', 4_500), T + 4); // lag within the margin of 5 s: warn holds
    engine.observeServer(status('live', 1_000), T + 5);
    const { changes } = engine.drain();
    expect(changes.map((c) => `${c.kind}:${c.alert.level}`)).toEqual([
      'opened:warn',
      'escalated:critical',
      'deescalated:warn',
      'resolved:warn',
    ]);
    expect(changes[1]!.alert.message).toContain('Server sim-1 is disconnected');
  });

  it('warns of a server still not live after the grace', () => {
    const engine = engineWith({ server: { connectGraceMs: 60_000 } });
    engine.observeServer({ server: 'mt5-live', state: 'connecting', lagMs: 0, message: 'TLS handshake' }, T);
    engine.evaluate(T + 59_000);
    expect(engine.alerts()).toEqual([]);
    engine.evaluate(T + 60_000);
    expect(engine.find('server:mt5-live')).toMatchObject({ level: 'warn', value: 60_000 });
    expect(engine.find('server:mt5-live')?.message).toContain('connecting (TLS handshake)');
  });
});
