/**
 * The Electron security scan of the test command: @doyensec/electronegativity over the main process and
 * preload sources and the built page (its CSP is only final after `electron-vite build`). Fails on any
 * finding above INFORMATIONAL. Findings reviewed and accepted carry an `eng-disable` comment with the reason
 * beside the code (src/main/window.ts).
 *
 * The AVAILABLE_SECURITY_FIXES global check is left out: it downloads Electron's release list from GitHub,
 * which these machines cannot reach. The Electron version is the one package.json pins.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const builtPage = join(root, 'out', 'renderer', 'index.html');

/** RFC 4180 rows: quoted fields may hold commas, doubled quotes and newlines. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\n') row.push(field), rows.push(row), (row = []), (field = '');
    else if (c !== '\r') field += c;
  }
  if (field || row.length) row.push(field), rows.push(row);
  return rows;
}

export interface Finding {
  issue: string;
  severity: string;
  confidence: string;
  location: string;
  description: string;
}

/** Runs electronegativity over `directory` and returns its findings. */
export function scanDirectory(directory: string, electronVersion: string): Finding[] {
  const work = mkdtempSync(join(tmpdir(), 'focal-scan-report-'));
  try {
    const report = join(work, 'report.csv');
    const run = spawnSync(
      join(root, 'node_modules', '.bin', 'electronegativity'),
      ['-i', directory, '-e', electronVersion, '-x', 'AvailableSecurityFixesGlobalCheck', '-r', '-v', 'false', '-o', report],
      { encoding: 'utf8', timeout: 120_000 },
    );
    if (run.status !== 0 || !existsSync(report)) {
      throw new Error(`electronegativity did not finish (${run.error?.message ?? `exit ${run.status}`}).\n${run.stdout}${run.stderr}`);
    }
    const [, ...rows] = parseCsv(readFileSync(report, 'utf8')).filter((row) => row.length > 1);
    return rows.map(([issue = '', severity = '', confidence = '', file = '', location = '', , description = '']) => ({
      issue,
      severity: severity.trim().toUpperCase(),
      confidence,
      location: `${file}:${location}`,
      description,
    }));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export function pinnedElectronVersion(): string {
  return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies['electron']!;
}

function main(): number {
  if (!existsSync(builtPage)) {
    console.error(`security scan: ${builtPage} is missing; run \`electron-vite build\` first.`);
    return 1;
  }
  const electronVersion = pinnedElectronVersion();
  const work = mkdtempSync(join(tmpdir(), 'focal-scan-'));
  try {
    cpSync(join(root, 'src', 'main'), join(work, 'main'), { recursive: true });
    cpSync(join(root, 'src', 'preload'), join(work, 'preload'), { recursive: true });
    mkdirSync(join(work, 'renderer'));
    cpSync(builtPage, join(work, 'renderer', 'index.html'));
    const findings = scanDirectory(work, electronVersion);
    const serious = findings.filter((finding) => finding.severity !== 'INFORMATIONAL');
    for (const f of findings) console.log(`  ${f.severity} ${f.issue} (${f.confidence}) ${f.location} — ${f.description}`);
    console.log(`security scan (electronegativity, Electron ${electronVersion}): ${findings.length} findings, ${serious.length} above informational.`);
    return serious.length === 0 ? 0 : 1;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) process.exit(main());
