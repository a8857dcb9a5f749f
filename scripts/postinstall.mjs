// After `npm ci`: fetch the Electron binary where the network allows it, never failing the install.
// (package.json's allowScripts keeps electron's own download step from running and rolling the install back.)
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { findElectronBinary } from './electron-binary.mjs';

const require = createRequire(import.meta.url);

function fetchElectron() {
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) return;
  if ('path' in findElectronBinary()) return;
  let installer;
  try {
    installer = join(dirname(require.resolve('electron/package.json')), 'install.js');
  } catch {
    return;
  }
  const result = spawnSync(process.execPath, [installer], { stdio: 'pipe', timeout: 300_000, encoding: 'utf8' });
  const found = findElectronBinary();
  if ('path' in found) {
    console.log(`focal: Electron binary ready (${found.path}).`);
    return;
  }
  const why = (result.error?.message ?? result.stderr ?? '').split('\n').find((line) => line.trim()) ?? 'unknown reason';
  console.log(
    `focal: the Electron binary could not be downloaded (${why.trim()}).\n` +
      '       Focal still works: `npm start` and `npm run web` open it in your browser.\n' +
      '       To get the desktop window later: node node_modules/electron/install.js',
  );
}

fetchElectron();
