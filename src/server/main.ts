/** `npm run web`: serves the built renderer and main's services on 127.0.0.1 and prints the address to open. */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { FocalError, toFocalError } from '../shared/errors';
import { createNodeServices } from '../main/services/compose';
import { startWebHost } from './web-host';

/**
 * The port the app is served on unless --port (or FOCAL_PORT) says otherwise. Fixed, not chosen at random: the
 * browser keeps a page's data (the whole library, in IndexedDB) per address, so a new port each launch opened an
 * empty library each time. Tests pass --port 0 for a free one.
 */
export const DEFAULT_PORT = 47219;

async function main(): Promise<void> {
  let values: { port: string; json: boolean };
  try {
    ({ values } = parseArgs({
      options: { port: { type: 'string', default: process.env['FOCAL_PORT'] ?? String(DEFAULT_PORT) }, json: { type: 'boolean', default: false } },
    }));
  } catch (error) {
    throw new FocalError('usage', `${error instanceof Error ? error.message : String(error)}. Options: --port N (0: any free port), --json.`);
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new FocalError('usage', `--port must be 0–65535, not ${values.port}`);
  const services = createNodeServices();
  const host = await startWebHost({ rendererDir: resolve('out/renderer'), services: services.impl, events: services.events, port });
  if (values.json) {
    console.log(JSON.stringify({ url: host.url, origin: host.origin, port: host.port }));
  } else {
    console.log(`Focal is running. Open this address in your browser (it carries this launch's key):\n\n  ${host.url}\n\nPress Ctrl+C to stop.`);
  }
  const stop = () => void Promise.all([host.close(), services.close()]).then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((thrown: unknown) => {
  const error = toFocalError(thrown);
  console.error(JSON.stringify({ error: error.toData() }));
  process.exit(1);
});
