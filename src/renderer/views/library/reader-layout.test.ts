import { describe, expect, it } from 'vitest';
import type { ParsedDocument } from '../../../shared/document';
import { parseDocument } from '../../../core/text/parse-document';
import { layoutReader, linkPlace, linkSegments, readerContents, salienceHeat, sectionNamed, sentenceOfBlock, type ReaderBlock, type ReaderList, type Run } from './reader-layout';

describe('the reader layout', () => {
  it('shows headings as headings and cuts paragraphs into sentence runs', () => {
    const text = 'Cells\n\nCells divide. They grow (slowly).\n\nThe end';
    const blocks = layoutReader(text, [{ path: ['Cells'], level: 1, start: 0, end: 5, page: null }], [
      { id: 'a', start: 7, end: 20, page: null },
      { id: 'b', start: 21, end: 40, page: null },
    ]);
    expect(blocks[0]).toMatchObject({ kind: 'heading', level: 1, text: 'Cells' });
    expect(blocks[1]).toMatchObject({ kind: 'paragraph', parts: [{ text: 'Cells divide.', sentenceId: 'a' }, { text: ' ' }, { text: 'They grow (slowly).', sentenceId: 'b' }] });
    expect(blocks[2]).toMatchObject({ kind: 'paragraph', parts: [{ text: 'The end' }] });
  });

  it('marks where each PDF page begins', () => {
    const text = 'One. Two.';
    const blocks = layoutReader(text, [], [
      { id: 'a', start: 0, end: 4, page: 1 },
      { id: 'b', start: 5, end: 9, page: 2 },
    ]);
    expect(blocks.map((b) => b.kind)).toEqual(['page', 'paragraph', 'page', 'paragraph']);
  });
});

async function laidOut(source: string, name = 'note.md'): Promise<{ doc: ParsedDocument; blocks: ReaderBlock[] }> {
  const doc = await parseDocument({ name, bytes: new TextEncoder().encode(source) });
  const refs = doc.sentences.map((s, i) => ({ id: `s${i}`, start: s.start, end: s.end, page: s.page }));
  return { doc, blocks: layoutReader(doc.text, doc.sections, refs, { title: doc.title }) };
}

const textOf = (parts: Run[]) => parts.map((part) => part.text).join('');
const itemsOf = (list: ReaderList): unknown[] =>
  list.items.map((item) =>
    item.inside.length > 0
      ? [textOf(item.parts), item.inside.map((inner) => (inner.kind === 'list' ? { ordered: inner.list.ordered, start: inner.list.start, items: itemsOf(inner.list) } : { code: inner.code }))]
      : textOf(item.parts),
  );
const only = <K extends ReaderBlock['kind']>(blocks: ReaderBlock[], kind: K) => blocks.filter((b): b is Extract<ReaderBlock, { kind: K }> => b.kind === kind);

