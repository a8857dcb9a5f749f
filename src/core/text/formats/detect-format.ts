import { unzipSync } from 'fflate';
import { FocalError } from '../../../shared/errors';
import type { DocumentFormat } from '../source';
import { decodeText } from './encoding';
import { FORMAT_BY_EXTENSION, extensionOf } from '../../files/document-files';

const whatFocalReads = 'Focal reads Markdown, plain text, PDF, HTML, DOCX and EPUB files, and Obsidian canvases.';

/** Focal's own files, which belong elsewhere in the app than the Library (Settings → Your data). */
const ANKI_DECK = 'an Anki deck; bring its cards in with Settings → Your data → Anki → “Import an Anki deck…”';
const FOCAL_BACKUP = 'a Focal backup; restore it with Settings → Your data → “Import a backup file…”';
/** How a backup starts (renderer/db/backup.ts writes `format` first); an attention-params file likewise. */
const FOCAL_FILES: ReadonlyArray<{ marker: string; what: string }> = [
  { marker: '"format":"focal-backup"', what: FOCAL_BACKUP },
  { marker: '"format":"focal-attention-params"', what: 'a Focal model file (retrained parameters), not notes' },
];

/** Extensions of formats Focal does not read, with what the file is, for the message. */
const unsupportedExtensions: Record<string, string> = {
  doc: 'an older Word document (.doc); save it as .docx in Word to import it',
  docm: 'a macro-enabled Word document; save it as .docx to import it',
  rtf: 'a Rich Text document; save it as .docx to import it',
  odt: 'an OpenDocument text; save it as .docx to import it',
  pages: 'a Pages document; export it as .docx or PDF to import it',
  ppt: 'a PowerPoint presentation',
  pptx: 'a PowerPoint presentation',
  key: 'a Keynote presentation',
  odp: 'an OpenDocument presentation',
  xls: 'an Excel spreadsheet',
  xlsx: 'an Excel spreadsheet',
  numbers: 'a Numbers spreadsheet',
  ods: 'an OpenDocument spreadsheet',
  mobi: 'a Kindle book (.mobi)',
  azw: 'a Kindle book',
  azw3: 'a Kindle book',
  djvu: 'a DjVu document',
  png: 'an image',
  jpg: 'an image',
  jpeg: 'an image',
  gif: 'an image',
  webp: 'an image',
  heic: 'an image',
  tif: 'an image',
  tiff: 'an image',
  bmp: 'an image',
  svg: 'an image (SVG)',
  zip: 'a zip archive',
  rar: 'a RAR archive',
  '7z': 'a 7-Zip archive',
  gz: 'a compressed archive',
  tar: 'an archive',
  mp3: 'an audio file',
  m4a: 'an audio file',
  wav: 'an audio file',
  mp4: 'a video',
  mov: 'a video',
  exe: 'a program',
  dmg: 'a disk image',
  json: 'JSON data, not notes to study',
  apkg: ANKI_DECK,
  colpkg: ANKI_DECK,
};

/** Leading bytes of binary formats, with what they are. */
const signatures: Array<{ bytes: Array<number | null>; offset?: number; what: string }> = [
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'an image (PNG)' },
  { bytes: [0xff, 0xd8, 0xff], what: 'an image (JPEG)' },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: 'an image (GIF)' },
  { bytes: [0x52, 0x49, 0x46, 0x46, null, null, null, null, 0x57, 0x45, 0x42, 0x50], what: 'an image (WebP)' },
  { bytes: [0x49, 0x49, 0x2a, 0x00], what: 'an image (TIFF)' },
  { bytes: [0x4d, 0x4d, 0x00, 0x2a], what: 'an image (TIFF)' },
  { bytes: [0x66, 0x74, 0x79, 0x70], offset: 4, what: 'an image or video' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], what: 'an older Microsoft Office file (.doc, .xls or .ppt); save it as .docx to import it' },
  { bytes: [0x7b, 0x5c, 0x72, 0x74, 0x66], what: 'a Rich Text document; save it as .docx to import it' },
  { bytes: [0x1f, 0x8b], what: 'a compressed archive' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], what: 'a 7-Zip archive' },
  { bytes: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07], what: 'a RAR archive' },
  { bytes: [0x49, 0x44, 0x33, null, 0x00], what: 'an audio file' },
  { bytes: [0x4f, 0x67, 0x67, 0x53], what: 'an audio or video file' },
  { bytes: [0x66, 0x4c, 0x61, 0x43], what: 'an audio file' },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], what: 'a program' },
  { bytes: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66], what: 'a database' },
  { bytes: [0x41, 0x54, 0x26, 0x54, 0x46, 0x4f, 0x52, 0x4d], what: 'a DjVu document' },
  { bytes: [0x42, 0x4f, 0x4f, 0x4b, 0x4d, 0x4f, 0x42, 0x49], offset: 60, what: 'a Kindle book (.mobi)' },
];

/**
 * Which reader a file needs. The bytes decide first — `%PDF-` in the first kilobyte, a zip holding
 * `word/document.xml` (DOCX), a zip starting with the `application/epub+zip` mimetype or holding
 * `META-INF/container.xml` (EPUB), the signatures of images,
 * archives and other binary formats — then the extension, then the content: text that decodes without many
 * control characters is read as text (as HTML when it starts like a web page). Anything else is refused as
 * `unsupported-format`, with a message naming the file and what Focal reads.
 */
