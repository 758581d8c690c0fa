/**
 * The preload: builds `window.desk` (the contract's DeskApi) and nothing else. Runs sandboxed and
 * context-isolated; the page never sees ipcRenderer, channel names or the IPC event.
 */
import { contextBridge, type IpcRendererEvent, ipcRenderer } from 'electron';
import type { DeskApi, RequestName, StreamName } from '../shared/contract';
import { IPC_REQUEST_CHANNEL, ipcStreamChannel } from '../shared/wire';
import { preloadRequestNames, preloadStreamNames } from './channels';

const call = (channel: RequestName) => (input: unknown) => ipcRenderer.invoke(IPC_REQUEST_CHANNEL, channel, input);

function subscribe(stream: StreamName, listener: (payload: unknown) => void): () => void {
  // Only the contract's streams: the page cannot use subscribe to listen on any other IPC channel.
  if (!preloadStreamNames.includes(stream)) throw new Error(`The desk has no stream named '${String(stream)}'.`);
  if (typeof listener !== 'function') throw new TypeError('subscribe needs a listener function.');
  const channel = ipcStreamChannel(stream);
  const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
  ipcRenderer.on(channel, forward);
  return () => {
    ipcRenderer.removeListener(channel, forward);
  };
}

// One function per contract request; the cast is the only place the per-channel types are erased.
const desk = {
  ...(Object.fromEntries(preloadRequestNames.map((name) => [name, call(name)])) as Omit<DeskApi, 'subscribe'>),
  subscribe: subscribe as DeskApi['subscribe'],
} satisfies DeskApi;

contextBridge.exposeInMainWorld('desk', desk);
