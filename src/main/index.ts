/** The Electron composition root: one window, the IPC transport, and main's services. */
import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, ipcMain } from 'electron';
import { ipcChannel } from '../shared/contract';
import { registerIpcTransport } from './ipc-transport';
import { createServices } from './services';
import { createMainWindow, hardenSession, rendererLocation } from './window';

const outDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const location = rendererLocation(outDir);
let mainWindow: BrowserWindow | null = null;

const services = createServices({
  version: app.getVersion(),
  platform: `${process.platform}-${process.arch}`,
  runtime: `Electron ${process.versions.electron}`,
  newId: randomUUID,
  modelsDir: join(app.getAppPath(), 'models'),
  emit: (event, payload) => mainWindow?.webContents.send(ipcChannel.event(event), payload),
});

if (!app.requestSingleInstanceLock()) app.quit();

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
