/**
 * Imports are treated as hostile: files full of remote references (images, stylesheets, scripts, frames,
 * linked templates, link actions) are read without a single connection, DNS lookup or fetch. Every way out
 * of the process is replaced by a recorder for the duration of the test: sockets (which http, https, net and
 * fetch all end in), DNS, and fetch itself. The reader is the same `parseDocument` the parse worker runs.
 */
import dns from 'node:dns';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfOf } from './formats/pdf-fixture';
import { parseDocument } from './parse-document';

const attempts: string[] = [];
const restore: Array<() => void> = [];

function replace<T extends object, K extends keyof T>(target: T, key: K, what: string): void {
  const original = target[key];
  (target as Record<K, unknown>)[key] = (...args: unknown[]) => {
    attempts.push(`${what}(${args.map((a) => (typeof a === 'object' ? JSON.stringify(a)?.slice(0, 80) : String(a))).join(', ')})`);
    throw new Error(`network access during import: ${what}`);
  };
  restore.push(() => ((target as Record<K, unknown>)[key] = original));
}

beforeAll(() => {
  replace(net.Socket.prototype, 'connect', 'socket.connect');
  replace(dns, 'lookup', 'dns.lookup');
  replace(dns, 'resolve', 'dns.resolve');
  replace(globalThis, 'fetch', 'fetch');
  syncBuiltinESMExports();
});
afterAll(() => {
  for (const undo of restore) undo();
  syncBuiltinESMExports();
});

const remote = 'http://tracker.example.com';
const prose = 'Mitochondria are the organelles that make most of a cell’s chemical energy. They have their own DNA.';

const html = `<!doctype html><html><head><title>Cells</title>
  <link rel="stylesheet" href="${remote}/a.css"><script src="${remote}/a.js"></script><script>fetch('${remote}/inline')</script>
  <meta http-equiv="refresh" content="0; url=${remote}/go"><style>@import url(${remote}/b.css); body { background: url(${remote}/bg.png) }</style>
  <base href="${remote}/"></head><body onload="fetch('${remote}/onload')"><article><h1>Cells</h1>
  <p>${prose} <img src="${remote}/pixel.gif" srcset="${remote}/x.png 2x"></p><iframe src="${remote}/frame"></iframe>
  <object data="${remote}/o.swf"></object><video src="${remote}/v.mp4" poster="${remote}/p.png"></video>
  <svg><image href="${remote}/s.png"/></svg><p>Ribosomes build proteins from amino acids. <a href="${remote}/more">More</a></p></article></body></html>`;

const markdown = `# Cells\n\n![diagram](${remote}/d.png)\n\n${prose}\n\n<img src="${remote}/raw.png"><script src="${remote}/md.js"></script>\n\nRibosomes build proteins. [More](${remote}/more)\n`;

const w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const relationships = 'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"';
const docx = zipSync({
  '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>'),
  'word/document.xml': strToU8(
    `<?xml version="1.0"?><w:document ${w} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body><w:p><w:r><w:t>${prose}</w:t></w:r></w:p>` +
      '<w:p><w:hyperlink r:id="rLink"><w:r><w:t>A linked sentence about ribosomes.</w:t></w:r></w:hyperlink></w:p>' +
      '<w:p><w:r><w:pict><v:imagedata xmlns:v="urn:schemas-microsoft-com:vml" r:id="rImage"/></w:pict></w:r></w:p></w:body></w:document>',
  ),
  'word/_rels/document.xml.rels': strToU8(
    `<?xml version="1.0"?><Relationships ${relationships}><Relationship Id="rImage" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="${remote}/i.png" TargetMode="External"/>` +
      `<Relationship Id="rLink" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="${remote}/l" TargetMode="External"/></Relationships>`,
  ),
  'word/settings.xml': strToU8(`<?xml version="1.0"?><w:settings ${w} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:attachedTemplate r:id="rTemplate"/></w:settings>`),
  'word/_rels/settings.xml.rels': strToU8(
    `<?xml version="1.0"?><Relationships ${relationships}><Relationship Id="rTemplate" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" Target="${remote}/t.dotm" TargetMode="External"/></Relationships>`,
  ),
});

const epub = zipSync({
  mimetype: [strToU8('application/epub+zip'), { level: 0 }],
  'META-INF/container.xml': strToU8(
    '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>',
  ),
  'content.opf': strToU8(
    `<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Cells</dc:title></metadata>` +
      `<manifest><item id="c1" href="c1.xhtml" media-type="application/xhtml+xml"/><item id="css" href="${remote}/e.css" media-type="text/css"/></manifest><spine><itemref idref="c1"/></spine></package>`,
  ),
  'c1.xhtml': strToU8(
    `<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><head><link rel="stylesheet" href="${remote}/c.css"/><script src="${remote}/c.js"></script></head>` +
      `<body><h1>Cells</h1><p>${prose}</p><img src="${remote}/c.png"/><iframe src="${remote}/c"></iframe></body></html>`,
  ),
});

/** One page of text with a link annotation, a launch action and a remote go-to action pointing away. */
function pdfWithRemoteActions(): Uint8Array {
  const content = `BT /F1 12 Tf 20 150 Td (${prose.replace('’', "'")}) Tj ET`;
  const objects = [
    `<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /URI /URI (${remote}/open) >> /AA << /WC << /S /Launch /F (${remote}/x.exe) >> >> >>`,
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> /Annots [6 0 R 7 0 R] >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Type /Annot /Subtype /Link /Rect [0 0 100 20] /A << /S /URI /URI (${remote}/link) >> >>`,
    `<< /Type /Annot /Subtype /Link /Rect [0 20 100 40] /A << /S /GoToR /F (${remote}/other.pdf) /D [0 /Fit] >> >>`,
  ];
  return pdfOf(objects);
}

describe('importing files full of remote references', () => {
  it('the recorder itself catches a connection attempt, a lookup and a fetch', () => {
    expect(() => fetch(`${remote}/probe`)).toThrow(/network access during import/);
    expect(() => dns.lookup('tracker.example.com', () => {})).toThrow(/network access/);
    expect(() => net.connect(80, 'tracker.example.com')).toThrow(/network access/);
    expect(attempts.splice(0).map((a) => a.split('(')[0])).toEqual(['fetch', 'dns.lookup', 'socket.connect']);
  });

  it.each([
    ['cells.html', new TextEncoder().encode(html)],
    ['cells.md', new TextEncoder().encode(markdown)],
    ['cells.docx', docx],
    ['cells.epub', epub],
    ['cells.pdf', pdfWithRemoteActions()],
  ])('reads %s without touching the network', async (name, bytes) => {
    const document = await parseDocument({ name, bytes });
    expect(document.sentences.map((s) => s.text).join(' ')).toContain('Mitochondria are the organelles');
    expect(attempts).toEqual([]);
  });
});
