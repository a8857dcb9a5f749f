import { describe, expect, it } from 'vitest';
import { declaredCharset, htmlBlocks, keepBlocks, parseHtml, readHtml, wrapBody } from './html';
import { joinContents } from '../source';

const bytes = (text: string) => new TextEncoder().encode(text);
const contentOf = (fragment: string) => htmlBlocks(parseHtml(wrapBody(fragment)).body);
const blocksOf = (fragment: string) => contentOf(fragment).blocks;
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

  it('reads a glossary page as its definitions, not its cookie banner and footer', async () => {
    const page = `<!DOCTYPE html><html><head><title>Biology glossary</title></head><body>
      <div id="cookie-consent"><p>We use cookies to personalise content and ads.</p><button>Accept</button></div>
      <header><div class="brand">BioRevise</div><form><input type="search"><button>Go</button></form></header>
      <aside class="sidebar"><h3>Popular</h3><p>Sign up for our free newsletter and never miss an update.</p></aside>
      <div class="content"><h1>Biology glossary</h1><dl>
      <dt>Allele</dt><dd>An allele is a variant form of a gene.</dd>
      <dt>Genotype</dt><dd>The genotype is the genetic make-up of an organism.</dd></dl></div>
      <div class="site-footer"><p>© 2024 BioRevise Ltd. All rights reserved. Terms of use.</p></div></body></html>`;
    const doc = await readHtml(bytes(page));
    expect(doc.blocks.filter((b) => b.kind !== 'heading')).toEqual([
      { kind: 'paragraph', text: 'Allele: An allele is a variant form of a gene.' },
      { kind: 'paragraph', text: 'Genotype: The genotype is the genetic make-up of an organism.' },
    ]);
    expect(doc.title).toBe('Biology glossary');
  });

  it("walks the cleaned body when Readability's article holds little of the page's text", async () => {
    const page = `<!DOCTYPE html><html><head><title>Biology glossary</title></head><body>
      <div class="notice"><p>Our shop is closed for the holidays. Orders placed now will ship in January.</p><button>OK</button></div>
      <header><div class="brand">BioRevise</div><nav><a href="/">Home</a> <a href="/shop">Shop</a></nav></header>
      <aside class="sidebar"><h3>Popular</h3><p>Sign up for our free newsletter and never miss an update.</p></aside>
      <div class="content"><h1>Biology glossary</h1><dl>
      <dt>Allele</dt><dd>An allele is a variant form of a gene.</dd>
      <dt>Genotype</dt><dd>The genotype is the genetic make-up of an organism.</dd>
      <dt>Phenotype</dt><dd>The phenotype is the set of observable characteristics of an organism.</dd></dl></div>
      <div class="bottom"><p>© 2024 BioRevise Ltd. All rights reserved.</p></div></body></html>`;
    const texts = (await readHtml(bytes(page))).blocks.map((b) => b.text);
    expect(texts).toContain('Phenotype: The phenotype is the set of observable characteristics of an organism.');
    expect(texts).toContain('Biology glossary');
    expect(texts.join('\n')).not.toMatch(/Home|Shop\b|Popular|newsletter|BioRevise/);
  });

  it('keeps Wikipedia section headings without their edit links, in current and older markup', async () => {
    const para = (topic: string) => `<p>${topic} ${filler}</p>`;
    const page = `<html><head><title>Ribosome - Wikipedia</title></head><body><main><div class="mw-parser-output">${para('Ribosomes')}
      <div class="mw-heading mw-heading2"><h2 id="Structure">Structure</h2><span class="mw-editsection"><span class="mw-editsection-bracket">[</span><a href="/w/index.php?action=edit&amp;section=1"><span>edit</span></a><span class="mw-editsection-bracket">]</span></span></div>${para('Structure')}
      <h2><span class="mw-headline" id="Function">Function</span><span class="mw-editsection"><span class="mw-editsection-bracket">[</span><a href="/edit">edit</a><span class="mw-editsection-bracket">]</span></span></h2>${para('Function')}
      <h3>Synthesis [<a href="/edit?section=3">edit</a>]</h3>${para('Synthesis')}
      <h3>Folding <a href="/edit?section=4">[edit]</a></h3>${para('Folding')}</div></main></body></html>`;
    const headings = (await readHtml(bytes(page))).blocks.filter((b) => b.kind === 'heading');
    expect(headings).toEqual([
      { kind: 'heading', text: 'Structure', level: 2 },
      { kind: 'heading', text: 'Function', level: 2 },
      { kind: 'heading', text: 'Synthesis', level: 3 },
      { kind: 'heading', text: 'Folding', level: 3 },
    ]);
  });

  it('drops Wikipedia and site furniture: tagline, hatnote, infobox, contents, references, navbox, categories, copyright', async () => {
    const page = `<html><head><title>Mitochondrion - Wikipedia</title></head><body><main id="content">
      <h1 id="firstHeading">Mitochondrion</h1><div id="siteSub">From Wikipedia, the free encyclopedia</div>
      <div class="hatnote">For the journal, see Mitochondrion (journal).</div>
      <table class="infobox"><tr><td>Components</td><td>Outer membrane, inner membrane</td></tr></table>
      <div class="mw-parser-output"><p>A mitochondrion is an organelle. ${filler}</p>
      <div id="toc" class="toc"><h2>Contents</h2><ul><li>1 Structure</li></ul></div>
      <h2>Structure</h2><p>The outer membrane encloses the organelle. ${filler}</p>
      <h2><span class="mw-headline" id="References">References</span></h2>
      <div class="reflist"><ol class="references"><li>Henze K (2003). Nature. 426: 127–8.</li></ol></div>
      <ol><li>Campbell NA (2006). Biology.</li></ol>
      <div class="navbox" role="navigation"><table><tr><th>Organelles</th><td>Nucleus · Ribosome</td></tr></table></div>
      <h2>External links</h2><ul><li>Mitochondrion at the Open Tree of Life</li></ul></div>
      <div id="catlinks" class="catlinks">Categories: Organelles | Cellular respiration</div>
      <div role="complementary"><p>Related: chloroplasts also have their own DNA.</p></div></main>
      <div class="footer">Copyright 2024 StudyBlog. All rights reserved.</div>
      <div role="contentinfo">This page was last edited on 1 January 2024.</div>
      <p>© 2024 Example Press</p></body></html>`;
    const doc = await readHtml(bytes(page));
    const all = doc.blocks.map((b) => b.text).join('\n');
    expect(all).toContain('A mitochondrion is an organelle.');
    expect(all).toContain('The outer membrane encloses the organelle.');
    expect(doc.blocks).toContainEqual({ kind: 'heading', text: 'Structure', level: 2 });
    expect(all).not.toMatch(/Wikipedia|journal|Components|Contents|References|Henze|Campbell|Nucleus|External links|Open Tree|Categories|chloroplasts|Copyright|rights reserved|last edited|Example Press/);
  });

  it('reads a page of elements nested thousands deep at once, from its body (Readability took minutes on it)', async () => {
    const deep = `<html><head><title>Deep</title></head><body>${'<div>'.repeat(5000)}<p>${filler}</p>${'</div>'.repeat(5000)}</body></html>`;
    const page = await readHtml(bytes(deep));
    expect(page.title).toBe('Deep');
    expect(page.blocks.map((block) => block.text)).toEqual([filler.trim()]);
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

  it('never reads pre or code-only blocks as text, but keeps inline code in a sentence', () => {
    expect(blocksOf('<pre><code>const x = 1;</code></pre><p><code>npm install</code></p><p>Call <code>map()</code> on arrays.</p>')).toEqual([
      { kind: 'paragraph', text: 'Call map() on arrays.' },
    ]);
  });

  it('keeps pre as code to show, fenced, with its language and its place before the next block, indented inside a list', () => {
    const { code } = contentOf('<p>First.</p><pre class="highlight"><code class="language-python">def f(x):\n    return ```x```\n</code></pre><ul><li>Item<pre>  two\n  lines</pre></li></ul><pre> </pre>');
    expect(code).toEqual([
      { before: 1, text: '````python\ndef f(x):\n    return ```x```\n````' },
      { before: 2, text: '  ```\n  two\n  lines\n```' },
    ]);
  });

  it('marks list items with their marker: "- ", or their number from the list\'s start, indented by nesting', () => {
    const { blocks, marks } = contentOf('<ol start="3"><li>Third<ul><li>Inner<ol><li>Deep</li></ol></li></ul></li><li>Fourth</li></ol><p>After.</p>');
    expect(blocks.map((block) => block.text)).toEqual(['Third', 'Inner', 'Deep', 'Fourth', 'After.']);
    expect(marks).toEqual([
      { before: '3. ', after: '' },
      { before: '  - ', after: '' },
      { before: '    1. ', after: '' },
      { before: '4. ', after: '' },
    ]);
  });

  it('marks a blockquote\'s paragraphs as a quote, its first opening it, so two quotes in a row stay two', () => {
    const { blocks, marks } = contentOf('<blockquote><p>Cells come from cells.</p><p>So says Virchow.</p></blockquote><blockquote>Another.</blockquote><p>Prose.</p>');
    expect(blocks.map((block) => block.kind)).toEqual(['quote', 'quote', 'quote', 'paragraph']);
    expect(marks).toEqual([{ before: '>\n> ', after: '' }, { before: '> ', after: '' }, { before: '>\n> ', after: '' }]);
  });

  it('marks table rows with pipes, and a header row (thead, or th cells first) with a delimiter line for its cells', () => {
    const inHead = contentOf('<table><thead><tr><th></th><th>Job</th></tr></thead><tbody><tr><td>Nucleus</td><td>Stores DNA</td></tr></tbody></table>');
    expect(inHead.marks).toEqual([{ before: '| ', after: ' |\n| --- |' }, { before: '| ', after: ' |' }]);
    const thFirst = contentOf('<table><tr><th>Organelle</th><th>Job</th></tr><tr><th>Nucleus</th><td>Stores DNA</td></tr></table>');
    expect(thFirst.marks).toEqual([{ before: '| ', after: ' |\n| --- | --- |' }, { before: '| ', after: ' |' }]);
    expect(contentOf('<table><tr><td>No</td><td>header</td></tr></table>').marks).toEqual([{ before: '| ', after: ' |' }]);
  });

  it('keeps marks and code with their blocks when blocks are left out or contents joined', () => {
    const page = contentOf('<p>Keep one.</p><pre>code a</pre><p>Drop me.</p><ul><li>Kept item</li></ul><pre>code b</pre>');
    const kept = keepBlocks(page, (block) => block.text !== 'Drop me.');
    expect(kept.blocks.map((block) => block.text)).toEqual(['Keep one.', 'Kept item']);
    expect(kept.marks).toEqual([undefined, { before: '- ', after: '' }]);
    expect(kept.code.map((code) => code.before)).toEqual([1, 2]);
    const joined = joinContents([kept, contentOf('<ol><li>Next chapter</li></ol><pre>code c</pre>')]);
    expect(joined.blocks.map((block) => block.text)).toEqual(['Keep one.', 'Kept item', 'Next chapter']);
    expect(joined.marks).toEqual([undefined, { before: '- ', after: '' }, { before: '1. ', after: '' }]);
    expect(joined.code.map((code) => [code.before, code.text])).toEqual([[1, '```\ncode a\n```'], [2, '```\ncode b\n```'], [3, '```\ncode c\n```']]);
  });

  it('reads a definition list as "term: definition" blocks', () => {
    expect(blocksOf(`<dl><dt>Allele:</dt><dd>A variant form of a gene.</dd>
      <dt>Mitosis</dt><dt>Meiosis</dt><dd>Kinds of cell division.</dd>
      <dt>Osmosis</dt><dd>Movement of water.</dd><dd>A kind of diffusion.</dd>
      <div><dt>Codon</dt><dd>Three bases<ul><li>Start codon</li></ul></dd></div>
      <dt>Orphan term</dt></dl>`)).toEqual([
      { kind: 'paragraph', text: 'Allele: A variant form of a gene.' },
      { kind: 'paragraph', text: 'Mitosis, Meiosis: Kinds of cell division.' },
      { kind: 'paragraph', text: 'Osmosis: Movement of water.' },
      { kind: 'paragraph', text: 'Osmosis: A kind of diffusion.' },
      { kind: 'paragraph', text: 'Codon: Three bases' },
      { kind: 'list-item', text: 'Start codon' },
      { kind: 'paragraph', text: 'Orphan term' },
    ]);
  });

  it('drops footnote and citation markers, so they do not open the next sentence', () => {
    expect(blocksOf(`<p>Cells respire.<sup class="reference"><a href="#cite_note-1"><span>[</span>1<span>]</span></a></sup> Mitochondria make ATP.<sup>[a]</sup></p>
      <p>Ribosomes translate.<sup><a href="#cite_note-2">2</a></sup>Proteins fold.<sup>†</sup> Water moves.<sup>3</sup></p>
      <p>Osmosis is passive<sup>[citation needed]</sup>, like diffusion.<a href="#fn1" class="footnote-ref" id="fnref1" role="doc-noteref"><sup>1</sup></a></p>
      <p>See the note.<a epub:type="noteref" href="notes.xhtml#n4">4</a></p>
      <p>Area is 4 m<sup>2</sup>, about 10<sup>9</sup> cells.</p>
      <ol><li id="fn1"><p>A footnote. <a href="#fnref1" class="footnote-back" role="doc-backlink">↩︎</a></p></li>
      <li id="footnote-1"><p>A Word footnote. <a href="#footnote-ref-1">↑</a></p></li></ol>`)).toEqual([
      { kind: 'paragraph', text: 'Cells respire. Mitochondria make ATP.' },
      { kind: 'paragraph', text: 'Ribosomes translate. Proteins fold. Water moves.' },
      { kind: 'paragraph', text: 'Osmosis is passive, like diffusion.' },
      { kind: 'paragraph', text: 'See the note.' },
      { kind: 'paragraph', text: 'Area is 4 m2, about 109 cells.' },
      { kind: 'list-item', text: 'A footnote.' },
      { kind: 'list-item', text: 'A Word footnote.' },
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
