/**
 * Electron IPC into the hub. One generic request channel rather than one per contract entry:
 * the router then answers an unknown channel with its own `unknown_channel` envelope (Electron
 * would only throw "no handler registered"), and there is no second list of channels to keep in
 * sync. The preload still exposes one function per request, so the page never sees the channel.
 */
import type { IpcMain, WebContents } from 'electron';
import { IPC_REQUEST_CHANNEL, ipcStreamChannel } from '../../shared/wire';
import type { Hub } from '../ipc/hub';

export interface DeskWindows {
  /** Binds a window's web contents to the hub; each page load is a new desk window. */
  bind(contents: WebContents): void;
  windowIdOf(contents: WebContents): string | undefined;
}

export function createDeskWindows(hub: Hub): DeskWindows {
  const windowIds = new Map<number, string>();

  function openFor(contents: WebContents): void {
    const previous = windowIds.get(contents.id);
    if (previous) hub.closeWindow(previous);
    windowIds.set(
      contents.id,
      hub.openWindow({
        send(stream, payload) {
          if (!contents.isDestroyed()) contents.send(ipcStreamChannel(stream), payload);
        },
      }),
    );
  }

  return {
    bind(contents) {
      openFor(contents);
      let firstLoad = true;
      // A reload is a new page that will subscribe and ask desk.ready again: give it a fresh window,
      // so it gets no frames before it is ready and the core forgets the old page's viewport.
      contents.on('did-start-navigation', (details) => {
        if (!details.isMainFrame || details.isSameDocument) return;
        if (firstLoad) {
          firstLoad = false;
          return;
        }
        openFor(contents);
      });
      contents.once('destroyed', () => {
        const windowId = windowIds.get(contents.id);
        windowIds.delete(contents.id);
        if (windowId) hub.closeWindow(windowId);
      });
    },
    windowIdOf: (contents) => windowIds.get(contents.id),
  };
}

export function connectIpc(ipc: IpcMain, hub: Hub, windows: DeskWindows): void {
  ipc.handle(IPC_REQUEST_CHANNEL, (event, channel: unknown, input: unknown) => {
    const frame = event.senderFrame;
    // Only the top frame of a desk window speaks for it; a subframe or a gone frame gets no URL.
    const url = frame && frame.parent === null ? frame.url : '';
    const windowId = windows.windowIdOf(event.sender) ?? '';
    return hub.request(windowId, typeof channel === 'string' ? channel : '', input, url);
  });
}