export function detectFormat(name: string, bytes: Uint8Array): DocumentFormat {
  const extension = extensionOf(name);
  const refuse = (what: string) =>
    new FocalError('unsupported-format', `Focal can't import “${name}”: it is ${what}. ${whatFocalReads}`);

  if (containsPdfSignature(bytes)) return 'pdf';
  if (isZip(bytes)) return zipFormat(bytes, extension, refuse);
  if (isEncryptedOffice(bytes)) {
    if (extension === 'docx') return 'docx';
    throw refuse('a password-protected Office file; remove the password in Office to import it');
  }
  const signature = signatures.find(({ bytes: expected, offset = 0 }) =>
    expected.every((byte, i) => byte === null || bytes[offset + i] === byte),
  );
  if (signature) throw refuse(signature.what);

  // Named for a format whose signature is missing (a PDF without %PDF-): the reader explains what is wrong with the file.
  const known = Object.hasOwn(FORMAT_BY_EXTENSION, extension) ? FORMAT_BY_EXTENSION[extension] : undefined;
  if (known === 'pdf' || known === 'docx' || known === 'epub') return known;
  const plausiblyText = looksLikeText(bytes);
  if (known) {
    if (!plausiblyText) throw refuse(`not text, though its name ends in .${extension}`);
    return known;
  }
  // Focal's own files, whatever their name: a dropped backup was read as a text of JSON fragments.
  const head = new TextDecoder().decode(bytes.subarray(0, 256)).replace(/\s+/g, '');
  const own = FOCAL_FILES.find(({ marker }) => head.startsWith(`{${marker}`));
  if (own) throw refuse(own.what);
  const unsupported = unsupportedExtensions[extension];
  if (unsupported) throw refuse(unsupported);
  if (plausiblyText) return startsLikeHtml(bytes) ? 'html' : 'text';
  throw new FocalError('unsupported-format', `Focal can't import “${name}”: it is not a format Focal knows. ${whatFocalReads}`);
}

function containsPdfSignature(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024)).includes('%PDF-');
}

function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05 || bytes[2] === 0x07);
}

/** Reads only the zip's directory: nothing is inflated. */
function zipFormat(bytes: Uint8Array, extension: string, refuse: (what: string) => FocalError): DocumentFormat {
  const names = new Set<string>();
  try {
    unzipSync(bytes, {
      filter: (entry) => {
        names.add(entry.name);
        return false;
      },
    });
  } catch {
    // A damaged DOCX or EPUB is named by its extension, and its reader explains the damage.
    if (extension === 'docx' || extension === 'epub') return extension;
    throw refuse('a damaged zip archive');
  }
  if (names.has('word/document.xml')) return 'docx';
  if (names.has('collection.anki2') || names.has('collection.anki21') || names.has('collection.anki21b')) throw refuse(ANKI_DECK);
  if (startsWithEpubMimetype(bytes) || names.has('META-INF/container.xml')) return 'epub';
  if (names.has('ppt/presentation.xml')) throw refuse('a PowerPoint presentation');
  if (names.has('xl/workbook.xml')) throw refuse('an Excel spreadsheet');
  if (names.has('META-INF/manifest.xml') && names.has('content.xml')) throw refuse('an OpenDocument file; save it as .docx to import it');
  if (extension === 'docx') return 'docx';
  throw refuse(unsupportedExtensions[extension] ?? 'a zip archive');
}

/** An EPUB begins with an uncompressed entry named `mimetype` holding `application/epub+zip` (OCF 3.3 §4.3). */
function startsWithEpubMimetype(bytes: Uint8Array): boolean {
  const head = new TextDecoder('windows-1252').decode(bytes.subarray(30, 58));
  return head === 'mimetypeapplication/epub+zip';
}

/**
 * Text, in whatever encoding, has almost no control characters; binary data has many. A short note with a stray NUL
 * or two (a broken editor's) is still text: the readers drop them.
 */
function looksLikeText(bytes: Uint8Array): boolean {
  if (bytes.byteLength === 0) return true;
  const { text } = decodeText(bytes.subarray(0, 16 * 1024));
  if (text.length === 0) return false;
  const flaws = text.match(/[\uFFFD\x00-\x08\x0B\x0E-\x1F\x7F]/g)?.length ?? 0;
  return flaws <= 2 || flaws / text.length <= 0.01;
}

function startsLikeHtml(bytes: Uint8Array): boolean {
  const head = decodeText(bytes.subarray(0, 512)).text.trimStart().toLowerCase();
  return head.startsWith('<!doctype html') || head.startsWith('<html');
}

/** Password-protected Word files are not zips but OLE compound files holding an `EncryptionInfo` stream. */
export function isEncryptedOffice(bytes: Uint8Array): boolean {
  const ole = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  if (!ole.every((byte, i) => bytes[i] === byte)) return false;
  const marker = Buffer.from('EncryptionInfo', 'utf16le');
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(marker);
}
