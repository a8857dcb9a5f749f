/**
 * Loads a CommonJS library that patches JavaScript's built-ins and keeps those patches out of the process
 * except while the library runs. lexrank pulls in sugar 1.3.9, which on load replaces Array#map/filter/
 * some/every, String#trim/startsWith/endsWith and Object.keys and adds some 400 methods; left in place
 * they would change how every other module in an evaluation run behaves and performs.
 */
import { createRequire } from 'node:module';

interface Patch {
  target: object;
  key: PropertyKey;
  /** The property before the library loaded; undefined when the library added it. */
  original: PropertyDescriptor | undefined;
  patched: PropertyDescriptor | undefined;
}

export interface ContainedLibrary<T> {
  /** How many built-in properties the library added or replaced. */
  readonly patchCount: number;
  /** Runs `use` with the library's patches in place and removes them afterwards; `use` must be synchronous. */
  run<R>(use: (library: T) => R): R;
}

function builtins(): object[] {
  const constructors = [Object, Array, String, Number, Boolean, Date, Function, RegExp, Promise, Error];
  return [...constructors, ...constructors.map((c) => c.prototype as object), Math, JSON, globalThis];
}

function snapshot(targets: readonly object[]): Map<PropertyKey, PropertyDescriptor>[] {
  return targets.map((target) => new Map(Reflect.ownKeys(target).map((key) => [key, Object.getOwnPropertyDescriptor(target, key)!])));
}

function sameDescriptor(a: PropertyDescriptor | undefined, b: PropertyDescriptor | undefined): boolean {
  if (!a || !b) return a === b;
  return Object.is(a.value, b.value) && a.get === b.get && a.set === b.set && a.enumerable === b.enumerable && a.writable === b.writable;
}

function changesBetween(targets: readonly object[], before: Map<PropertyKey, PropertyDescriptor>[], after: Map<PropertyKey, PropertyDescriptor>[]): Patch[] {
  const patches: Patch[] = [];
  targets.forEach((target, i) => {
    const keys = new Set([...before[i]!.keys(), ...after[i]!.keys()]);
    for (const key of keys) {
      const original = before[i]!.get(key);
      const patched = after[i]!.get(key);
      if (!sameDescriptor(original, patched)) patches.push({ target, key, original, patched });
    }
  });
  return patches;
}

function install(patches: readonly Patch[], side: 'original' | 'patched'): void {
  for (const patch of patches) {
    const descriptor = patch[side];
    if (descriptor) Object.defineProperty(patch.target, patch.key, descriptor);
    else Reflect.deleteProperty(patch.target, patch.key);
  }
}

const loaded = new Map<string, ContainedLibrary<unknown>>();

/**
 * Requires `id` (resolved from `parentUrl`) once per process, records what its loading changed on the
 * built-ins, and undoes it until `run` is called.
 */
export function requireContained<T>(id: string, parentUrl: string): ContainedLibrary<T> {
  const require = createRequire(parentUrl);
  const path = require.resolve(id);
  const known = loaded.get(path);
  if (known) return known as ContainedLibrary<T>;

  const targets = builtins();
  const before = snapshot(targets);
  let library: T;
  let patches: Patch[];
  try {
    library = require(path) as T;
  } finally {
    // Undo even a failed load, so a broken library cannot leave half its patches behind.
    patches = changesBetween(targets, before, snapshot(targets));
    install(patches, 'original');
  }
  let depth = 0;
  const contained: ContainedLibrary<T> = {
    patchCount: patches.length,
    run(use) {
      if (depth++ === 0) install(patches, 'patched');
      try {
        const result = use(library);
        if (result !== null && typeof (result as { then?: unknown })?.then === 'function') {
          throw new Error(`${id} must be used synchronously while its patches are in place`);
        }
        return result;
      } finally {
        if (--depth === 0) install(patches, 'original');
      }
    },
  };
  loaded.set(path, contained);
  return contained;
}
