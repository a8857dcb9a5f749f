/**
 * The names in the contract, kept apart from its schemas so that the preload can be derived from them
 * without bundling a schema library. `contract.ts` checks that every name has a schema.
 */
export const methodNames = [
  'app.info',
  'library.parse',
  'interop.exportAnki',
  'interop.importAnki',
  'model.info',
  'model.rescore',
  'model.prepareRetrain',
  'model.retrain',
  'schedule.optimise',
  'tasks.cancel',
] as const;
export type MethodName = (typeof methodNames)[number];

export const eventNames = ['task.progress'] as const;
export type EventName = (typeof eventNames)[number];

const methodSet: ReadonlySet<string> = new Set(methodNames);
const eventSet: ReadonlySet<string> = new Set(eventNames);

export function isMethodName(value: unknown): value is MethodName {
  return typeof value === 'string' && methodSet.has(value);
}

export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && eventSet.has(value);
}

/** IPC channel names, derived so that preload and main can never disagree. */
export const ipcChannel = {
  method: (name: MethodName) => `focal:call:${name}`,
  event: (name: EventName) => `focal:event:${name}`,
};
