/**
 * One file's bytes to a ParsedDocument: detect the format, read it with its reader, then build sections
 * and sentences. Everything here is pure and runs the same in the app's parse worker, the CLI and tests.
 */
import type { ParsedDocument } from '../../shared/document';
import { FocalError } from '../../shared/errors';
import { fingerprintBytes } from '../files/fingerprint';
import { assembleDocument } from './assemble';
import { detectFormat } from './formats/detect-format';
import { readCanvas } from './formats/canvas';
import { readDocx } from './formats/docx';
import { readEpub } from './formats/epub';
import { readHtml } from './formats/html';
import { readMarkdown } from './formats/markdown';
import { readPdf } from './formats/pdf';
import { readPlainText } from './formats/plain-text';
import type { DocumentFormat, ReadOptions, SourceDocument } from './source';

export interface ParseInput {
  name: string;
  bytes: Uint8Array;
  password?: string;
}

export type ParseProgress = (done: number, total: number | null, unit: 'bytes' | 'pages' | 'chapters' | 'paragraphs') => void;

type Reader = (bytes: Uint8Array, options: ReadOptions) => SourceDocument | Promise<SourceDocument>;

const readers: Record<DocumentFormat, Reader> = {
  markdown: readMarkdown,
  text: readPlainText,
  html: readHtml,
  docx: readDocx,
  epub: readEpub,
  pdf: readPdf,
  canvas: readCanvas,
};

/** The file's own name: the report already shows the folder it came from beside the message. */
function fileName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}

/** Codes whose reader messages say "This PDF …" / "This file …" about the file itself. */
const fileFaults = new Set(['empty', 'malformed', 'no-text-layer', 'unsupported-format', 'too-large']);
const thisFile = /^This (?:PDF|EPUB|Word document|Markdown file|text file|web page|canvas|file|\S+ file)(?= is | has )/u;

/** "This PDF has no text layer…" → "“scan.pdf” has no text layer…", as the other import errors name the file. */
export function namingTheFile(error: FocalError, path: string): FocalError {
  const name = fileName(path);
  if (!fileFaults.has(error.code) || !thisFile.test(error.message)) return error;
  return new FocalError(error.code, error.message.replace(thisFile, `“${name}”`));
}

export async function parseDocument(
  input: ParseInput,
  options: { checkpoint?: () => void; onProgress?: ParseProgress } = {},
): Promise<ParsedDocument> {
  if (input.bytes.byteLength === 0) throw new FocalError('empty', `“${fileName(input.name)}” is an empty file.`);
  const format = detectFormat(input.name, input.bytes);
  // What each format's reader counts as it goes: PDF pages, EPUB chapters, the blocks of notes and text.
  const unit = format === 'pdf' ? 'pages' : format === 'epub' ? 'chapters' : 'paragraphs';
  const { sha256 } = await fingerprintBytes(input.bytes, {
    ...(options.checkpoint ? { checkpoint: options.checkpoint } : {}),
    onProgress: (done) => options.onProgress?.(done, input.bytes.byteLength, 'bytes'),
  });
  let source: SourceDocument;
  try {
    source = await readers[format](input.bytes, {
      ...(options.checkpoint ? { checkpoint: options.checkpoint } : {}),
      ...(input.password !== undefined ? { password: input.password } : {}),
      onProgress: (done, total) => options.onProgress?.(done, total, unit),
    });
  } catch (error) {
    throw error instanceof FocalError ? namingTheFile(error, input.name) : error;
  }
  options.checkpoint?.();
  return assembleDocument(source, { sourceName: input.name, byteSize: input.bytes.byteLength, contentHash: sha256 });
}
