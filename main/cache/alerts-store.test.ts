import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_ALERT_SETTINGS } from '../../shared/alert-settings';
import { MarginSOMode } from '../../shared/mt5';
import { AlertsEngine } from '../engines/alerts/engine';
import type { AccountObservation } from '../engines/alerts/observations';
import { engineWith, eurusd, settingsWith, usd } from '../engines/alerts/testing';
import { type AlertsStore, openAlertsStore } from './alerts-store';
import { openRecordStore } from './record-store';
import { tempFolder } from './test-events';

const T = 1_700_000_000_000;
const CONCENTRATION = 'concentration:sim-1:EURUSD';
const MARGIN = 'margin:sim-1:1001';
const thresholds = { concentration: { notional: { warn: usd(5_000_000), critical: usd(10_000_000) } } };

const account = (equity: number, margin: number): AccountObservation => ({
  server: 'sim-1',
  login: 1001,
  group: 'real\\B',
  equity,
  margin,
  marginSOMode: MarginSOMode.PERCENT,
  marginCall: 100,
  marginStopOut: 50,
});

describe('alerts store', () => {
  let folder: ReturnType<typeof tempFolder>;
  let file: string;
  let store: AlertsStore;
  beforeEach(() => {
    folder = tempFolder();
    file = join(folder.path, 'desk.db');
    store = openAlertsStore(file);
  });
  afterEach(() => {
    store.close();
    folder.remove();
  });

  it('keeps alerts and their history across a restart, and the restored engine does not duplicate', () => {
    const engine = engineWith(thresholds);
    engine.observeSymbolExposure(eurusd(5_500_000), T);
    engine.acknowledge(CONCENTRATION, 'dana', T + 1_000);
    engine.observeAccount(account(usd(900), usd(1_000)), T + 2_000);
    engine.observeSymbolExposure(eurusd(5_600_000), T + 3_000);
    store.save(engine.drain());
    store.close();

    // A new session: the same file, a fresh engine restored from what was saved.
    store = openAlertsStore(file);
    const restored = store.activeAlerts();
    expect(restored.map((a) => [a.key, a.state, a.level])).toEqual([
      [CONCENTRATION, 'acknowledged', 'warn'],
      [MARGIN, 'open', 'warn'],
    ]);
    expect(restored[0]).toMatchObject({ acknowledgedBy: 'dana', acknowledgedMsc: T + 1_000, value: usd(5_600_000) });
    const after = engineWith(thresholds);
    after.restore(restored);

    after.observeSymbolExposure(eurusd(5_700_000), T + 60_000); // still breached: refreshes the one alert
    after.observeAccount(account(usd(550), usd(1_000)), T + 61_000); // worse: escalates the same key
    const drained = after.drain();
    expect(drained.changes.map((c) => `${c.kind}:${c.alert.key}`)).toEqual([`escalated:${MARGIN}`]);
    expect(drained.updated.map((a) => a.key)).toEqual([CONCENTRATION]);
    store.save(drained);

    const raw = new Database(file, { readonly: true });
    expect(raw.prepare('SELECT count(*) FROM alerts').pluck().get()).toBe(2);
    expect(raw.prepare('SELECT last_msc FROM alerts WHERE key = ?').pluck().get(CONCENTRATION)).toBe(T + 60_000);
    raw.close();

    const history = store.history();
    expect(history.map((h) => `${h.kind}:${h.alert.key}:${h.by}`)).toEqual([
      `escalated:${MARGIN}:null`,
      `opened:${MARGIN}:null`,
      `acknowledged:${CONCENTRATION}:dana`,
      `opened:${CONCENTRATION}:null`,
    ]);
    expect(history[2]!.alert).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'dana' });
  });

  it('restores a snoozed alert that re-opens when its snooze ends', () => {
    const engine = engineWith(thresholds);
    engine.observeSymbolExposure(eurusd(5_500_000), T);
    engine.snooze(CONCENTRATION, 'dana', T + 600_000, T + 1);
    store.save(engine.drain());
    store.close();
    store = openAlertsStore(file);
    const after = engineWith(thresholds);
    after.restore(store.activeAlerts());
    after.evaluate(T + 600_000);
    store.save(after.drain());
    expect(store.activeAlerts()[0]).toMatchObject({ key: CONCENTRATION, state: 'open', snoozedUntilMsc: null });
    expect(store.history({ key: CONCENTRATION, limit: 1 })[0]).toMatchObject({ kind: 'reopened', by: null });
  });

  it('lists history by key and time, newest first, and pages back by id', () => {
    const engine = engineWith(thresholds);
    for (let i = 0; i < 5; i++) {
      if (i === 1) engine.observeAccount(account(usd(900), usd(1_000)), T + 7);
      engine.observeSymbolExposure(eurusd(5_500_000), T + i * 10);
      engine.observeSymbolExposure(eurusd(1_000_000), T + i * 10 + 5);
    }
    store.save(engine.drain());
    const ofKey = store.history({ key: CONCENTRATION });
    expect(ofKey).toHaveLength(10);
    expect(ofKey[0]).toMatchObject({ kind: 'resolved', atMsc: T + 45, by: null });
    expect(store.history({ fromMsc: T + 5, toMsc: T + 10 }).map((h) => [h.kind, h.atMsc])).toEqual([
      ['opened', T + 10],
      ['opened', T + 7],
      ['resolved', T + 5],
    ]);
    const page = store.history({ limit: 4 });
    const next = store.history({ limit: 4, beforeId: page.at(-1)!.id });
    expect(next[0]!.id).toBeLessThan(page.at(-1)!.id);
    expect(store.history({ key: 'margin:sim-1:404' })).toEqual([]);
  });

  it('keeps the history append-only and a save all or nothing', () => {
    const engine = engineWith(thresholds);
    engine.observeSymbolExposure(eurusd(5_500_000), T);
    store.save(engine.drain());
    const raw = new Database(file);
    expect(() => raw.prepare('UPDATE alert_history SET actor = ?').run('mallory')).toThrow(/append-only/);
    expect(() => raw.prepare('DELETE FROM alert_history').run()).toThrow(/append-only/);
    raw.close();

    const bad = engineWith(thresholds);
    bad.observeSymbolExposure(eurusd(6_000_000), T + 1);
    const drained = bad.drain();
    const broken = { ...drained.changes[0]!, alert: { ...drained.changes[0]!.alert, state: 'lost' as 'open' } };
    expect(() => store.save({ changes: [...drained.changes, broken], updated: [] })).toThrow(/CHECK/);
    expect(store.history()).toHaveLength(1);
  });

  it('records each version of the thresholds with who changed them', () => {
    expect(store.settings()).toBeUndefined();
    const tighter = settingsWith({ largeMoney: { warn: usd(20_000), critical: usd(100_000) } });
    expect(store.saveSettings(tighter, 'risk-lead', T)).toMatchObject({ version: 1, changedBy: 'risk-lead' });
    store.saveSettings(DEFAULT_ALERT_SETTINGS, 'dana', T + 1);
    store.close();
    store = openAlertsStore(file);
    expect(store.settings()).toEqual({
      version: 2,
      settings: DEFAULT_ALERT_SETTINGS,
      changedBy: 'dana',
      changedMsc: T + 1,
    });
    expect(new AlertsEngine(store.settings()!.settings).settings.largeMoney.warn).toBe(usd(50_000));
  });

  it('shares desk.db with the record store', () => {
    const record = openRecordStore(file);
    record.saveSetting('desk.currency', 'USD');
    const engine = engineWith(thresholds);
    engine.observeSymbolExposure(eurusd(5_500_000), T);
    store.save(engine.drain());
    expect(record.setting('desk.currency')).toBe('USD');
    expect(store.activeAlerts()).toHaveLength(1);
    record.close();
  });
});
