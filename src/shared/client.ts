/**
 * The renderer's typed view of main, built from the contract over any transport (IPC or HTTP).
 * Failures arrive as `{ code, message }` and are rethrown here as FocalError.
 */
import { methodNames, type EventName, type MethodName } from './channels';
import type { EventPayload, FocalApi } from './contract';
import { FocalError, isErrorData, type Envelope } from './errors';

export interface Transport {
  readonly kind: 'ipc' | 'http';
  invoke(method: MethodName, input: unknown): Promise<Envelope<unknown>>;
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void;
}

export interface FocalClient {
  readonly api: FocalApi;
  readonly transport: Transport['kind'];
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

export function unwrapEnvelope<T>(envelope: Envelope<T>): T {
  if (envelope.ok) return envelope.value;
  const error = isErrorData(envelope.error)
    ? envelope.error
    : { code: 'internal' as const, message: 'Main answered with an unreadable error.' };
  throw FocalError.fromData(error);
}

export function createClient(transport: Transport): FocalClient {
  const api = Object.fromEntries(
    methodNames.map((method) => [
      method,
      async (input: unknown) => unwrapEnvelope(await transport.invoke(method, input)),
    ]),
  ) as FocalApi;
  return {
    api,
    transport: transport.kind,
    on: (event, listener) => transport.subscribe(event, listener as (payload: unknown) => void),
  };
}
