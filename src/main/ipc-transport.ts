/**
 * The Electron transport: one `ipcMain.handle` per contract method, derived from the contract's list.
 * Calls are answered only for the app's own top-level frame; every answer is an envelope.
 */
import { ipcChannel, methodNames } from '../shared/contract';
import { FocalError, type Envelope } from '../shared/errors';
import { dispatch, type ServiceImpl } from './services/dispatch';

/** The slice of Electron's ipcMain this transport uses, so tests can drive it without Electron. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcSenderEvent, input: unknown) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export interface IpcSenderEvent {
  senderFrame: { url: string; parent: unknown } | null;
}

export function registerIpcTransport(
  ipc: IpcMainLike,
  services: ServiceImpl,
  isTrustedUrl: (url: string) => boolean,
): () => void {
  for (const method of methodNames) {
    ipc.handle(ipcChannel.method(method), async (event, input): Promise<Envelope<unknown>> => {
      const frame = event.senderFrame;
      if (!frame || frame.parent !== null || !isTrustedUrl(frame.url)) {
        return { ok: false, error: new FocalError('unauthorized', 'Calls are accepted only from Focal’s own window.').toData() };
      }
      return dispatch(services, method, input, { transport: 'ipc' });
    });
  }
  return () => methodNames.forEach((method) => ipc.removeHandler(ipcChannel.method(method)));
}
