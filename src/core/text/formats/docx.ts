import { zipSync } from 'fflate';
import mammoth from 'mammoth';
import { FocalError } from '../../../shared/errors';
import type { ReadOptions, SourceDocument } from '../source';
import { isEncryptedOffice } from './detect-format';
import { elementsNamed, htmlBlocks, parseHtml, parseXml, wrapBody } from './html';
import { collapseWhitespace } from './plain-text';
import { unzipWithinLimit } from './zip';


/** Word's "Title" style is the document's title, so it reads as a level-1 heading like the rest. */
const styleMap = ["p[style-name='Title'] => h1:fresh"];

/**
 * A Word document: the parts mammoth needs are unpacked within the size limit, handed to mammoth as a
 * stored (uncompressed) zip, converted to HTML and walked like a web page. Images are not read. The title is
 * the document's core property `dc:title`, else its first level-1 heading.
 */
export async function readDocx(bytes: Uint8Array, options: ReadOptions = {}): Promise<SourceDocument> {
  if (isEncryptedOffice(bytes)) {
    throw new FocalError('protected', 'This Word document is password-protected. Save an unprotected copy in Word, then import that.');
  }
  const files = unzipWithinLimit(bytes, (name) => /\.(xml|rels)$/i.test(name), 'DOCX');
  if (!files['word/document.xml']) {
    throw new FocalError('malformed', 'This file is a zip archive but not a Word document: it has no word/document.xml.');
  }
  options.checkpoint?.();
  const repacked = zipSync(files, { level: 0 });
  let html: string;
  let messages: Array<{ type: string; message: string }>;
  try {
    ({ value: html, messages } = await mammoth.convertToHtml(
      { buffer: Buffer.from(repacked.buffer, repacked.byteOffset, repacked.byteLength) },
      {
        styleMap,
        externalFileAccess: false,
        convertImage: mammoth.images.imgElement(async () => ({ src: '' })),
      },
    ));
  } catch {
    throw new FocalError('malformed', 'This Word document is damaged: its text could not be read.');
  }
  options.checkpoint?.();
  const { blocks, marks, code } = htmlBlocks(parseHtml(wrapBody(html)).body);
  if (blocks.length === 0) throw new FocalError('empty', 'This Word document has no text to study.');
  const warnings = messages.filter((m) => m.type === 'error').map((m) => `Part of the document could not be read: ${m.message}`);
  const firstHeading = blocks.find((block) => block.kind === 'heading' && block.level === 1)?.text ?? null;
  const title = coreTitle(files['docProps/core.xml']) || firstHeading;
  return { format: 'docx', title, blocks, marks, code, links: [], tags: [], pageCount: null, warnings: unique(warnings) };
}

function coreTitle(core: Uint8Array | undefined): string | null {
  if (!core) return null;
  const title = elementsNamed(parseXml(new TextDecoder().decode(core)), 'title')[0];
  return collapseWhitespace(title?.textContent ?? '') || null;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
