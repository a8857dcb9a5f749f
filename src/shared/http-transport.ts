/**
 * The contract over HTTP, for the local web host: calls are POSTed as frames, events arrive by
 * server-sent events. The launch key goes as a bearer token, in the browser and in Node alike.
 */
import type { Transport } from './client';
import type { EventName, MethodName } from './channels';
import { isErrorData, type Envelope } from './errors';
import { encodeFrame } from './wire-frame';

export const FRAME_CONTENT_TYPE = 'application/x-focal-frame';

export interface EventSourceLike {
  addEventListener(type: string, listener: (message: { data: string }) => void): void;
  removeEventListener(type: string, listener: (message: { data: string }) => void): void;
}

export interface HttpTransportOptions {
  /** The host's origin; '' for the page's own origin. */
  baseUrl: string;
  headers?: Record<string, string>;
  /** Opens the event stream; absent where events are not needed (the CLI, some tests). */
  openEvents?: (url: string) => EventSourceLike;
}

function isEnvelope(value: unknown): value is Envelope<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return record['ok'] === true ? 'value' in record : record['ok'] === false && isErrorData(record['error']);
}

export function createHttpTransport(options: HttpTransportOptions): Transport {
  let events: EventSourceLike | undefined;
  return {
    kind: 'http',
    async invoke(method: MethodName, input: unknown): Promise<Envelope<unknown>> {
      let response: Response;
      try {
        response = await fetch(`${options.baseUrl}/api/call/${method}`, {
          method: 'POST',
          headers: { 'Content-Type': FRAME_CONTENT_TYPE, ...options.headers },
          body: encodeFrame(input) as Uint8Array<ArrayBuffer>,
          credentials: 'same-origin',
        });
      } catch {
        return { ok: false, error: { code: 'unreachable', message: 'Focal’s web host cannot be reached. Is `npm run web` still running?' } };
      }
      const body: unknown = await response.json().catch(() => undefined);
      if (isEnvelope(body)) return body;
      return { ok: false, error: { code: 'internal', message: `Focal’s web host answered ${response.status} without a result.` } };
    },
    subscribe(event: EventName, listener: (payload: unknown) => void): () => void {
      if (!options.openEvents) return () => {};
      events ??= options.openEvents(`${options.baseUrl}/api/events`);
      const onMessage = (message: { data: string }) => listener(JSON.parse(message.data));
      events.addEventListener(event, onMessage);
      return () => events?.removeEventListener(event, onMessage);
    },
  };
}

