/** Builds main's services outside Electron (web host, CLI, tests), with real ids and the package version. */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createEventHub } from './event-hub';
import { createServices } from './index';

export function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
  return manifest.version;
}

/** The repository's models/ folder, where the web host and the CLI find the built model. */
export function repoModelsDir(): string {
  return fileURLToPath(new URL('../../../models/', import.meta.url));
}

export function createNodeServices() {
  const events = createEventHub();
  const services = createServices({
    version: packageVersion(),
    platform: `${process.platform}-${process.arch}`,
    runtime: `Node ${process.versions.node}`,
    newId: randomUUID,
    emit: events.emit,
    modelsDir: repoModelsDir(),
  });
  return { ...services, events };
}
