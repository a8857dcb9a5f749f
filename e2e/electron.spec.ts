/** The real desktop window, where an Electron binary is installed; reported as skipped, with why, elsewhere. */
import { _electron as electron, expect, test } from '@playwright/test';
import { findElectronBinary } from '../scripts/electron-binary.mjs';

const binary = findElectronBinary();
const noDisplay = process.platform === 'linux' && !process.env['DISPLAY'] && !process.env['WAYLAND_DISPLAY'];

test.skip('missing' in binary, `No Electron binary: ${'missing' in binary ? binary.missing : ''}`);
test.skip(noDisplay, 'No display to open a window on (run under xvfb-run)');

test('the desktop window opens securely and talks to main over the preload bridge', async () => {
  const app = await electron.launch({ executablePath: 'path' in binary ? binary.path : '', args: ['out/main/index.js'] });
  try {
    const window = await app.firstWindow();
    await expect(window.getByRole('heading', { level: 1, name: 'Today' })).toBeVisible();

    const page = await window.evaluate(() => ({
      bridge: typeof (window as unknown as { focal?: object }).focal,
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
    }));
    // Context isolation and no Node integration: the page sees the bridge and nothing of Node.
    expect(page).toEqual({ bridge: 'object', require: 'undefined', process: 'undefined' });

    const refused = await window.evaluate(async () => {
      const bridge = (window as unknown as { focal: { invoke(m: string, i: unknown): Promise<unknown> } }).focal;
      return bridge.invoke('library.parse', { name: 42 });
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });

    await window.getByRole('link', { name: 'Settings' }).click();
    await expect(window.getByTestId('transport')).toHaveText(/Desktop app/);
  } finally {
    await app.close();
  }
});
