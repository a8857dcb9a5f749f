import type { EventName, EventPayload } from '../../shared/contract';

export type EventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/** Fans main's events out to whoever listens: the Electron window, or every open web-host page. */
export function createEventHub() {
  const listeners = new Set<EventListener>();
  return {
    emit: ((event, payload) => {
      for (const listener of listeners) listener(event, payload);
    }) as EventListener,
    subscribe(listener: EventListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type EventHub = ReturnType<typeof createEventHub>;
