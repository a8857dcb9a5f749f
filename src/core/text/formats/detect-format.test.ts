import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { FocalError } from '../../../shared/errors';
import { detectFormat } from './detect-format';

const text = (value: string) => new TextEncoder().encode(value);
const zip = (files: Record<string, string>) =>
  zipSync(Object.fromEntries(Object.entries(files).map(([name, value]) => [name, strToU8(value)])));

function refusal(name: string, bytes: Uint8Array): FocalError {
  try {
    detectFormat(name, bytes);
  } catch (error) {
    if (error instanceof FocalError) return error;
    throw error;
  }
  throw new Error(`${name} was accepted`);
}

describe('detectFormat', () => {
  it('finds a PDF by its signature anywhere in the first kilobyte, whatever the name', () => {
    expect(detectFormat('paper.pdf', text('%PDF-1.7\n...'))).toBe('pdf');
    expect(detectFormat('download.bin', text(`${' '.repeat(500)}%PDF-1.4`))).toBe('pdf');
    expect(detectFormat('notes.txt', text('%PDF-1.4 mislabelled'))).toBe('pdf');
  });

  it('tells DOCX and EPUB from their zip contents, not their names', () => {
    expect(detectFormat('report.zip', zip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' }))).toBe('docx');
    const mimetype: [Uint8Array, { level: 0 }] = [strToU8('application/epub+zip'), { level: 0 }];
    expect(detectFormat('book', zipSync({ mimetype, 'OEBPS/content.opf': strToU8('<package/>') }))).toBe('epub');
    expect(detectFormat('book.zip', zip({ 'META-INF/container.xml': '<container/>' }))).toBe('epub');
  });

  it('goes by the extension for Markdown, text and HTML', () => {
    for (const name of ['a.md', 'a.MARKDOWN', 'a.mdown', 'a.mkd']) expect(detectFormat(name, text('# Hi'))).toBe('markdown');
    for (const name of ['a.txt', 'a.text']) expect(detectFormat(name, text('Hi'))).toBe('text');
    for (const name of ['a.html', 'a.htm', 'a.xhtml']) expect(detectFormat(name, text('<p>Hi</p>'))).toBe('html');
  });

  it('reads plausible text without a known extension as text, or as HTML when it starts like a page', () => {
    expect(detectFormat('README', text('Just some notes.\n'))).toBe('text');
    expect(detectFormat('notes.log', new Uint8Array(Buffer.from('Grüße aus Köln', 'utf16le')))).toBe('text');
    expect(detectFormat('saved', text('\n <!DOCTYPE html><html><body>x</body></html>'))).toBe('html');
  });

  it('hands a damaged or mislabelled DOCX or EPUB to its reader, which explains the damage', () => {
    expect(detectFormat('thesis.docx', text('not a zip at all'))).toBe('docx');
    expect(detectFormat('thesis.docx', zip({ 'x.txt': 'no word part' }))).toBe('docx');
    const truncated = zip({ 'word/document.xml': 'x'.repeat(500) }).subarray(0, 60);
    expect(detectFormat('thesis.docx', truncated)).toBe('docx');
  });

  it('refuses binary data that is not a known format, naming the file and what Focal reads', () => {
    const error = refusal('mystery.dat', Uint8Array.from({ length: 600 }, (_, i) => (i * 37) % 32));
    expect(error.code).toBe('unsupported-format');
    expect(error.message).toContain('mystery.dat');
    expect(error.message).toMatch(/Markdown, plain text, PDF, HTML, DOCX and EPUB/);
  });

  it('refuses binary data even when its name claims text', () => {
    expect(refusal('photo.txt', Uint8Array.from([0x00, 0x01, 0x02, 0x03, 0x00, 0x00, 0x1b, 0x07, 0x00, 0x10])).code).toBe('unsupported-format');
  });

  it('takes a note with a stray NUL or two for text (its reader drops them)', () => {
    expect(detectFormat('nul.md', new TextEncoder().encode('# Has NUL\n\nText before the null byte.\0 Text after it.\n'))).toBe('markdown');
  });

  it('refuses known binary types with a specific message', () => {
    expect(refusal('cell.png', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0])).message).toMatch(/image \(PNG\)/);
    expect(refusal('photo.jpg', Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10])).message).toMatch(/JPEG/);
    expect(refusal('old.doc', Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])).message).toMatch(/save it as \.docx/);
    expect(refusal('slides.pptx', zip({ 'ppt/presentation.xml': '<p/>' })).message).toMatch(/PowerPoint/);
    expect(refusal('sheet.xlsx', zip({ 'xl/workbook.xml': '<w/>' })).message).toMatch(/Excel/);
    expect(refusal('essay.odt', zip({ 'META-INF/manifest.xml': '<m/>', 'content.xml': '<c/>' })).message).toMatch(/OpenDocument/);
    expect(refusal('bundle.zip', zip({ 'a.md': '# hi' })).message).toMatch(/zip archive/);
    expect(refusal('notes.rtf', text('{\\rtf1\\ansi Hello}')).message).toMatch(/Rich Text/);
    expect(refusal('diagram.svg', text('<svg xmlns="http://www.w3.org/2000/svg"/>')).message).toMatch(/SVG/);
  });

  it('sends Focal’s own backups and Anki decks where they belong, and refuses other JSON', () => {
    const backup = text('{"format":"focal-backup","version":1,"tables":{"documents":[]}}');
    // Whatever the file is called: a dropped backup was read as a text of JSON fragments, with cards of them.
    for (const name of ['focal-backup-2026-11-30.json', 'backup']) expect(refusal(name, backup).message).toMatch(/Focal backup; restore it with Settings → Your data → “Import a backup file…”/);
    expect(refusal('params.json', text('{\n  "format": "focal-attention-params", "version": 3}')).message).toMatch(/Focal model file/);
    expect(refusal('data.json', text('{"a": 1}')).message).toMatch(/JSON data, not notes/);
    const deck = zip({ 'collection.anki2': 'SQLite format 3', media: '{}' });
    for (const name of ['Biology.apkg', 'Biology.zip']) expect(refusal(name, deck).message).toMatch(/Anki deck; bring its cards in with Settings → Your data → Anki/);
    // A text that mentions the format is still a text, whatever its name.
    expect(detectFormat('README', text('A backup starts with {"format":"focal-backup", then its tables.'))).toBe('text');
  });

  it('sends a password-protected DOCX to the DOCX reader, which reports it as encrypted', () => {
    const ole = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Uint8Array(100), ...Buffer.from('EncryptionInfo', 'utf16le')]);
    expect(detectFormat('secret.docx', ole)).toBe('docx');
    expect(refusal('secret.xlsx', ole).message).toMatch(/password-protected/);
  });
});
