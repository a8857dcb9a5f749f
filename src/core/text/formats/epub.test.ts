import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readEpub } from './epub';

const container = (path = 'OEBPS/content.opf') =>
  `<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="${path}" media-type="application/oebps-package+xml"/></rootfiles></container>`;

const opf = (title: string, spine: string[], manifest: string) => `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>${title}</dc:title><dc:language>en</dc:language></metadata>
  <manifest>${manifest}</manifest>
  <spine>${spine.map((id) => `<itemref idref="${id}"/>`).join('')}</spine>
</package>`;

const chapter = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE html><html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><head><title>ignored</title></head><body>${body}</body></html>`;

function epub(files: Record<string, string>): Uint8Array {
  return zipSync({
    mimetype: [strToU8('application/epub+zip'), { level: 0 }],
    ...Object.fromEntries(Object.entries(files).map(([name, text]) => [name, strToU8(text)])),
  });
}

const book = () =>
  epub({
    'META-INF/container.xml': container(),
    'OEBPS/content.opf': opf(
      'On the Origin of Cells',
      ['nav', 'c2', 'c1'],
      `<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
       <item id="c1" href="text/chapter%201.xhtml" media-type="application/xhtml+xml"/>
       <item id="c2" href="text/ch2.xhtml#start" media-type="application/xhtml+xml"/>
       <item id="css" href="style.css" media-type="text/css"/>`,
    ),
    'OEBPS/nav.xhtml': chapter('<nav epub:type="toc"><ol><li><a href="text/ch2.xhtml">Chapter Two</a></li></ol></nav>'),
    'OEBPS/text/chapter 1.xhtml': chapter('<h1>Chapter One</h1><p>The first <a id="note"/>chapter.</p><p/><p>After an empty paragraph.</p>'),
    'OEBPS/text/ch2.xhtml': chapter('<section><h2>Chapter Two</h2><p>Read before chapter one.</p></section>'),
    'OEBPS/style.css': 'p { margin: 0 }',
  });

describe('readEpub', () => {
  it('reads the chapters in spine order, skipping the table of contents', async () => {
    const doc = await readEpub(book());
    expect(doc.blocks).toEqual([
      { kind: 'heading', text: 'Chapter Two', level: 2 },
      { kind: 'paragraph', text: 'Read before chapter one.' },
      { kind: 'heading', text: 'Chapter One', level: 1 },
      { kind: 'paragraph', text: 'The first chapter.' },
      { kind: 'paragraph', text: 'After an empty paragraph.' },
    ]);
    expect(doc).toMatchObject({ format: 'epub', title: 'On the Origin of Cells', links: [], tags: [], pageCount: null, warnings: [] });
  });

  it('reports progress and calls the checkpoint once per chapter', async () => {
    const progress: Array<[number, number | null]> = [];
    let checkpoints = 0;
    await readEpub(book(), { onProgress: (done, total) => progress.push([done, total]), checkpoint: () => void checkpoints++ });
    expect(progress).toEqual([[1, 3], [2, 3], [3, 3]]);
    expect(checkpoints).toBe(3);
  });

  it('warns about chapters the package lists but the zip lacks', async () => {
    const doc = await readEpub(
      epub({
        'META-INF/container.xml': container('content.opf'),
        'content.opf': opf('T', ['a', 'b'], '<item id="a" href="a.xhtml" media-type="application/xhtml+xml"/><item id="b" href="b.xhtml" media-type="application/xhtml+xml"/>'),
        'a.xhtml': chapter('<p>Only chapter.</p>'),
      }),
    );
    expect(doc.blocks).toEqual([{ kind: 'paragraph', text: 'Only chapter.' }]);
    expect(doc.warnings).toEqual(['1 of 2 chapters listed in the book are missing from the file.']);
  });

  it('refuses a book whose content is encrypted as DRM-protected', async () => {
    const encryption = `<?xml version="1.0"?><encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" xmlns:enc="http://www.w3.org/2001/04/xmlenc#">
      <enc:EncryptedData><enc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/><enc:CipherData><enc:CipherReference URI="OEBPS/text/ch2.xhtml"/></enc:CipherData></enc:EncryptedData></encryption>`;
    const files = { 'META-INF/container.xml': container(), 'META-INF/encryption.xml': encryption };
    await expect(readEpub(epub(files))).rejects.toMatchObject({ code: 'protected', message: expect.stringMatching(/DRM/) });
  });

  it('reads a book whose only encryption is font obfuscation', async () => {
    const encryption = `<?xml version="1.0"?><encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" xmlns:enc="http://www.w3.org/2001/04/xmlenc#">
      <enc:EncryptedData><enc:EncryptionMethod Algorithm="http://www.idpf.org/2008/embedding"/><enc:CipherData><enc:CipherReference URI="OEBPS/font.otf"/></enc:CipherData></enc:EncryptedData></encryption>`;
    const doc = await readEpub(
      epub({
        'META-INF/container.xml': container('content.opf'),
        'META-INF/encryption.xml': encryption,
        'content.opf': opf('Fonts', ['a'], '<item id="a" href="a.xhtml" media-type="application/xhtml+xml"/>'),
        'a.xhtml': chapter('<p>Readable.</p>'),
      }),
    );
    expect(doc.blocks).toEqual([{ kind: 'paragraph', text: 'Readable.' }]);
  });

  it('refuses a book without container or package as malformed', async () => {
    await expect(readEpub(epub({ 'OEBPS/content.opf': opf('T', [], '') }))).rejects.toMatchObject({ code: 'malformed' });
    await expect(readEpub(epub({ 'META-INF/container.xml': container() }))).rejects.toMatchObject({ code: 'malformed' });
  });

  it('refuses a truncated zip as malformed and a declared 4 GiB as too large', async () => {
    const whole = book();
    await expect(readEpub(whole.subarray(0, whole.length - 30))).rejects.toMatchObject({ code: 'malformed' });
    const bomb = whole.slice();
    const view = new DataView(bomb.buffer);
    for (let at = 0; at + 4 <= bomb.length; at++) if (view.getUint32(at, true) === 0x02014b50) view.setUint32(at + 24, 0xffffff00, true);
    await expect(readEpub(bomb)).rejects.toMatchObject({ code: 'too-large' });
  });

  it('refuses a book without text as empty', async () => {
    const files = {
      'META-INF/container.xml': container('content.opf'),
      'content.opf': opf('T', ['a'], '<item id="a" href="a.xhtml" media-type="application/xhtml+xml"/>'),
      'a.xhtml': chapter('<div><img src="cover.jpg" alt="Cover"/></div>'),
    };
    await expect(readEpub(epub(files))).rejects.toMatchObject({ code: 'empty' });
  });
});
