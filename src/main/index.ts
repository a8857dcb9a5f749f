/** The Electron composition root: one window, the IPC transport, and main's services. */
import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, ipcMain } from 'electron';
import { ipcChannel } from '../shared/contract';
import { registerIpcTransport } from './ipc-transport';
import { createServices } from './services';
import { rendererLocation } from './renderer-location';
import { createMainWindow, hardenSession } from './window';

const outDir = join(dirname(fileURLToPath(import.meta.url)), '..');

// A second Focal hands over to the first (which comes to the front) and starts nothing of its own: no services,
// no IPC, no window writing to the same profile.
if (!app.requestSingleInstanceLock()) app.exit(0);
else start();

function start(): void {
  // The dev server's address only while developing: a packaged app loads its own files, whatever the environment says.
  const location = rendererLocation(outDir, app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL']);
  let mainWindow: BrowserWindow | null = null;

  const services = createServices({
    version: app.getVersion(),
    platform: `${process.platform}-${process.arch}`,
    runtime: `Electron ${process.versions.electron}`,
    newId: randomUUID,
    modelsDir: join(app.getAppPath(), 'models'),
    // A task's progress can arrive after the window's page is gone and before 'closed' fires: sending then would throw.
    emit: (event, payload) => {
      if (mainWindow && !mainWindow.webContents.isDestroyed()) mainWindow.webContents.send(ipcChannel.event(event), payload);
    },
  });

  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });

  void app.whenReady().then(() => {
    hardenSession(!app.isPackaged && Boolean(process.env['ELECTRON_RENDERER_URL']));
    registerIpcTransport(ipcMain, services.impl, location.isTrusted);
    mainWindow = createMainWindow(outDir, location);
    mainWindow.on('closed', () => (mainWindow = null));
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) mainWindow = createMainWindow(outDir, location);
    });
  });

  app.on('will-quit', () => void services.close());

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
