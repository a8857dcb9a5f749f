/**
 * The one place where the window's security is decided: isolated, sandboxed, no Node in the page,
 * a strict CSP, no new windows, no navigation away, every permission request denied.
 */
import { join } from 'node:path';
import { BrowserWindow, dialog, nativeTheme, session, shell } from 'electron';
import { contentSecurityPolicy } from '../shared/csp';
import type { RendererLocation } from './renderer-location';

export function hardenSession(dev: boolean): void {
  const csp = contentSecurityPolicy({ dev });
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    // The header repeats shared/csp.ts's policy; the page's own <meta> policy, narrower (its script by hash), is what the security scan reads.
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } }); // eng-disable CSP_GLOBAL_CHECK
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
      // Reviewed: the preload exposes only the contract's method names through contextBridge (src/preload/index.ts).
      preload: join(outDir, 'preload', 'index.cjs'), // eng-disable PRELOAD_JS_CHECK
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
      // A middle click must not open a link in a new window.
      disableBlinkFeatures: 'Auxclick',
    },
  });

  window.webContents.setWindowOpenHandler(({ url }) => {
    // Links to the web open in the person's browser, never in a Focal window.
    if (url.startsWith('https://')) void shell.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK (https only, to the system browser)
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event, url) => {
    if (!location.isTrusted(url)) event.preventDefault();
  });
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());
  // The page asks to stay while its work would be lost with it (a retrain under way); Electron shows no question
  // of its own for that, so ask here, and leave only if the person says so.
  window.webContents.on('will-prevent-unload', (event) => {
    const answer = dialog.showMessageBoxSync(window, {
      type: 'question',
      buttons: ['Stay', 'Leave anyway'],
      defaultId: 0,
      cancelId: 0,
      message: 'Your model is being retrained.',
      detail: 'If you leave now, the retrain’s result is lost.',
    });
    if (answer === 1) event.preventDefault();
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(location.url);
  return window;
}