describe('links in the reader', () => {
  const linked = async (source: string) => {
    const doc = await parseDocument({ name: 'note.md', bytes: new TextEncoder().encode(source) });
    const refs = doc.sentences.map((s, i) => ({ id: `s${i}`, start: s.start, end: s.end, page: s.page }));
    return layoutReader(doc.text, doc.sections, refs, { title: doc.title, links: doc.linkSpans });
  };
  /** Each run's links as the words they show and the note they name. */
  const shownLinks = (parts: Run[]) => parts.flatMap((part) => (part.links ?? []).map((link) => [part.sentenceId ?? null, part.text.slice(link.start, link.end), link.target]));

  it('gives each run the links it shows, in paragraphs, list items and table cells', async () => {
    const blocks = await linked('See [[Mitochondria|the mitochondria]] and [[Ribosomes]]. No link here.\n\n- Read [the DNA note](dna.md).\n\n| Term | Note |\n|---|---|\n| [[Osmosis]] | water |\n');
    const [paragraph, list, table] = blocks;
    expect(paragraph).toMatchObject({ kind: 'paragraph' });
    expect(shownLinks((paragraph as Extract<ReaderBlock, { kind: 'paragraph' }>).parts)).toEqual([
      ['s0', 'the mitochondria', 'Mitochondria'],
      ['s0', 'Ribosomes', 'Ribosomes'],
    ]);
    expect((paragraph as Extract<ReaderBlock, { kind: 'paragraph' }>).parts[2]).toEqual({ text: 'No link here.', sentenceId: 's1' });
    expect(shownLinks((list as Extract<ReaderBlock, { kind: 'list' }>).list.items[0]!.parts)).toEqual([['s2', 'the DNA note', 'dna']]);
    const rows = table as Extract<ReaderBlock, { kind: 'table' }>;
    expect(shownLinks(rows.header!.cells[0]!)).toEqual([]);
    expect(shownLinks(rows.rows[0]!.cells[0]!)).toEqual([['s4', 'Osmosis', 'Osmosis']]);
  });

  it('cuts a run at its links for drawing, every character drawn once', () => {
    const run: Run = { text: 'See the cell and DNA.', sentenceId: 'a', links: [{ start: 4, end: 12, target: 'Cells' }, { start: 17, end: 20, target: 'dna' }] };
    expect(linkSegments(run)).toEqual([{ text: 'See ' }, { text: 'the cell', target: 'Cells' }, { text: ' and ' }, { text: 'DNA', target: 'dna' }, { text: '.' }]);
    expect(linkSegments({ text: 'Cells', links: [{ start: 0, end: 5, target: 'Cells' }] })).toEqual([{ text: 'Cells', target: 'Cells' }]);
    expect(linkSegments({ text: 'No links.' })).toEqual([{ text: 'No links.' }]);
  });

  it('finds the heading a link opens at, however the link spells it', async () => {
    const doc = await parseDocument({ name: 'cells.md', bytes: new TextEncoder().encode('# Cells\n\n## Cell division\n\nCells divide.\n\n## Mitosis: the phases\n\nProphase comes first.\n') });
    expect(linkPlace('Cells#Cell division')).toEqual({ note: 'Cells', heading: 'Cell division', block: null });
    expect(linkPlace('#Mitosis')).toEqual({ note: '', heading: 'Mitosis', block: null });
    expect(linkPlace('Cells')).toEqual({ note: 'Cells', heading: null, block: null });
    // A block ([[Cells#^a1b2]]) is no heading, however its id reads.
    expect(linkPlace('Cells#^a1b2')).toEqual({ note: 'Cells', heading: null, block: 'a1b2' });
    expect(linkPlace('#^summary')).toEqual({ note: '', heading: null, block: 'summary' });
    expect(linkPlace('Cells#^')).toEqual({ note: 'Cells', heading: null, block: null });
    // A block opens at its first sentence: not one of the block before, nor of the one after.
    const anchors = [{ id: 'a1b2', start: 10 }, { id: 'empty', start: 30 }, { id: 'last', start: 40 }];
    const sentences = [{ id: 's0', start: 0 }, { id: 's1', start: 12 }, { id: 's2', start: 20 }, { id: 's3', start: 41 }];
    expect(sentenceOfBlock(anchors, sentences, 'a1b2')?.id).toBe('s1');
    expect(sentenceOfBlock(anchors, sentences, 'last')?.id).toBe('s3');
    expect(sentenceOfBlock(anchors, sentences, 'empty')).toBeUndefined();
    expect(sentenceOfBlock(anchors, sentences, 'unknown')).toBeUndefined();
    for (const heading of ['Cell division', 'cell-division', 'CELL DIVISION ']) expect(sectionNamed(doc.sections, heading)?.path).toEqual(['Cells', 'Cell division']);
    expect(sectionNamed(doc.sections, 'mitosis-the-phases')?.path).toEqual(['Cells', 'Mitosis: the phases']);
    expect(sectionNamed(doc.sections, 'Meiosis')).toBeUndefined();
    expect(sectionNamed(doc.sections, '!!')).toBeUndefined();
  });

  it('draws only the links that fit the text, none over another, whatever a restored backup held', () => {
    const refs = [{ id: 'a', start: 0, end: 11, page: null }];
    const layout = (links: unknown) => (layoutReader('Alpha beta.', [], refs, { links: links as never })[0] as Extract<ReaderBlock, { kind: 'paragraph' }>).parts;
    expect(layout({ start: 0 })).toEqual([{ text: 'Alpha beta.', sentenceId: 'a' }]);
    expect(layout([null, { start: 6, end: 99, target: 'Far' }, { start: 3, end: 2, target: 'Back' }, { start: 0, end: 5 }, { start: 0.5, end: 5, target: 'Half' }])).toEqual([{ text: 'Alpha beta.', sentenceId: 'a' }]);
    expect(shownLinks(layout([{ start: 6, end: 10, target: 'Beta' }, { start: 0, end: 8, target: 'Over' }, { start: 0, end: 5, target: 'Alpha' }]))).toEqual([
      ['a', 'Alpha', 'Alpha'],
      ['a', 'beta', 'Beta'],
    ]);
  });

  it('draws an embedded note where the note put it, as a line of its own between the text', async () => {
    const blocks = await linked('Intro text.\n\n![[Krebs cycle]]\n![[Glycolysis#Steps|the steps]]\n\nAfter them.\n');
    expect(blocks.map((block) => block.kind)).toEqual(['paragraph', 'embed', 'embed', 'paragraph']);
    expect(blocks.slice(1, 3)).toMatchObject([
      { kind: 'embed', target: 'Krebs cycle', label: 'Krebs cycle' },
      { kind: 'embed', target: 'Glycolysis#Steps', label: 'the steps' },
    ]);
    // Text that only looks like an embed, but is a sentence of a plain text file, stays text.
    const plain = await parseDocument({ name: 'notes.txt', bytes: new TextEncoder().encode('Intro.\n\n![[Krebs cycle]]\n') });
    const refs = plain.sentences.map((s, i) => ({ id: `s${i}`, start: s.start, end: s.end, page: s.page }));
    expect(layoutReader(plain.text, plain.sections, refs).map((block) => block.kind)).not.toContain('embed');
  });

  it('gives a heading the links its text shows', async () => {
    const blocks = await linked('# Cells\n\n## Energy, see [[Mitochondria]]\n\nCells need energy.\n');
    expect(blocks[0]).toEqual({ kind: 'heading', key: expect.any(String), level: 2, text: 'Energy, see Mitochondria', links: [{ start: 12, end: 24, target: 'Mitochondria' }] });
    expect(blocks[1]).toMatchObject({ kind: 'paragraph' });
    expect(blocks[1]).not.toHaveProperty('links');
  });

  it('cuts a link a run boundary crosses into its two parts, each naming the note', () => {
    const blocks = layoutReader('Alpha beta. Gamma delta.', [], [{ id: 'a', start: 0, end: 11, page: null }, { id: 'b', start: 12, end: 24, page: null }], { links: [{ start: 6, end: 17, target: 'Note' }] });
    const parts = (blocks[0] as Extract<ReaderBlock, { kind: 'paragraph' }>).parts;
    expect(shownLinks(parts)).toEqual([
      ['a', 'beta.', 'Note'],
      [null, ' ', 'Note'],
      ['b', 'Gamma', 'Note'],
    ]);
  });
});

