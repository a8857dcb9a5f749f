import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readDocx } from './docx';
import { unzipWithinLimit } from './zip';

const w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const paragraph = (text: string, style?: string, numbered = false) =>
  `<w:p><w:pPr>${style ? `<w:pStyle w:val="${style}"/>` : ''}${numbered ? '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>' : ''}</w:pPr><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
const cell = (text: string) => `<w:tc>${paragraph(text)}</w:tc>`;
const styles = `<?xml version="1.0" encoding="UTF-8"?><w:styles ${w}>
  <w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>
  <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style>
  <w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/></w:style></w:styles>`;
const numbering = `<?xml version="1.0" encoding="UTF-8"?><w:numbering ${w}>
  <w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/></w:lvl></w:abstractNum>
  <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`;
const core = (title: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>${title}</dc:title></cp:coreProperties>`;

function docx(body: string, extra: Record<string, string> = {}): Uint8Array {
  const document = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${w}><w:body>${body}</w:body></w:document>`;
  const files = { 'word/document.xml': document, 'word/styles.xml': styles, 'word/numbering.xml': numbering, ...extra };
  return zipSync(Object.fromEntries(Object.entries(files).map(([name, text]) => [name, strToU8(text)])));
}

/** Rewrites the uncompressed size an entry declares, in its local header and in the central directory. */
function declareSize(zip: Uint8Array, name: string, size: number): Uint8Array {
  const patched = zip.slice();
  const view = new DataView(patched.buffer);
  const nameBytes = strToU8(name);
  for (let at = 0; at + 4 <= patched.length; at++) {
    const signature = view.getUint32(at, true);
    const [nameAt, sizeAt] = signature === 0x04034b50 ? [at + 30, at + 22] : signature === 0x02014b50 ? [at + 46, at + 24] : [-1, -1];
    if (nameAt < 0) continue;
    const nameLength = view.getUint16(signature === 0x04034b50 ? at + 26 : at + 28, true);
    if (nameLength === nameBytes.length && nameBytes.every((byte, i) => patched[nameAt + i] === byte)) view.setUint32(sizeAt, size, true);
  }
  return patched;
}

describe('readDocx', () => {
  it('reads headings, paragraphs, list items and table rows in order', async () => {
    const body = [
      paragraph('Cell Biology', 'Title'),
      paragraph('Introduction', 'Heading1'),
      paragraph('The cell is the unit of life.'),
      paragraph('Nucleus', undefined, true),
      paragraph('Ribosome', undefined, true),
      paragraph('Details', 'Heading2'),
      `<w:tbl><w:tr>${cell('Part')}${cell('Job')}</w:tr><w:tr>${cell('Nucleus')}${cell('Stores DNA')}</w:tr></w:tbl>`,
    ].join('');
    const doc = await readDocx(docx(body));
    expect(doc.blocks).toEqual([
      { kind: 'heading', text: 'Cell Biology', level: 1 },
      { kind: 'heading', text: 'Introduction', level: 1 },
      { kind: 'paragraph', text: 'The cell is the unit of life.' },
      { kind: 'list-item', text: 'Nucleus' },
      { kind: 'list-item', text: 'Ribosome' },
      { kind: 'heading', text: 'Details', level: 2 },
      { kind: 'table-row', text: 'Part | Job' },
      { kind: 'table-row', text: 'Nucleus | Stores DNA' },
    ]);
    expect(doc).toMatchObject({ format: 'docx', title: 'Cell Biology', links: [], tags: [], pageCount: null });
  });

  it('takes the title from the document properties when they have one', async () => {
    const doc = await readDocx(docx(paragraph('Body text.'), { 'docProps/core.xml': core('Notes &amp; Lectures') }));
    expect(doc.title).toBe('Notes & Lectures');
    expect((await readDocx(docx(paragraph('Body text.')))).title).toBeNull();
  });

  it('drops images without unpacking them, keeping the text around them', async () => {
    const image = `<w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><wp:docPr id="1" name="Picture 1" descr="An alt text"/><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData><pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:blipFill><a:blip xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:embed="rId5"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>`;
    const rels = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image1.png"/></Relationships>`;
    const file = docx(`<w:p><w:r><w:t xml:space="preserve">Before </w:t></w:r>${image}<w:r><w:t>after.</w:t></w:r></w:p>`, {
      'word/_rels/document.xml.rels': rels,
      'word/media/image1.png': 'not really a png',
    });
    const doc = await readDocx(file);
    expect(doc.blocks).toEqual([{ kind: 'paragraph', text: 'Before after.' }]);
  });

  it('refuses bytes that are not a zip, and a truncated zip, as malformed', async () => {
    await expect(readDocx(new TextEncoder().encode('not a word file'))).rejects.toMatchObject({ code: 'malformed' });
    const whole = docx(paragraph('Some text.'));
    await expect(readDocx(whole.subarray(0, Math.floor(whole.length / 2)))).rejects.toMatchObject({ code: 'malformed' });
  });

  it('refuses a zip without word/document.xml as malformed', async () => {
    await expect(readDocx(zipSync({ 'notes.txt': strToU8('hello') }))).rejects.toMatchObject({ code: 'malformed' });
  });

  it('refuses a zip declaring more than 256 MiB unpacked as too large, before inflating', async () => {
    const bomb = declareSize(docx(paragraph('Text.')), 'word/styles.xml', 0xfffffff0);
    await expect(readDocx(bomb)).rejects.toMatchObject({ code: 'too-large' });
  });

  it('refuses an entry that unpacks to more than its directory declares, stopping early', async () => {
    const liar = declareSize(docx(paragraph('x'.repeat(100_000))), 'word/document.xml', 64);
    await expect(readDocx(liar)).rejects.toMatchObject({ code: 'malformed', message: expect.stringMatching(/does not unpack/) });
    const bomb = declareSize(zipSync({ 'word/document.xml': [new Uint8Array(2 * 1024 * 1024), { level: 1 }] }), 'word/document.xml', 1024);
    expect(() => unzipWithinLimit(bomb, () => true, 'DOCX')).toThrow(/does not unpack/);
  });

  it('unpacks stored and deflated entries alike', () => {
    const files = unzipWithinLimit(zipSync({ 'a.xml': [strToU8('stored'), { level: 0 }], 'b.xml': [strToU8('deflated '.repeat(50)), { level: 9 }] }), (name) => name !== 'c', 'DOCX');
    expect(new TextDecoder().decode(files['a.xml'])).toBe('stored');
    expect(new TextDecoder().decode(files['b.xml'])).toBe('deflated '.repeat(50));
  });

  it('refuses a password-protected Word file as encrypted', async () => {
    const ole = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Uint8Array(504), ...Buffer.from('EncryptionInfo', 'utf16le')]);
    await expect(readDocx(ole)).rejects.toMatchObject({ code: 'protected' });
  });

  it('refuses a document without text as empty', async () => {
    await expect(readDocx(docx('<w:p/>'))).rejects.toMatchObject({ code: 'empty' });
  });
});
