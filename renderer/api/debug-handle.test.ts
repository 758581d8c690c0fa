import { afterEach, describe, expect, it, vi } from 'vitest';
import { FlushLog, recordGridFlush } from './debug-handle';

describe('FlushLog', () => {
  it('gives back each flush as it was recorded: lots, none, or a removal', () => {
    const log = new FlushLog();
    log.add('positions', 'sim:1', 1_700_000_000_000.5, false, 0.25);
    log.add('accounts', 'sim:7', 1_700_000_000_001, false, null);
    log.add('positions', 'sim:1', 1_700_000_000_002, true, 0.25);
    expect(log.entries()).toEqual([
      { grid: 'positions', id: 'sim:1', at: 1_700_000_000_000.5, removed: false, lots: 0.25 },
      { grid: 'accounts', id: 'sim:7', at: 1_700_000_000_001, removed: false, lots: null },
      { grid: 'positions', id: 'sim:1', at: 1_700_000_000_002, removed: true, lots: null },
    ]);
  });
});

describe('recordGridFlush', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('asks the grid for its rows only while a benchmark records', () => {
    vi.stubGlobal('window', {});
    const applied = vi.fn(() => ({ update: [{ data: { id: 'sim:1', lots: 1 } }] }));
    recordGridFlush('positions', applied);
    expect(applied).not.toHaveBeenCalled();
  });

  it('records every added, updated and removed row of a flush at one time', () => {
    const log = new FlushLog();
    vi.stubGlobal('window', { __dealerDesk: { flushLog: log } });
    recordGridFlush('positions', () => ({
      add: [{ data: { id: 'sim:2', lots: 0.5 } }],
      update: [{ data: { id: 'sim:1', lots: 1 } }, { data: undefined }],
      remove: [{ data: { id: 'sim:3', lots: 2 } }],
    }));
    const entries = log.entries();
    expect(entries.map(({ id, removed, lots }) => [id, removed, lots])).toEqual([
      ['sim:2', false, 0.5],
      ['sim:1', false, 1],
      ['sim:3', true, null],
    ]);
    expect(new Set(entries.map((e) => e.at)).size).toBe(1);
  });
});
