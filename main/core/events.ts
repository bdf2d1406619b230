import type { EventName, EventPayload } from '../../preload/contract';

export type EventListener = (event: EventName, payload: unknown) => void;

/** Events flowing back to the renderer; each shell forwards them on its transport. */
export function createEventBus() {
  const listeners = new Set<EventListener>();
  return {
    emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
      for (const l of listeners) l(event, payload);
    },
    on(listener: EventListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
export type EventBus = ReturnType<typeof createEventBus>;
