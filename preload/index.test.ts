import { beforeEach, describe, expect, it, vi } from 'vitest';
import { type DeskApi, requestNames } from '../shared/contract';
import { IPC_REQUEST_CHANNEL } from '../shared/wire';

type Forward = (event: unknown, payload: unknown) => void;

const electron = vi.hoisted(() => {
  const listeners = new Map<string, Set<(event: unknown, payload: unknown) => void>>();
  return {
    listeners,
    exposed: new Map<string, unknown>(),
    invoke: vi.fn(async (..._args: unknown[]) => ({ ok: true, value: null })),
  };
});

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => electron.exposed.set(key, api) },
  ipcRenderer: {
    invoke: electron.invoke,
    on(channel: string, listener: Forward) {
      if (!electron.listeners.has(channel)) electron.listeners.set(channel, new Set());
      electron.listeners.get(channel)!.add(listener);
    },
    removeListener(channel: string, listener: Forward) {
      electron.listeners.get(channel)?.delete(listener);
    },
  },
}));

async function loadDesk(): Promise<DeskApi> {
  vi.resetModules();
  electron.exposed.clear();
  await import('./index');
  return electron.exposed.get('desk') as DeskApi;
}

describe('preload bridge', () => {
  beforeEach(() => {
    electron.listeners.clear();
    electron.invoke.mockClear();
  });

  it('exposes only window.desk: one function per request plus subscribe', async () => {
    const desk = await loadDesk();
    expect([...electron.exposed.keys()]).toEqual(['desk']);
    expect(Object.keys(desk).sort()).toEqual([...requestNames, 'subscribe'].sort());
    for (const value of Object.values(desk)) expect(typeof value).toBe('function');
  });

  it('sends each request on the one request channel with its name and input', async () => {
    const desk = await loadDesk();
    await desk['positions.list']({ login: 5 });
    expect(electron.invoke).toHaveBeenCalledWith(IPC_REQUEST_CHANNEL, 'positions.list', { login: 5 });
  });

  it('gives listeners the payload, never the IPC event, and unsubscribes', async () => {
    const desk = await loadDesk();
    const listener = vi.fn();
    const unsubscribe = desk.subscribe('status', listener);
    const event = { sender: 'ipcRenderer', senderFrame: {} };
    for (const forward of electron.listeners.get('desk:stream:status') ?? []) forward(event, []);
    expect(listener.mock.calls).toEqual([[[]]]);
    unsubscribe();
    expect(electron.listeners.get('desk:stream:status')?.size).toBe(0);
  });

  it('refuses to subscribe to anything but a contract stream', async () => {
    const desk = await loadDesk();
    expect(() => desk.subscribe('../desk:request' as never, () => {})).toThrow(/no stream/);
    expect(electron.listeners.size).toBe(0);
  });
});
