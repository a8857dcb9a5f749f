import { describe, expect, it } from 'vitest';
import { notePieces, readFrontMatter, readMarkdown, withoutComments } from './markdown';
import { seededRandom } from '../../seeded-random';
import { mathSegments } from '../inline-math';

const read = (text: string) => readMarkdown(new TextEncoder().encode(text));

describe('readMarkdown', () => {
  it('turns headings, paragraphs and quotes into blocks, keeping link text and dropping images', async () => {
    const doc = await read(
      '# Cells\n\nThe **cell** is the [basic unit](https://example.org) of life. ![diagram](cell.png)\n\n## Parts\n\n> Omnis cellula\n> e cellula.\n',
    );
    expect(doc.blocks).toEqual([
      { kind: 'heading', text: 'Cells', level: 1 },
      { kind: 'paragraph', text: 'The cell is the basic unit of life.' },
      { kind: 'heading', text: 'Parts', level: 2 },
      { kind: 'quote', text: 'Omnis cellula e cellula.' },
    ]);
    expect(doc).toMatchObject({ format: 'markdown', title: 'Cells', links: [], tags: [], pageCount: null, warnings: [] });
  });

  it('makes each list item its own block with only its own text, nested items after it', async () => {
    const doc = await read('- Organelles\n  - Nucleus holds DNA\n  - Ribosomes\n- [x] Done task\n\n1. First\n2. Second\n');
    expect(doc.blocks).toEqual([
      { kind: 'list-item', text: 'Organelles' },
      { kind: 'list-item', text: 'Nucleus holds DNA' },
      { kind: 'list-item', text: 'Ribosomes' },
      { kind: 'list-item', text: '☑ Done task' },
      { kind: 'list-item', text: 'First' },
      { kind: 'list-item', text: 'Second' },
    ]);
  });

  it('makes one table-row block per row, header included, cells joined by " | "', async () => {
    const doc = await read('| Organelle | Job |\n|---|---|\n| Nucleus | *Stores* DNA |\n| Ribosome | Makes protein |\n');
    expect(doc.blocks).toEqual([
      { kind: 'table-row', text: 'Organelle | Job' },
      { kind: 'table-row', text: 'Nucleus | Stores DNA' },
      { kind: 'table-row', text: 'Ribosome | Makes protein' },
    ]);
  });

  it('gives the front matter aliases as the names the note is also linked by, and none when it has none', async () => {
    expect((await read('---\naliases: [Powerhouse, Mito, mito]\n---\n# Mitochondria\n\nText.\n')).aliases).toEqual(['Powerhouse', 'Mito']);
    expect((await read('# Mitochondria\n\nText.\n')).aliases).toBeUndefined();
  });

  it('keeps code blocks, HTML tags and front matter out of the blocks, and an HTML block’s words in', async () => {
    const doc = await read('---\ntitle: T\n---\n\nText.\n\n```js\nconst secret = 1;\n```\n\n    indented code\n\n<div class="x">raw html &amp; more</div>\n\n<style>p { color: red }</style>\n\nMore text with `inline code`.\n');
    expect(doc.blocks.map((b) => b.text)).toEqual(['Text.', 'raw html & more', 'More text with inline code.']);
  });

  it('reads quotes nested beyond any note’s depth (50 KB of ">") as the text they hold', async () => {
    // Capped before the parser sees them (its time grows with the square of the depth: this took past the import's limit).
    const doc = await read(`${'>'.repeat(50_000)} hi there\n\n> a quote\n`);
    expect(doc.blocks.map((b) => [b.kind, b.text])).toEqual([
      ['quote', 'hi there'],
      ['quote', 'a quote'],
    ]);
  });

  it('reads a list nested 1,000 deep with every item’s words, and leaves indents of ordinary depth alone', async () => {
    // Indents past 128 columns are cut to it before the parser sees them (a line's time grows with the square of its nesting: 2,000 deep took 8 minutes).
    const outline = Array.from({ length: 1000 }, (_, i) => `${'  '.repeat(i)}- item${i}`).join('\n');
    const words = (await read(`${outline}\n`)).blocks.flatMap((b) => b.text.split(/\s+/));
    expect(words.filter((w) => /^item\d+$/.test(w))).toEqual(Array.from({ length: 1000 }, (_, i) => `item${i}`));
    const code = `${' '.repeat(120)}return 1;\n\t${'\t'.repeat(31)}return 2;`;
    expect((await read(`Text.\n\n\`\`\`js\n${code}\n\`\`\`\n`)).code?.map((c) => c.text)).toEqual([`\`\`\`js\n${code}\n\`\`\``]);
  });

  it('reads a paragraph between two rules at the start of a note as text, not as front matter', async () => {
    const doc = await read('---\nThis note opens with a paragraph set between rules.\n---\n\nThen the body.\n');
    expect(doc.blocks.map((b) => b.text)).toEqual(['This note opens with a paragraph set between rules.', 'Then the body.']);
    expect((await read('---\naliases: [Cells]\n---\nBody.\n')).aliases).toEqual(['Cells']);
  });

  it('reads title and both forms of tags from YAML front matter', async () => {
    const flow = await read('---\ntitle: "Cell Biology: An Intro"\ntags: [biology, cells]\n---\n# Other heading\n\nText.\n');
    expect(flow.title).toBe('Cell Biology: An Intro');
    expect(flow.tags).toEqual(['biology', 'cells']);
    const block = await read("---\ntitle: 'It''s here'\ntags:\n  - exam\n  - '#week1'\n---\nText.\n");
    expect(block.title).toBe("It's here");
    expect(block.tags).toEqual(['exam', 'week1']);
  });

  it('falls back to the first heading when the front matter title is invalid YAML', async () => {
    expect((await read('---\ntitle: [broken\n---\n# Hi\n\nSome sentence here.\n')).title).toBe('Hi');
    expect((await read('---\ntitle: [broken\n---\nSome sentence here.\n')).title).toBeNull();
  });

  it('takes the first level-1 heading as the title when there is no front matter title, else none', async () => {
    expect((await read('## Sub\n\n# Main\n\n# Later\n')).title).toBe('Main');
    expect((await read('Just text.\n')).title).toBeNull();
  });

  it('shows wikilinks as their alias or target and records the target; an embedded note is a link without words here', async () => {
    const doc = await read('See [[Mitochondria]], [[Cell Membrane|the membrane]], [[Nucleus#Structure]] and [[#Local heading]].\n\n![[Krebs cycle]]\n');
    expect(doc.blocks.map((b) => b.text)).toEqual(['See Mitochondria, the membrane, Nucleus and Local heading.']);
    expect(doc.links).toEqual(['Mitochondria', 'Cell Membrane', 'Nucleus', 'Krebs cycle']);
  });

  it('says where each link to another note sits in its block’s text, for the reader to make clickable', async () => {
    const doc = await read(
      'See [[Mitochondria]], [[Cell Membrane|the  membrane]] and [[#Local heading]].\n\n- [[Nucleus#Structure|The nucleus]] holds [the DNA](dna.md).\n\n# About [[Cells]]\n\n> [!note] From [[Biology]]\n> ==[[Osmosis]]== moves water.\n',
    );
    const shown = doc.blocks.map((block) => ({ text: block.text, links: (block.links ?? []).map((link) => [block.text.slice(link.start, link.end), link.target]) }));
    expect(shown).toEqual([
      { text: 'See Mitochondria, the membrane and Local heading.', links: [['Mitochondria', 'Mitochondria'], ['the membrane', 'Cell Membrane'], ['Local heading', '#Local heading']] },
      { text: 'The nucleus holds the DNA.', links: [['The nucleus', 'Nucleus#Structure'], ['the DNA', 'dna']] },
      { text: 'About Cells', links: [['Cells', 'Cells']] },
      { text: 'Osmosis moves water.', links: [['Osmosis', 'Osmosis']] },
    ]);
    // A callout's header, shown above its text, has its link's words without the link.
    expect(doc.marks?.[3]).toEqual({ before: '> [!note] From Biology\n> ', after: '' });
    expect(doc.blocks.every((block) => !/[\uFDD0-\uFDEF]/.test(block.text))).toBe(true);
  });

  it('names the heading or block a link opens at, in its note or in this one', async () => {
    const doc = await read('[[Cells#Mitosis#Prophase|prophase]], [[Cells#^a1b2]], [mitosis](Cells.md#Cell%20division), [below](#summary) and [a site](https://example.org/#x).\n');
    const [block] = doc.blocks;
    expect(block!.links!.map((link) => [block!.text.slice(link.start, link.end), link.target])).toEqual([
      ['prophase', 'Cells#Prophase'],
      ['Cells', 'Cells#^a1b2'],
      ['mitosis', 'Cells#Cell division'],
      ['below', '#summary'],
    ]);
    expect(doc.links).toEqual(['Cells']);
  });

  it('names a block by its Obsidian id, at its end or on the line after a list or table, and keeps the id out of its text', async () => {
    const doc = await read(
      '# Cells\n\nMitochondria make ATP. ^atp\n\nRibosomes make proteins.\n\n- Nucleus\n- Membrane ^membrane\n\n| Organelle | Job |\n|---|---|\n| Nucleus | DNA |\n| Golgi | Sorting |\n\n^organelles\n\nThe end.\n',
    );
    expect(doc.blocks.map((block) => [block.text, block.anchor])).toEqual([
      ['Cells', undefined],
      ['Mitochondria make ATP.', 'atp'],
      ['Ribosomes make proteins.', undefined],
      ['Nucleus', undefined],
      ['Membrane', 'membrane'],
      ['Organelle | Job', 'organelles'],
      ['Nucleus | DNA', undefined],
      ['Golgi | Sorting', undefined],
      ['The end.', undefined],
    ]);
  });

  it('keeps a paragraph of embedded notes as lines to show where their text would be, never read; not pictures, nor embeds inside text or lists', async () => {
    const doc = await read('Intro text.\n\n![[Krebs cycle]]\n![[Glycolysis#Steps|the steps]]\n\n![[diagram.png]]\n\nSee ![[Inline note]] here.\n\n- ![[In a list]]\n\n> ![[In a quote]]\n');
    expect(doc.code).toEqual([
      { before: 1, text: '![[Krebs cycle]]' },
      { before: 1, text: '![[Glycolysis#Steps|the steps]]' },
    ]);
    expect(doc.blocks.map((block) => block.text)).toEqual(['Intro text.', 'See here.']);
    expect(doc.links).toEqual(['Krebs cycle', 'Glycolysis', 'Inline note', 'In a list', 'In a quote']);
  });

  it('never takes characters in a file for its own link marks', async () => {
    const doc = await read('A \uFDD3x\uFDD4fake\uFDD5 link and a [[real]] one.\n');
    expect(doc.blocks).toEqual([{ kind: 'paragraph', text: 'A xfake link and a real one.', links: [{ start: 19, end: 23, target: 'real' }] }]);
  });

  it('records a Markdown link to another note or document as a link, not a web address, an anchor or a picture', async () => {
    const doc = await read(
      'See [the bio lecture](../Bio/Lecture%201.md), [cells](./cells.md#Structure), [the paper](papers/krebs.pdf), [a site](https://example.org/notes.md), [above](#intro) and [a photo](img/cell.png).\n',
    );
    expect(doc.blocks.map((b) => b.text)).toEqual(['See the bio lecture, cells, the paper, a site, above and a photo.']);
    expect(doc.links).toEqual(['Bio/Lecture 1', 'cells', 'papers/krebs.pdf']);
  });

  it('keeps a task’s box, so the task is shown as one and never taken for a key sentence', async () => {
    const doc = await read('- [x] read chapter 3\n- [ ] revise the Krebs cycle\n- a plain item\n');
    expect(doc.blocks.map((b) => b.text)).toEqual(['☑ read chapter 3', '☐ revise the Krebs cycle', 'a plain item']);
  });

  it('leaves out embedded pictures, PDFs and media, as it does Markdown images', async () => {
    const doc = await read('![[mito-diagram.png]]\n\nThe cell ![[cell.jpg|200]] divides. ![[lecture.PDF#page=3]]\n\n![A painting](../attachments/bastille.jpg)\n');
    expect(doc.blocks.map((b) => b.text)).toEqual(['The cell divides.']);
    expect(doc.links).toEqual([]);
  });

  it('reads a wikilink with an escaped pipe inside a table cell', async () => {
    const doc = await read('| Term | Note |\n|---|---|\n| [[Osmosis\\|water flow]] | key |\n');
    expect(doc.blocks[1]).toEqual({ kind: 'table-row', text: 'water flow | key', links: [{ start: 0, end: 10, target: 'Osmosis' }] });
    expect(doc.links).toEqual(['Osmosis']);
  });

  it('collects #tags, dropping those that label a block and keeping the word of those inside a sentence', async () => {
    const doc = await read('#todo Review the notes on #biology/cells today. #exam #Biology\n\n#standalone #tags\n\nIssue #123 and C# stay.\n\n# Heading #chapter\n');
    expect(doc.tags).toEqual(['todo', 'biology/cells', 'exam', 'Biology', 'standalone', 'tags', 'chapter']);
    expect(doc.blocks).toEqual([
      { kind: 'paragraph', text: 'Review the notes on biology/cells today.' },
      { kind: 'paragraph', text: 'Issue #123 and C# stay.' },
      { kind: 'heading', text: 'Heading', level: 1 },
    ]);
  });

  it('finds no tags in code, escaped hashes or link targets, and deduplicates tags ignoring case', async () => {
    const doc = await read('---\ntags: [exam]\n---\nUse `#notatag` and \\#escaped here, see [[Note#Section]].\n\n```\n#code\n```\n\nAn #Exam and #exam again.\n');
    expect(doc.tags).toEqual(['exam']);
    expect(doc.blocks.map((b) => b.text)).toEqual(['Use #notatag and #escaped here, see Note.', 'An Exam and exam again.']);
  });

  it('strips Obsidian markers: callout types, comments, highlights and block ids', async () => {
    const doc = await read('> [!note] Remember\n> the ==key== point. ^abc123\n\nVisible %%hidden%% text.\n\nIf a == b and b == c.\n');
    // The callout's title is its header, shown by the reader and never a sentence (it was read as "Remember the key point.").
    expect(doc.blocks.map((b) => b.text)).toEqual(['the key point.', 'Visible text.', 'If a == b and b == c.']);
    expect(doc.marks?.[0]).toEqual({ before: '> [!note] Remember\n> ', after: '' });
  });

  it('marks quotes "> " and keeps a callout’s header (type, fold, title) in its first block’s marks, never as a sentence', async () => {
    const note = ['> [!warning]- Common exam mistake', '>', '> Students mix up mitosis and meiosis.', '>', '> Meiosis halves the chromosomes.', '', 'Between.', '', '> A plain quote here.', '> — Campbell Biology', '', '> [!tip] Only a title'].join('\n');
    const doc = await read(note);
    expect(doc.blocks.map((b) => [b.kind, b.text])).toEqual([
      ['quote', 'Students mix up mitosis and meiosis.'],
      ['quote', 'Meiosis halves the chromosomes.'],
      ['paragraph', 'Between.'],
      ['quote', 'A plain quote here.'],
      ['quote', '— Campbell Biology'],
      ['quote', 'Only a title'],
    ]);
    expect(doc.marks).toEqual([
      { before: '> [!warning]- Common exam mistake\n> ', after: '' },
      { before: '> ', after: '' },
      undefined,
      // Each quote's first paragraph opens it with a line of its own: two quotes in a row stay two.
      { before: '>\n> ', after: '' },
      { before: '> ', after: '' },
      { before: '>\n> ', after: '' },
    ]);
  });

  it('reads a callout whose body is a list, table or code with its title first, as a quote', async () => {
    const doc = await read('> [!note] Key fact\n> - Mitosis makes two cells.\n> - Meiosis makes four.\n\nAfter.\n');
    expect(doc.blocks.map((b) => [b.kind, b.text])).toEqual([
      ['quote', 'Key fact'],
      ['list-item', 'Mitosis makes two cells.'],
      ['list-item', 'Meiosis makes four.'],
      ['paragraph', 'After.'],
    ]);
    const coded = await read('> [!example] Run it\n> ```sh\n> npm test\n> ```\n');
    expect(coded.blocks.map((b) => b.text)).toEqual(['Run it']);
    expect(coded.code?.[0]?.before).toBe(1);
  });

  it('hides Obsidian comments that span lines, paragraphs and list items, but not %% in code', async () => {
    const note = [
      'Cells divide. %% a private aside',
      'that goes on %% They grow.',
      '',
      '%%',
      'Old notes, hidden:',
      'The membrane is 7.5 nm thick.',
      '',
      'Ignore this paragraph too.',
      '%%',
      '',
      '- Mitosis makes two cells.',
      '%% - Reread chapter 2.',
      '- Ask Sam for the answers. %%',
      '- Meiosis makes four.',
      '',
      'In R, `x %% 2` is the remainder.',
      '',
      '```r',
      'y <- x %% 2',
      '```',
      '',
      'Still shown. %% left open',
      'Never shown.',
    ].join('\n');
    const doc = await read(note);
    expect(doc.blocks.map((b) => b.text)).toEqual(['Cells divide. They grow.', 'Mitosis makes two cells.', 'Meiosis makes four.', 'In R, x %% 2 is the remainder.', 'Still shown.']);
    expect(doc.code).toEqual([{ before: 4, text: '```r\ny <- x %% 2\n```' }]);
    expect(withoutComments('No comment here.')).toBe('No comment here.');
    // Front matter is YAML: its "%%" is text, and the note after it is read.
    expect((await read('---\ntitle: a%%b\n---\nBody text here.\n')).blocks.map((b) => b.text)).toEqual(['Body text here.']);
    expect((await read('---\ntitle: a%%b\n---\nBody text here.\n')).title).toBe('a%%b');
  });

  it('keeps a highlight that holds "=", drops inline and dangling footnotes, and reads Dataview fields as "key: value"', async () => {
    const doc = await read('Energy is ==E = mc^2== here.\n\nCode `a === b` stays.\n\nPlants grow.^[An inline note.] Slowly[^missing].\n\ndue:: Friday\n\nThe exam is [when:: in May] this year.\n');
    expect(doc.blocks.map((b) => b.text)).toEqual(['Energy is E = mc^2 here.', 'Code a === b stays.', 'Plants grow. Slowly.', 'due: Friday', 'The exam is when: in May this year.']);
  });

  it('survives deeply nested lists without losing their text', async () => {
    const depth = 150;
    const lines = Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}- item ${i}`);
    const doc = await read(lines.join('\n'));
    const text = doc.blocks.map((b) => b.text).join(' ');
    expect(text).toContain('item 0');
    expect(text).toContain(`item ${depth - 1}`);
    expect(doc.blocks.every((b) => b.kind === 'list-item')).toBe(true);
  });

  it('decodes non-UTF-8 Markdown like plain text', async () => {
    const doc = await readMarkdown(Uint8Array.from([0x23, 0x20, 0x63, 0x61, 0x66, 0xe9, 0x0a, 0x0a, 0x6e, 0x61, 0xef, 0x76, 0x65, 0x20, 0x96, 0x20, 0x6f, 0x6b]));
    expect(doc.blocks.map((b) => b.text)).toEqual(['café', 'naïve – ok']);
  });

  it('refuses a file with nothing but code and front matter as empty', async () => {
    await expect(read('---\ntitle: x\n---\n```\ncode\n```\n')).rejects.toMatchObject({ code: 'empty' });
  });

  it('keeps list markers, table pipes and code for the reader beside the blocks, never in them', async () => {
    const doc = await read('- Organelles\n  1. Nucleus\n\n| Organelle | Job |\n|:--|--:|\n| Nucleus | DNA |\n\n```js\nconst a = 1;\n```\n\nText with \\#hash.\n\n~~~\nuse ``` fences\n~~~\n');
    expect(doc.blocks.map((b) => b.text)).toEqual(['Organelles', 'Nucleus', 'Organelle | Job', 'Nucleus | DNA', 'Text with #hash.']);
    expect(doc.marks).toEqual([
      { before: '- ', after: '' },
      { before: '  1. ', after: '' },
      { before: '| ', after: ' |\n| :-- | --: |' },
      { before: '| ', after: ' |' },
    ]);
    expect(doc.code).toEqual([
      { before: 4, text: '```js\nconst a = 1;\n```' },
      { before: 5, text: '````\nuse ``` fences\n````' },
    ]);
  });

  it('numbers an ordered list from its first number', async () => {
    const doc = await read('7. Seventh\n8. Eighth\n');
    expect(doc.marks).toEqual([
      { before: '7. ', after: '' },
      { before: '8. ', after: '' },
    ]);
  });

  it('keeps inline math in its sentence as TeX between single dollars, without emphasis or escapes applied', async () => {
    const doc = await read('$a*b$ equals $b*a$.\n\nIt accelerates at $2\\,\\text{m/s}^2$ over $\\{1, 2, 3\\}$ seconds, so $$v^2 = u^2 + 2as$$ holds.\n\nCount $\\#S$ and $n #k$.\n');
    expect(doc.blocks.map((b) => b.text)).toEqual([
      '$a*b$ equals $b*a$.',
      'It accelerates at $2\\,\\text{m/s}^2$ over $\\{1, 2, 3\\}$ seconds, so $v^2 = u^2 + 2as$ holds.',
      'Count $\\#S$ and $n #k$.',
    ]);
    expect(doc.tags).toEqual([]);
  });

  it('keeps a display math block out of the sentences, as a math fence indented like code in a list', async () => {
    const doc = await read('Suvat:\n\n$$\nv^2 = u^2 + 2as\n$$\n\n- Energy:\n\n  $$\n  E = mc^2\n  $$\n\n$$F = ma$$\n\nEnd.\n');
    expect(doc.blocks.map((b) => b.text)).toEqual(['Suvat:', 'Energy:', 'End.']);
    expect(doc.code).toEqual([
      { before: 1, text: '```math\nv^2 = u^2 + 2as\n```' },
      { before: 2, text: '  ```math\nE = mc^2\n```' },
      { before: 2, text: '```math\nF = ma\n```' },
    ]);
  });

  it('reads dollar amounts in prose as text, and math beside them as math', async () => {
    const doc = await read(
      'It costs $5 and $10.\n\nPrices run $5-$10, or $5.00 and *only* $12.50 with [[Shop]].\n\nAt $5 a unit, $x^2$ units cost $5x^2$.\n\nA \\$5 bill.\n',
    );
    expect(doc.blocks.map((b) => b.text)).toEqual([
      'It costs $5 and $10.',
      'Prices run $5-$10, or $5.00 and only $12.50 with Shop.',
      'At $5 a unit, $x^2$ units cost $5x^2$.',
      'A $5 bill.',
    ]);
    expect(doc.links).toEqual(['Shop']);
  });

  it('keeps escaped dollars dollar signs: never math, not the end of a span opened by a price before them', async () => {
    const doc = await read('A calculator costs $20.\nWrite the literal text \\$x\\$ when you mean dollars.\n\nAnd \\$5 or \\$x and y\\$ too, beside $x^2$.\n');
    // Before, "$20.⏎Write the literal text \\$" was read as math, and the sentence kept "\\$x$".
    expect(doc.blocks.map((b) => b.text)).toEqual([
      'A calculator costs $20. Write the literal text \\$x\\$ when you mean dollars.',
      'And $5 or \\$x and y\\$ too, beside $x^2$.',
    ]);
    expect(mathSegments(doc.blocks[1]!.text)).toEqual([{ text: 'And $5 or $x and y$ too, beside ' }, { tex: 'x^2' }, { text: '.' }]);
  });

  it('reads a drawing of the Obsidian Excalidraw plugin as its labels, without the plugin’s notice and sections', async () => {
    const drawing = [
      '---',
      'excalidraw-plugin: parsed',
      'tags: [excalidraw]',
      '---',
      "==⚠  Switch to EXCALIDRAW VIEW in the MORE OPTIONS menu of this document. ⚠== You can decompress Drawing data with the command palette: 'Decompress current Excalidraw file'.",
      '',
      '# Excalidraw Data',
      '## Text Elements',
      'Mitochondria make most of the cell’s ATP. ^a1b2c3d4',
      '',
      'Cell membrane ^e5f6a7b8',
      '',
      '## Element Links',
      'c3d4e5f6: [[Cell biology]]',
      '',
      '## Embedded Files',
      '9f8e7d6c5b4a: [[Pasted Image 20240101.png]]',
      '',
      '%%',
      '## Drawing',
      '```compressed-json',
      'N4KAkARALgngDgUwgLgAQQQDwMYEMA2AlgCYBOuA7hADTgQBuCpAzoQPYB2KqATLZMzYBXUtiRoIACyhQ4zZAHoFAc0JRJQgEYA6bGwC2CgF7N6hbEcK4OCtptbErHALRY8RMpWdx8Q1TdIEfARcZgRmBShcZQUebTiYRjpOf3',
      '```',
      '%%',
    ].join('\n');
    const doc = await read(drawing);
    expect(doc.title).toBeNull();
    expect(doc.blocks.map((block) => block.text)).toEqual(['Mitochondria make most of the cell’s ATP.', 'Cell membrane']);
    // Without the plugin's front matter, a note about Excalidraw keeps its headings.
    expect((await read('# Text Elements\n\nSwitch to EXCALIDRAW VIEW to edit it.')).title).toBe('Text Elements');
  });

  it('calls the checkpoint, which can stop the read', async () => {
    const stop = new Error('stop');
    await expect(readMarkdown(new TextEncoder().encode('text'), { checkpoint: () => { throw stop; } })).rejects.toBe(stop);
  });
});

