/**
 * The bridge, derived from the contract's names: `window.focal.invoke(method, input)` and
 * `window.focal.on(event, listener)`. Unknown names are refused here, before they reach IPC.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { ipcChannel, isEventName, isMethodName } from '../shared/channels';

const bridge = {
  invoke(method: unknown, input: unknown): Promise<unknown> {
    if (!isMethodName(method)) {
      return Promise.resolve({ ok: false, error: { code: 'unknown-method', message: `Focal has no method called ${String(method).slice(0, 80)}.` } });
    }
    return ipcRenderer.invoke(ipcChannel.method(method), input);
  },
  on(event: unknown, listener: (payload: unknown) => void): () => void {
    if (!isEventName(event) || typeof listener !== 'function') return () => {};
    const channel = ipcChannel.event(event);
    const wrapped = (_e: unknown, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, wrapped);
    return () => ipcRenderer.removeListener(channel, wrapped);
  },
};

contextBridge.exposeInMainWorld('focal', bridge);

export type FocalBridge = typeof bridge;
