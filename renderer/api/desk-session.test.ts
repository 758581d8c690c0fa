import { describe, expect, it } from 'vitest';
import type { DeskApi, Reply } from '../../shared/contract';
import type { PositionRow } from '../../shared/rows';
import { startDeskSession } from './desk-session';
import { createFakeDesk } from './fake-desk';

const reporter = () => {
  const problems: (string | null)[] = [];
  return {
    problems,
    report: { setInfo: () => {}, setStatuses: () => {}, setProblem: (p: string | null) => problems.push(p) },
  };
};

describe('startDeskSession', () => {
  it('subscribes before ready and loads both snapshots', async () => {
    const fake = createFakeDesk({ positions: 20, frameMs: 0 });
    const calls: string[] = [];
    const desk: DeskApi = {
      ...fake,
      subscribe: (stream, listener) => {
        calls.push(`subscribe:${stream}`);
        return fake.subscribe(stream, listener);
      },
      'desk.ready': (input) => {
        calls.push('ready');
        return fake['desk.ready'](input);
      },
    };
    const { report } = reporter();
    const session = startDeskSession(desk, report);
    await session.started;
    expect(calls.indexOf('ready')).toBeGreaterThan(calls.lastIndexOf('subscribe:positions'));
    expect(session.feeds.positions.size).toBe(20);
    expect(session.feeds.accounts.size).toBe(40);
    fake.stop();
  });

  it('keeps a batch that arrives while the snapshot is on its way', async () => {
    const fake = createFakeDesk({ positions: 5, frameMs: 0 });
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let snapshot: PositionRow[] = [];
    const desk: DeskApi = {
      ...fake,
      'positions.list': async (input) => {
        const reply = await fake['positions.list'](input);
        if (reply.ok) snapshot = reply.value;
        await gate; // the reply is still in flight while a frame arrives
        return reply;
      },
    };
    const session = startDeskSession(desk, reporter().report);
    await new Promise((r) => setTimeout(r, 0));
    fake.tick();
    release();
    await session.started;
    const live = await fake['positions.list']({});
    const expected = live.ok ? live.value.map((p) => p.id).sort() : [];
    expect([...session.feeds.positions.values()].map((p) => p.id).sort()).toEqual(expected);
    expect(snapshot.length).toBeGreaterThan(0);
    fake.stop();
  });

  it('retries a refused step and says why', async () => {
    const fake = createFakeDesk({ positions: 1, frameMs: 0 });
    let refusals = 2;
    const refused: Reply<never> = { ok: false, error: { code: 'not_ready', message: 'still syncing' } };
    const desk: DeskApi = {
      ...fake,
      'accounts.list': async (input) => {
        if (refusals-- > 0) return refused;
        return fake['accounts.list'](input);
      },
    };
    const { report, problems } = reporter();
    const session = startDeskSession(desk, report, { sleep: async () => {} });
    await session.started;
    expect(problems[0]).toContain('still syncing');
    expect(problems.at(-1)).toBeNull();
    expect(session.feeds.accounts.isLoaded).toBe(true);
    fake.stop();
  });

  it('runs ready and the snapshots again after the socket reconnects', async () => {
    const fake = createFakeDesk({ positions: 3, frameMs: 0 });
    let onState: (state: string) => void = () => {};
    let readyCalls = 0;
    const desk = {
      ...fake,
      'desk.ready': (input: Record<string, never>) => {
        readyCalls++;
        return fake['desk.ready'](input);
      },
      onConnectionChange(listener: (state: string) => void) {
        onState = listener;
        return () => {};
      },
    };
    const { report, problems } = reporter();
    const session = startDeskSession(desk, report);
    onState('open');
    await session.started;
    onState('reconnecting');
    expect(problems.at(-1)).toContain('Reconnecting');
    onState('open');
    await new Promise((r) => setTimeout(r, 10));
    expect(readyCalls).toBe(2);
    expect(problems.at(-1)).toBeNull();
    expect(session.feeds.positions.size).toBe(3);
    fake.stop();
  });
});
