// `npm start`: builds Focal and opens the desktop window, or — where Electron cannot run (no binary,
// no display) — the same app in the browser through the local web host. `npm start -- --web` forces that.
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { findElectronBinary } from './electron-binary.mjs';

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const forceWeb = process.argv.includes('--web');

function whyNoWindow() {
  if (forceWeb) return 'asked for the web host';
  const binary = findElectronBinary();
  if ('missing' in binary) return binary.missing;
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return 'there is no display';
  return null;
}

const reason = whyNoWindow();

// A Focal already serving on the web host's port: building now would replace the files its page is using, and
// this one could not listen anyway. Said before anything is built.
if (reason) {
  const portArg = process.argv.indexOf('--port');
  const port = Number(portArg >= 0 ? process.argv[portArg + 1] : (process.env.FOCAL_PORT ?? 47219));
  if (port > 0 && !(await portIsFree(port))) {
    console.error(`focal: port ${port} on 127.0.0.1 is in use: Focal may be running already (open the address it printed), or start it with --port and another number.`);
    process.exit(1);
  }
}

const build = spawnSync(npx, ['electron-vite', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const child = reason
  ? (console.log(`focal: opening Focal in the browser instead of a window (${reason}).`),
    // Node itself, not npx: a SIGTERM to this script reaches the web host instead of leaving it running.
    spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts', ...process.argv.slice(2).filter((arg) => arg !== '--web')], { stdio: 'inherit' }))
  : spawn(npx, ['electron-vite', 'preview', '--skipBuild'], { stdio: 'inherit' });
// A child killed by a signal it did not handle has no exit code: that is a failure, not a clean stop.
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));

function portIsFree(port) {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}