describe('the reader layout of a Markdown note', () => {
  it('shows bulleted and numbered lists as lists, nested lists inside their item, each item still a sentence', async () => {
    const { doc, blocks } = await laidOut('Intro text here.\n\n- Nucleus holds DNA.\n  - Nucleolus makes ribosomes.\n\n    3. Third step.\n    4. Fourth step.\n- Ribosomes make protein.\n\n1. First step.\n2. Second step.\n');
    expect(blocks.map((b) => b.kind)).toEqual(['paragraph', 'list', 'list']);
    const [bullets, numbers] = only(blocks, 'list').map((b) => b.list);
    expect(bullets).toMatchObject({ ordered: false });
    expect(itemsOf(bullets!)).toEqual([
      ['Nucleus holds DNA.', [{ ordered: false, start: 1, items: [['Nucleolus makes ribosomes.', [{ ordered: true, start: 3, items: ['Third step.', 'Fourth step.'] }]]] }]],
      'Ribosomes make protein.',
    ]);
    expect(numbers).toMatchObject({ ordered: true, start: 1 });
    expect(itemsOf(numbers!)).toEqual(['First step.', 'Second step.']);
    expect(bullets!.items[0]!.parts).toEqual([{ text: 'Nucleus holds DNA.', sentenceId: 's1' }]);
    expect(doc.sentences.map((s) => s.text)).toEqual(['Intro text here.', 'Nucleus holds DNA.', 'Nucleolus makes ribosomes.', 'Third step.', 'Fourth step.', 'Ribosomes make protein.', 'First step.', 'Second step.']);
  });

  it('shows a table as a table: header row, cells split at " | ", alignment, and each row still one sentence', async () => {
    const { doc, blocks } = await laidOut('| Organelle | Function | Found in |\n|:--|---|--:|\n| Nucleus | Stores DNA | all cells |\n| Chloroplast | Photosynthesis | plants |\n\nAfter the table.\n');
    expect(blocks.map((b) => b.kind)).toEqual(['table', 'paragraph']);
    const [table] = only(blocks, 'table');
    expect(table!.align).toEqual(['left', null, 'right']);
    expect(table!.header!.cells.map(textOf)).toEqual(['Organelle', 'Function', 'Found in']);
    expect(table!.rows.map((row) => row.cells.map(textOf))).toEqual([
      ['Nucleus', 'Stores DNA', 'all cells'],
      ['Chloroplast', 'Photosynthesis', 'plants'],
    ]);
    expect(table!.rows[0]!.cells[0]).toEqual([{ text: 'Nucleus', sentenceId: 's1' }]);
    expect(table!.rows[0]!.cells[1]).toEqual([{ text: 'Stores DNA', sentenceId: 's1', continued: true }]);
    expect(doc.sentences.map((s) => s.text)).toEqual(['Organelle | Function | Found in', 'Nucleus | Stores DNA | all cells', 'Chloroplast | Photosynthesis | plants', 'After the table.']);
  });

  it('makes the first drawn piece of a sentence that a cell boundary cut the front off reachable', async () => {
    const { doc, blocks } = await laidOut('| Process | Needs ATP? | Example |\n|---|---|---|\n| Diffusion | No | Oxygen |\n');
    const [table] = only(blocks, 'table');
    const pieces = table!.header!.cells.flat();
    // Every sentence has a piece that is not a continuation: the reader can focus and click it.
    const all = pieces.concat(table!.rows.flatMap((row) => row.cells.flat()));
    doc.sentences.forEach((_, i) => expect(all.some((piece) => piece.sentenceId === `s${i}` && !piece.continued)).toBe(true));
    expect(doc.sentences.length).toBeGreaterThan(1);
  });

  it('fills a row whose empty cells were left out, and starts a new table at each header', async () => {
    const { blocks } = await laidOut('| A | B | C |\n|---|---|---|\n| x |  |  |\n\n| D | E |\n|---|---|\n| y | z |\n');
    const tables = only(blocks, 'table');
    expect(tables).toHaveLength(2);
    expect(tables[0]!.rows[0]!.cells.map(textOf)).toEqual(['x', '', '']);
    expect(tables[1]!.header!.cells.map(textOf)).toEqual(['D', 'E']);
  });

  it('shows code blocks in place, as written, blank lines and backticks included, and never as sentences', async () => {
    const code = 'def grow(cell):\n\n\n    return ```cell```';
    const { doc, blocks } = await laidOut(`# Notes\n\nBefore the code.\n\n\`\`\`python\n${code}\n\`\`\`\n\nAfter the code.\n\n    indented code\n`);
    expect(blocks.map((b) => b.kind)).toEqual(['paragraph', 'code', 'paragraph', 'code']);
    expect(only(blocks, 'code').map((b) => [b.language, b.code])).toEqual([
      ['python', code],
      [null, 'indented code'],
    ]);
    expect(doc.sentences.map((s) => s.text)).toEqual(['Before the code.', 'After the code.']);
  });

  it('shows code written inside a list item inside that item, the list going on after it', async () => {
    const { doc, blocks } = await laidOut('1. Install it.\n\n   ```sh\n   npm install\n   ```\n\n   - Then check.\n\n     ```\n     npm test\n     ```\n\n2. Run it.\n\n```js\nrun()\n```\n\nAfter.\n');
    expect(blocks.map((b) => b.kind)).toEqual(['list', 'code', 'paragraph']);
    expect(itemsOf(only(blocks, 'list')[0]!.list)).toEqual([
      ['Install it.', [{ code: 'npm install' }, { ordered: false, start: 1, items: [['Then check.', [{ code: 'npm test' }]]] }]],
      'Run it.',
    ]);
    expect(only(blocks, 'code').map((b) => b.code)).toEqual(['run()']);
    expect(doc.sentences.map((s) => s.text)).toEqual(['Install it.', 'Then check.', 'Run it.', 'After.']);
  });

  it('shows a quote as one quote, and a callout with its type and title, each paragraph still sentences', async () => {
    const note = '> [!warning]- Exam trap\n>\n> Mitosis is not meiosis.\n>\n> Count the chromosomes.\n\nBetween the two.\n\n> Cells come from cells.\n> — Virchow\n\n> [!note]\n> A callout without a title.\n\n> One quote.\n\n> Another quote.\n';
    const { doc, blocks } = await laidOut(note);
    expect(blocks.map((b) => b.kind)).toEqual(['quote', 'paragraph', 'quote', 'quote', 'quote', 'quote']);
    const [trap, plain, untitled, one, another] = only(blocks, 'quote');
    // Two quotes one after the other stay two.
    expect([one!.paragraphs.map(textOf), another!.paragraphs.map(textOf)]).toEqual([['One quote.'], ['Another quote.']]);
    expect(trap!.callout).toEqual({ type: 'warning', title: 'Exam trap', folded: true });
    expect(trap!.paragraphs.map(textOf)).toEqual(['Mitosis is not meiosis.', 'Count the chromosomes.']);
    expect(plain!.callout).toBeNull();
    expect(plain!.paragraphs.map(textOf)).toEqual(['Cells come from cells.', '— Virchow']);
    expect(untitled!.callout).toEqual({ type: 'note', title: 'Note', folded: null });
    expect(trap!.paragraphs[0]).toEqual([{ text: 'Mitosis is not meiosis.', sentenceId: 's0' }]);
    expect(doc.sentences.map((s) => s.text)).not.toContain('Exam trap');
  });

  it('leaves out a first heading that repeats the title, from the text and the contents, and keeps the sections under it', async () => {
    const { doc, blocks } = await laidOut('# Cell biology\n\nCells divide.\n\n## Membranes\n\nMembranes are bilayers.\n\n### Proteins\n\nThey carry signals.\n');
    expect(only(blocks, 'heading').map((b) => [b.level, b.text])).toEqual([
      [2, 'Membranes'],
      [3, 'Proteins'],
    ]);
    expect(readerContents(doc.sections, doc.title)).toEqual([
      { start: doc.sections[1]!.start, title: 'Membranes', indent: 0 },
      { start: doc.sections[2]!.start, title: 'Proteins', indent: 1 },
    ]);
    expect(doc.sentences.map((s) => s.section.join(' › '))).toEqual(['Cell biology', 'Cell biology › Membranes', 'Cell biology › Membranes › Proteins']);
  });

  it('keeps a first heading that differs from the title, or that comes after text', async () => {
    const titled = await laidOut('---\ntitle: Week 1\n---\n# Cell biology\n\nCells divide.\n');
    expect(only(titled.blocks, 'heading').map((b) => b.text)).toEqual(['Cell biology']);
    expect(readerContents(titled.doc.sections, titled.doc.title).map((entry) => entry.title)).toEqual(['Cell biology']);
    const late = await laidOut('Cells divide.\n\n# Cell biology\n\nThey grow.\n');
    expect(only(late.blocks, 'heading').map((b) => b.text)).toEqual(['Cell biology']);
  });
});

