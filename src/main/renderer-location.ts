/** Where the window loads its page from, and which pages main trusts to call it: no Electron here, so tests run in Node. */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface RendererLocation {
  /** Where the renderer is loaded from: the dev server in `electron-vite dev`, else the built file. */
  url: string;
  isTrusted(url: string): boolean;
}

/** `devUrl`: electron-vite's dev server, given only while developing (never in a packaged app), and only on this machine. */
export function rendererLocation(outDir: string, devUrl?: string): RendererLocation {
  if (devUrl && ['localhost', '127.0.0.1', '[::1]'].includes(new URL(devUrl).hostname)) {
    const origin = new URL(devUrl).origin;
    return { url: devUrl, isTrusted: (url) => url.startsWith(`${origin}/`) || url === origin };
  }
  const file = pathToFileURL(join(outDir, 'renderer', 'index.html')).href;
  return { url: file, isTrusted: (url) => url.split('#')[0] === file };
}
