/**
 * One file's bytes to a ParsedDocument: detect the format, read it with its reader, then build sections
 * and sentences. Everything here is pure and runs the same in the app's parse worker, the CLI and tests.
 */
import type { ParsedDocument } from '../../shared/document';
import { FocalError } from '../../shared/errors';
import { fingerprintBytes } from '../files/fingerprint';
import { assembleDocument } from './assemble';
import { detectFormat } from './formats/detect-format';
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

export type ParseProgress = (done: number, total: number | null, unit: 'bytes' | 'pages' | 'items') => void;

type Reader = (bytes: Uint8Array, options: ReadOptions) => SourceDocument | Promise<SourceDocument>;

const readers: Record<DocumentFormat, Reader> = {
  markdown: readMarkdown,
  text: readPlainText,
  html: readHtml,
  docx: readDocx,
  epub: readEpub,
  pdf: readPdf,
};

export async function parseDocument(
  input: ParseInput,
  options: { checkpoint?: () => void; onProgress?: ParseProgress } = {},
): Promise<ParsedDocument> {
  if (input.bytes.byteLength === 0) throw new FocalError('empty', `“${input.name}” is an empty file.`);
  const format = detectFormat(input.name, input.bytes);
  const unit = format === 'pdf' ? 'pages' : 'items';
  const { sha256 } = await fingerprintBytes(input.bytes, {
    ...(options.checkpoint ? { checkpoint: options.checkpoint } : {}),
    onProgress: (done) => options.onProgress?.(done, input.bytes.byteLength, 'bytes'),
  });
  const source = await readers[format](input.bytes, {
    ...(options.checkpoint ? { checkpoint: options.checkpoint } : {}),
    ...(input.password !== undefined ? { password: input.password } : {}),
    onProgress: (done, total) => options.onProgress?.(done, total, unit),
  });
  options.checkpoint?.();
  return assembleDocument(source, { sourceName: input.name, byteSize: input.bytes.byteLength, contentHash: sha256 });
}
