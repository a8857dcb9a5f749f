/**
 * Starts the real web host (built renderer + main's services) once for the web specs, and says up front
 * when a browser or the Electron binary is missing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { findElectronBinary } from '../../scripts/electron-binary.mjs';
import { findChromium } from './browsers';

export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!findChromium()) {
    throw new Error(
      'No Chromium for the end-to-end tests: install Debian’s (`apt-get install -y chromium`, found at /usr/bin/chromium) ' +
        'or a Playwright browser (`npx playwright install chromium`).',
    );
  }
  if (!existsSync('out/renderer/index.html')) throw new Error('The renderer is not built: run `npm run build` (npm run test:e2e does).');

  const electron = findElectronBinary();
  if ('missing' in electron) console.log(`Electron e2e: will be skipped — ${electron.missing}.`);

  const host: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts', '--json', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const firstLine = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('The web host did not start within 20 s.')), 20_000);
    host.once('exit', (code) => reject(new Error(`The web host exited with code ${code} before it started.`)));
    createInterface({ input: host.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      resolve(line);
    });
  });
  const { url, origin } = JSON.parse(firstLine) as { url: string; origin: string };
  process.env['FOCAL_WEB_URL'] = url;
  process.env['FOCAL_WEB_ORIGIN'] = origin;

  return async () => {
    host.kill('SIGTERM');
  };
}
