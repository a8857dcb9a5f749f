import { describe, expect, it } from 'vitest';
import { declaredCharset, htmlBlocks, parseHtml, readHtml, wrapBody } from './html';

const bytes = (text: string) => new TextEncoder().encode(text);
const blocksOf = (fragment: string) => htmlBlocks(parseHtml(wrapBody(fragment)).body);
const filler = 'Cells divide by mitosis, and each daughter cell receives a full copy of the genome. '.repeat(8);

describe('readHtml', () => {
  it('keeps the article and drops navigation, footer, scripts and styles', async () => {
    const page = `<!DOCTYPE html><html><head><title>Mitosis | Bio Site</title><style>p { color: red }</style>
      <script>globalThis.focalScriptRan = true; document.write('INJECTED')</script></head>
      <body><nav><a href="/">Home</a> <a href="/about">About us</a></nav>
      <article><h1>Mitosis</h1><p>${filler}</p><h2>Phases</h2><p>Prophase comes first.<script>alert('SCRIPT TEXT')</script></p>
      <ul><li>Prophase</li><li>Metaphase</li></ul></article>
      <footer>Copyright FOOTER TEXT</footer><img src="https://example.org/tracker.png" onerror="globalThis.focalScriptRan = true"></body></html>`;
    const doc = await readHtml(bytes(page));
    const all = doc.blocks.map((b) => b.text).join('\n');
    expect(all).toContain('Prophase comes first.');
    expect(all).not.toMatch(/SCRIPT TEXT|INJECTED|focalScriptRan|FOOTER TEXT|About us|color: red/);
    expect(doc.blocks).toContainEqual({ kind: 'heading', text: 'Phases', level: 2 });
    expect(doc.blocks).toContainEqual({ kind: 'list-item', text: 'Metaphase' });
    expect(doc.title).toMatch(/^Mitosis/);
    expect((globalThis as { focalScriptRan?: boolean }).focalScriptRan).toBeUndefined();
    expect(doc).toMatchObject({ format: 'html', links: [], tags: [], pageCount: null, warnings: [] });
  });

  it('falls back to the body when Readability finds no article, and takes the title from <title>', async () => {
    const doc = await readHtml(bytes('<html><head><title> Short  page </title></head><body><p>Only a line.</p></body></html>'));
    expect(doc.blocks).toEqual([{ kind: 'paragraph', text: 'Only a line.' }]);
    expect(doc.title).toBe('Short page');
  });

  it('honours a declared legacy charset', async () => {
    const head = bytes('<html><head><meta charset="windows-1252"><title>t</title></head><body><p>');
    const body = Uint8Array.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x96, 0x20, 0x6e, 0x61, 0xef, 0x76, 0x65]);
    const tail = bytes('</p></body></html>');
    const doc = await readHtml(Uint8Array.from([...head, ...body, ...tail]));
    expect(doc.blocks).toEqual([{ kind: 'paragraph', text: 'café – naïve' }]);
  });

  it('reads XHTML self-closing elements as empty, not as swallowing what follows', async () => {
    const page = '<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>X</title></head><body><p>One<a id="n1"/> two.</p><div/><p>Three.</p></body></html>';
    const doc = await readHtml(bytes(page));
    expect(doc.blocks).toEqual([
      { kind: 'paragraph', text: 'One two.' },
      { kind: 'paragraph', text: 'Three.' },
    ]);
  });

  it('refuses a page without text as empty', async () => {
    await expect(readHtml(bytes('<html><head><title>Nothing</title><script>var a = "text";</script></head><body> </body></html>'))).rejects.toMatchObject({ code: 'empty' });
  });
});

describe('htmlBlocks', () => {
  it('maps headings, paragraphs, quotes and captions to their kinds', () => {
    expect(blocksOf('<h3>Title</h3><p>Body  text\n here.</p><blockquote><p>Quoted.</p>Loose quote</blockquote><figure><img alt="alt text"><figcaption>Fig 1. A cell.</figcaption></figure>')).toEqual([
      { kind: 'heading', text: 'Title', level: 3 },
      { kind: 'paragraph', text: 'Body text here.' },
      { kind: 'quote', text: 'Quoted.' },
      { kind: 'quote', text: 'Loose quote' },
      { kind: 'caption', text: 'Fig 1. A cell.' },
    ]);
  });

  it('makes table rows with non-empty cells joined by " | ", and a table caption', () => {
    expect(blocksOf('<table><caption>Organelles</caption><thead><tr><th></th><th>Job</th></tr></thead><tbody><tr><td><p>Nucleus</p></td><td>Stores <b>DNA</b></td></tr></tbody></table>')).toEqual([
      { kind: 'caption', text: 'Organelles' },
      { kind: 'table-row', text: 'Job' },
      { kind: 'table-row', text: 'Nucleus | Stores DNA' },
    ]);
  });

  it('gives each list item only its own text, nested items following', () => {
    expect(blocksOf('<ol><li><p>Outer</p> item<ul><li>Inner one</li><li>Inner two</li></ul></li><li>Next</li></ol>')).toEqual([
      { kind: 'list-item', text: 'Outer item' },
      { kind: 'list-item', text: 'Inner one' },
      { kind: 'list-item', text: 'Inner two' },
      { kind: 'list-item', text: 'Next' },
    ]);
  });

  it('turns loose text beside blocks into paragraphs and treats <br> as a space', () => {
    expect(blocksOf('<div>Loose <em>inline</em> text<p>Inner</p>tail<br>line</div>')).toEqual([
      { kind: 'paragraph', text: 'Loose inline text' },
      { kind: 'paragraph', text: 'Inner' },
      { kind: 'paragraph', text: 'tail line' },
    ]);
  });

  it('skips pre and code-only blocks but keeps inline code in a sentence', () => {
    expect(blocksOf('<pre><code>const x = 1;</code></pre><p><code>npm install</code></p><p>Call <code>map()</code> on arrays.</p>')).toEqual([
      { kind: 'paragraph', text: 'Call map() on arrays.' },
    ]);
  });

  it('reads thousands of nested lists without exhausting the stack', () => {
    const depth = 3000;
    const html = `${'<ul><li>level'.repeat(depth)}${'</li></ul>'.repeat(depth)}`;
    const blocks = blocksOf(html);
    expect(blocks.length).toBeGreaterThan(10);
    expect(blocks.map((b) => b.text).join(' ').match(/level/g)).toHaveLength(depth);
  });
});

describe('declaredCharset', () => {
  it('finds <meta charset>, http-equiv and the XML prolog', () => {
    expect(declaredCharset(bytes('<meta charset="GBK">'))).toBe('GBK');
    expect(declaredCharset(bytes('<meta http-equiv="Content-Type" content="text/html; charset=shift_jis">'))).toBe('shift_jis');
    expect(declaredCharset(bytes('<?xml version="1.0" encoding="ISO-8859-1"?><html/>'))).toBe('ISO-8859-1');
    expect(declaredCharset(bytes('<p>none</p>'))).toBeUndefined();
  });
});