describe('the reader layout of a web page (and of Word documents and EPUBs, read as HTML)', () => {
  it('shows its lists, tables and code as a Markdown note\'s, each item and row still a sentence', async () => {
    const page = `<html><head><title>Cells</title></head><body><main><p>Cells are the units of life.</p>
      <ol start="2"><li>Nucleus holds DNA.<ul><li>Nucleolus makes ribosomes.</li></ul></li><li>Ribosomes make protein.<pre>translate(mrna)</pre></li></ol>
      <table><thead><tr><th>Organelle</th><th>Function</th></tr></thead><tbody><tr><td>Nucleus</td><td>Stores DNA</td></tr></tbody></table>
      <pre><code class="language-python">def grow(cell):\n    return cell</code></pre><p>After the code.</p></main></body></html>`;
    const { doc, blocks } = await laidOut(page, 'cells.html');
    expect(blocks.map((b) => b.kind)).toEqual(['paragraph', 'list', 'table', 'code', 'paragraph']);
    const [list] = only(blocks, 'list').map((b) => b.list);
    expect(list).toMatchObject({ ordered: true, start: 2 });
    expect(itemsOf(list!)).toEqual([
      ['Nucleus holds DNA.', [{ ordered: false, start: 1, items: ['Nucleolus makes ribosomes.'] }]],
      ['Ribosomes make protein.', [{ code: 'translate(mrna)' }]],
    ]);
    const [table] = only(blocks, 'table');
    expect(table!.header!.cells.map(textOf)).toEqual(['Organelle', 'Function']);
    expect(table!.rows.map((row) => row.cells.map(textOf))).toEqual([['Nucleus', 'Stores DNA']]);
    expect(only(blocks, 'code').map((b) => [b.language, b.code])).toEqual([['python', 'def grow(cell):\n    return cell']]);
    expect(doc.sentences.map((s) => s.text)).toEqual([
      'Cells are the units of life.',
      'Nucleus holds DNA.',
      'Nucleolus makes ribosomes.',
      'Ribosomes make protein.',
      'Organelle | Function',
      'Nucleus | Stores DNA',
      'After the code.',
    ]);
  });
});

