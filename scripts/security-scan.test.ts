import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pinnedElectronVersion, scanDirectory } from './security-scan';

describe('the Electron security scan', () => {
  const dir = mkdtempSync(join(tmpdir(), 'focal-insecure-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports an insecure window and a page without a CSP above informational (so a clean scan means something)', async () => {
    writeFileSync(
      join(dir, 'window.js'),
      "const { BrowserWindow } = require('electron');\nnew BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } });\n",
    );
    mkdirSync(join(dir, 'renderer'));
    writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><html><head><script src="http://example.com/x.js"></script></head><body></body></html>');
    const findings = await scanDirectory(dir, pinnedElectronVersion());
    const issues = new Set(findings.filter((f) => f.severity !== 'INFORMATIONAL').map((f) => f.issue));
    for (const issue of ['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK', 'LIMIT_NAVIGATION_GLOBAL_CHECK', 'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK', 'CSP_GLOBAL_CHECK']) {
      expect(issues).toContain(issue);
    }
  }, 60_000);
});
