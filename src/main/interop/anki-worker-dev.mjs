// Starts the TypeScript Anki worker where the app runs from source (tsx, vitest): worker threads do not
// inherit the parent's TypeScript loader, so this loads it through tsx's API. The built app uses anki-worker.js.
import { tsImport } from 'tsx/esm/api';

await tsImport('./anki-worker.ts', import.meta.url);
