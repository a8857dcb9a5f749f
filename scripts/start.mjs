// `npm start`: builds Focal and opens the desktop window, or — where Electron cannot run (no binary,
// no display) — the same app in the browser through the local web host. `npm start -- --web` forces that.
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { parseArgs } from 'node:util';
import { findElectronBinary } from './electron-binary.mjs';

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const USAGE = `Usage: npm start [-- --web] [--port N] [--json]

  --web      serve Focal to the browser (the local web host) even where a window could open
  --port N   the web host's port (default 47219, or FOCAL_PORT; 0: any free port). The browser keeps your
             library per address, so use the same port each time.
  --json     print the web host's address as one line of JSON (the build's output goes to stderr)`;

// Read before anything is built: a wrong option took a 30-second build to be told so.
let options;
try {
  ({ values: options } = parseArgs({
    options: { web: { type: 'boolean', default: false }, port: { type: 'string' }, json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
  }));
} catch (error) {
  console.error(`focal: ${error.message}\n\n${USAGE}`);
  process.exit(2);
}
if (options.help) {
  console.log(USAGE);
  process.exit(0);
}
const portText = options.port ?? process.env.FOCAL_PORT ?? '47219';
const port = Number(portText);
if (!/^\d+$/.test(portText.trim()) || !Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`focal: --port must be a whole number from 0 to 65535, not "${portText}".\n\n${USAGE}`);
  process.exit(2);
}
const forceWeb = options.web;

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
  if (port > 0 && !(await portIsFree(port))) {
    console.error(`focal: port ${port} on 127.0.0.1 is in use: Focal may be running already (open the address it printed), or start it with --port and another number.`);
    process.exit(1);
  }
}

// The build's output goes to stderr: with --json, stdout is the address's one line and nothing else.
const build = spawnSync(npx, ['electron-vite', 'build'], { stdio: ['inherit', process.stderr, 'inherit'] });
if (build.status !== 0) process.exit(build.status ?? 1);

const child = reason
  ? (console.error(`focal: opening Focal in the browser instead of a window (${reason}).`),
    // Node itself, not npx: a SIGTERM to this script reaches the web host instead of leaving it running.
    spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts', '--port', String(port), ...(options.json ? ['--json'] : [])], { stdio: 'inherit' }))
  : spawn(npx, ['electron-vite', 'preview', '--skipBuild'], { stdio: 'inherit' });
// A child killed by a signal it did not handle has no exit code: that is a failure, not a clean stop.
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
// npm runs this script through a shell that does not pass a SIGTERM on: when npm is gone, Focal stops too, rather
// than keep the port with nobody to stop it.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) child.kill('SIGTERM');
}, 1000).unref();

function portIsFree(port) {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}