describe('a long note, read in pieces', () => {
  /** An outline of `items` bullets that wander between the top level and `deepest` levels down, numbered lists among them (whose items after 1 run on into the item before, as CommonMark reads them). */
  function outline(items: number, deepest: number, numbered = true): string {
    const random = seededRandom(5);
    let depth = 0;
    return Array.from({ length: items }, (_, i) => {
      depth = Math.max(0, Math.min(deepest, depth + (random() < 0.5 ? 1 : -1)));
      const marker = numbered && depth % 3 === 2 ? `${(i % 7) + 1}.` : '-';
      return `${'    '.repeat(depth)}${marker} Point ${i} says how [[Cells]] turn glucose into ATP #bio`;
    }).join('\n');
  }

  it('reads as the whole note read at once: the same blocks, markers, links and tags', async () => {
    const note = `---\ntags:\n- biology\n- exam\n---\n# Outline\n\n${outline(700, 6)}\n\n\`\`\`\n- not an item: code\n\`\`\`\n`;
    expect(notePieces(note, 16 * 1024).length).toBeGreaterThan(1);
    // A definition anywhere makes the note be read whole (a link in one piece could need one in another).
    const whole = await read(`${note}\n[unused]: https://example.org\n`);
    expect(notePieces(`${note}\n[unused]: https://example.org\n`, 16 * 1024)).toHaveLength(1);
    expect(await read(note)).toEqual(whole);
  });

  it('cuts only before top-level list items, never in front matter, a fence or maths', () => {
    const fenced = ['- a', '```', '- in code', '```', '$$', '- in maths', '$$', '- b', '  - nested', '- c', 'text', '- d'].join('\n');
    const pieces = notePieces(`---\ntags:\n- x\n- y\n---\n${fenced}`, 1);
    expect(pieces.join('')).toBe(`---\ntags:\n- x\n- y\n---\n${fenced}`);
    expect(pieces.map((piece) => piece.split('\n')[0])).toEqual(['---', '- a', '- b', '- c', '- d']);
  });

  it('reads an outline of 10,000 nested bullets in seconds (one parse of it took over a minute)', async () => {
    const doc = await read(outline(10_000, 12, false));
    expect(doc.blocks).toHaveLength(10_000);
    expect(doc.blocks.every((block) => block.kind === 'list-item')).toBe(true);
  }, 30_000);
});