describe('the reader layout of a document stored before lists, tables and code were kept', () => {
  it('shows its list items and table rows as paragraphs, as before', () => {
    const text = 'Organelle | Job\n\nNucleus | Stores DNA\n\nOrganelles';
    const blocks = layoutReader(text, [], [
      { id: 'a', start: 0, end: 15, page: null },
      { id: 'b', start: 17, end: 37, page: null },
      { id: 'c', start: 39, end: 49, page: null },
    ]);
    expect(blocks.map((b) => b.kind)).toEqual(['paragraph', 'paragraph', 'paragraph']);
  });

  it('reads text that only looks like a list item, a table row or a fence as a paragraph when a sentence covers it', () => {
    const text = '- not an item\n\n| a | b |\n\n```\ncode words\n```';
    const blocks = layoutReader(text, [], [
      { id: 'a', start: 0, end: 13, page: null },
      { id: 'b', start: 15, end: 24, page: null },
      { id: 'c', start: 26, end: 44, page: null },
    ]);
    expect(blocks.map((b) => b.kind)).toEqual(['paragraph', 'paragraph', 'paragraph']);
  });
});

describe('the attention heat map', () => {
  it('ranks sentences by salience onto [0, 1] and leaves unscored ones out', () => {
    const heat = salienceHeat([
      { id: 'a', salience: 2.5 },
      { id: 'b', salience: -1 },
      { id: 'c', salience: 0.3 },
      { id: 'd', salience: null },
    ]);
    expect([heat.get('b'), heat.get('c'), heat.get('a'), heat.get('d')]).toEqual([0, 0.5, 1, undefined]);
  });
});
