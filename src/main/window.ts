/**
 * The one place where the window's security is decided: isolated, sandboxed, no Node in the page,
 * a strict CSP, no new windows, no navigation away, every permission request denied.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BrowserWindow, nativeTheme, session, shell } from 'electron';
import { contentSecurityPolicy } from '../shared/csp';

export interface RendererLocation {
  /** Where the renderer is loaded from: the dev server in `electron-vite dev`, else the built file. */
  url: string;
  isTrusted(url: string): boolean;
}

export function rendererLocation(outDir: string): RendererLocation {
  const devUrl = process.env['ELECTRON_RENDERER_URL'];
  if (devUrl) {
    const origin = new URL(devUrl).origin;
    return { url: devUrl, isTrusted: (url) => url.startsWith(`${origin}/`) || url === origin };
  }
  const file = pathToFileURL(join(outDir, 'renderer', 'index.html')).href;
  return { url: file, isTrusted: (url) => url.split('#')[0] === file };
}

export function hardenSession(dev: boolean): void {
  const csp = contentSecurityPolicy({ dev });
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
  });
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}

export function createMainWindow(outDir: string, location: RendererLocation): BrowserWindow {
  const window = new BrowserWindow({
    width: 1200,
    height: 800,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'Focal',
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#15171c' : '#f7f7f5',
    webPreferences: {
      preload: join(outDir, 'preload', 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
    },
  });

  window.webContents.setWindowOpenHandler(({ url }) => {
    // Links to the web open in the person's browser, never in a Focal window.
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event, url) => {
    if (!location.isTrusted(url)) event.preventDefault();
  });
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());
  window.once('ready-to-show', () => window.show());
  void window.loadURL(location.url);
  return window;
}