describe('readFrontMatter', () => {
  it('reads comma- and space-separated tag strings and ignores other keys', () => {
    expect(readFrontMatter('tags: a, b c\nauthor: me')).toEqual({ title: null, tags: ['a', 'b', 'c'], aliases: [] });
  });

  it('reads plain and double-quoted titles with escapes', () => {
    expect(readFrontMatter('title: Plain title # a comment')).toEqual({ title: 'Plain title', tags: [], aliases: [] });
    expect(readFrontMatter('title: "Say \\"hi\\""')).toEqual({ title: 'Say "hi"', tags: [], aliases: [] });
  });

  it('reads aliases as a flow list, a block list or a string, under `aliases` or `alias`', () => {
    expect(readFrontMatter('aliases: [Powerhouse, Mito]').aliases).toEqual(['Powerhouse', 'Mito']);
    expect(readFrontMatter('aliases: ["Cell powerhouse", \'Mito, the\']').aliases).toEqual(['Cell powerhouse', 'Mito, the']);
    expect(readFrontMatter('aliases:\n  - Mito\n  - "Power house"\ntags: [bio]')).toEqual({ title: null, tags: ['bio'], aliases: ['Mito', 'Power house'] });
    expect(readFrontMatter('alias: Cell powerhouse').aliases).toEqual(['Cell powerhouse']);
    expect(readFrontMatter('alias: Powerhouse, Mito').aliases).toEqual(['Powerhouse', 'Mito']);
    expect(readFrontMatter('aliases: []\nalias:').aliases).toEqual([]);
  });

  it('takes no title from a value that is not a YAML string', () => {
    for (const value of ['[broken', '[a, b]', '{ a: 1 }', '"unclosed', "'unclosed", '*alias', '|']) {
      expect(readFrontMatter(`title: ${value}`).title, value).toBeNull();
    }
  });
});
