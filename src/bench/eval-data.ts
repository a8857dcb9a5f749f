/**
 * Where the public evaluation data lives when it is there: `../shared/eval` beside the checkout.
 * It exists on the developers' machines and in CI, not in a user's clone; benchmarks that need it say so.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const evalDir = resolve(import.meta.dirname, '..', '..', '..', 'shared', 'eval');

export function evalPath(...parts: string[]): string | null {
  const path = join(evalDir, ...parts);
  return existsSync(path) ? path : null;
}
