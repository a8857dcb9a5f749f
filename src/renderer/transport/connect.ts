/** Picks the transport: the preload's bridge inside Electron, the local web host's HTTP API in a browser. */
import { createClient, type FocalClient, type Transport } from '../../shared/client';
import type { EventName, MethodName } from '../../shared/contract';
import type { Envelope } from '../../shared/errors';
import { createHttpTransport } from '../../shared/http-transport';
import { takeWebKey, type WebKey } from './web-key';

interface FocalBridge {
  invoke(method: MethodName, input: unknown): Promise<Envelope<unknown>>;
  on(event: EventName, listener: (payload: unknown) => void): () => void;
}

function bridgeTransport(bridge: FocalBridge): Transport {
  return { kind: 'ipc', invoke: (method, input) => bridge.invoke(method, input), subscribe: (event, listener) => bridge.on(event, listener) };
}

/**
 * The client of main: over the preload's bridge in Electron, over HTTP in a browser. There, `webKey` is the launch
 * key it sends (web-key.ts), to keep once the host accepts it; null in Electron.
 */
export function connectToMain(): { client: FocalClient; webKey: WebKey | null } {
  const bridge = (window as unknown as { focal?: FocalBridge }).focal;
  if (bridge) return { client: createClient(bridgeTransport(bridge)), webKey: null };
  const webKey = takeWebKey({ hash: location.hash, forgetHash: () => history.replaceState(history.state, '', location.pathname + location.search) }, localStorage);
  return { client: webClient(webKey.key), webKey };
}

/** The client of the local web host, sending `key`. */
export function webClient(key: string | undefined): FocalClient {
  // EventSource cannot send headers: the event stream takes the key in its address, which only this page requests.
  return createClient(
    createHttpTransport({
      baseUrl: '',
      headers: key ? { Authorization: `Bearer ${key}` } : {},
      openEvents: (url) => new EventSource(key ? `${url}?key=${encodeURIComponent(key)}` : url),
    }),
  );
}
