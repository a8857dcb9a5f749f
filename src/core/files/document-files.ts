/**
 * The file extensions Focal reads as documents, with the format each names. A folder import takes only these
 * (an Obsidian vault also holds pictures, plugin data and scripts); a file picked on its own is still read by its
 * bytes first, whatever its name (detect-format.ts).
 */
import type { DocumentFormat } from '../../shared/document';

export const FORMAT_BY_EXTENSION: Readonly<Record<string, DocumentFormat>> = {
  md: 'markdown',
  markdown: 'markdown',
  mdown: 'markdown',
  mkd: 'markdown',
  txt: 'text',
  text: 'text',
  html: 'html',
  htm: 'html',
  xhtml: 'html',
  pdf: 'pdf',
  docx: 'docx',
  epub: 'epub',
  // An Obsidian canvas is JSON: its text cards are read, not its JSON as plain text.
  canvas: 'canvas',
};

export function extensionOf(name: string): string {
  return /\.([^./\\]+)$/.exec(name.trim())?.[1]?.toLowerCase() ?? '';
}

export function isDocumentFile(name: string): boolean {
  return Object.hasOwn(FORMAT_BY_EXTENSION, extensionOf(name));
}
