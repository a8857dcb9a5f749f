// Where the Electron binary is, or why there is none: shared by the install step, `npm start` and the e2e tests.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** @returns {{ path: string } | { missing: string }} */
export function findElectronBinary() {
  let packageDir;
  try {
    packageDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return { missing: 'the electron package is not installed (run npm ci)' };
  }
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) {
    return { missing: 'the Electron binary was never downloaded (no network to its release host during npm ci)' };
  }
  const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? { path: binary } : { missing: `the Electron binary is missing at ${binary}` };
}
