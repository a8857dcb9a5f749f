import { describe, expect, it } from 'vitest';
import { documentLinkNames, documentsLinkedBy, LinkIndex, linkTargetKey, noteLinks } from './wikilinks';

const cells = { title: 'Cell Biology', sourceName: 'notes/biology/cell-biology.md', links: [] };

/** Ids that `target` opens in a library of (id, document) pairs. */
function resolve(target: string, ...library: Array<[string, { title: string; sourceName: string; aliases?: string[]; links?: string[] }]>): string[] {
  const index = new LinkIndex();
  for (const [id, document] of library) index.add(id, { links: [], ...document });
  return index.resolve(target);
}

describe('resolving wikilinks', () => {
  it('matches a link by file name, ignoring case and .md', () => {
    for (const target of ['cell-biology', 'Cell-Biology.md', 'CELL-BIOLOGY']) expect(resolve(target, ['c', cells]), target).toEqual(['c']);
    expect(resolve('Cell', ['c', cells])).toEqual([]);
  });

  it('matches a path from any folder down, but not a partial folder name', () => {
    expect(resolve('biology/cell-biology', ['c', cells])).toEqual(['c']);
    expect(resolve('notes/biology/cell-biology.md', ['c', cells])).toEqual(['c']);
    expect(resolve('bio/cell-biology', ['c', cells])).toEqual([]);
  });

  it('ignores a heading anchor, an alias and Windows separators', () => {
    expect(linkTargetKey('Cell Biology#Membranes|the cell')).toBe('cell biology');
    expect(resolve('biology\\cell-biology#Membranes', ['c', cells])).toEqual(['c']);
  });

  it('matches a note by its front-matter aliases, ignoring case', () => {
    const mitochondria = { title: 'Mitochondria', sourceName: 'bio/Mitochondria.md', aliases: ['Powerhouse', 'Mito'] };
    expect(resolve('Mito', ['m', mitochondria])).toEqual(['m']);
    expect(resolve('powerhouse#ATP|the powerhouse', ['m', mitochondria])).toEqual(['m']);
    expect(documentLinkNames(mitochondria)).toEqual(['bio/mitochondria', 'mitochondria', 'powerhouse', 'mito']);
  });

  it('takes a file name or alias over a title: a note headed like another note is no second target', () => {
    const photosynthesis = { title: 'Photosynthesis', sourceName: 'Biology/Photosynthesis.md' };
    const lecture = { title: 'Photosynthesis', sourceName: 'Daily/Lecture 4.md' };
    expect(resolve('Photosynthesis#Light reactions', ['p', photosynthesis], ['l', lecture])).toEqual(['p']);
    expect(resolve('Biology/Photosynthesis', ['p', photosynthesis], ['l', lecture])).toEqual(['p']);
    const aliased = { title: 'Light', sourceName: 'optics.md', aliases: ['Photosynthesis'] };
    expect(resolve('photosynthesis', ['a', aliased], ['l', lecture])).toEqual(['a']);
  });

  it('falls back to the title when no document has the target as file name or alias', () => {
    const paper = { title: 'Attention Is All You Need', sourceName: 'papers/attention.pdf' };
    expect(resolve('attention.pdf', ['p', paper])).toEqual(['p']);
    expect(resolve('attention', ['p', paper])).toEqual([]);
    expect(resolve('Attention is all you need', ['p', paper])).toEqual(['p']);
    expect(resolve('Cell Biology', ['c', cells], ['p', paper])).toEqual(['c']);
    expect(resolve('Attention is all you need', ['p', paper], ['n', { title: 'Notes', sourceName: 'attention is all you need.md' }])).toEqual(['n']);
  });

  it('follows documents as they come and go', () => {
    const index = new LinkIndex();
    const lecture = { title: 'Photosynthesis', sourceName: 'Daily/Lecture 4.md', links: ['Chlorophyll'] };
    const note = { title: 'Plants', sourceName: 'Biology/Photosynthesis.md', links: [] };
    index.add('l', lecture);
    expect(index.resolve('Photosynthesis')).toEqual(['l']);
    index.add('p', note);
    expect(index.resolve('Photosynthesis')).toEqual(['p']);
    expect([...index.linkingTo({ title: 'Chlorophyll', sourceName: 'x.pdf' })]).toEqual(['l']);
    index.remove('p', note);
    expect(index.resolve('Photosynthesis')).toEqual(['l']);
  });

  it('opens the note in the linking note’s own folder when the name is ambiguous, and every one when none is there', () => {
    const index = new LinkIndex();
    const plants = { title: 'Plant index', sourceName: 'vault/Biology/Plants/Index.md', links: [] };
    const history = { title: 'History index', sourceName: 'vault/History/Index.md', links: [] };
    index.add('p', plants);
    index.add('h', history);
    expect(index.resolve('Index', 'vault/Biology/Plants/Photosynthesis.md')).toEqual(['p']);
    expect(index.resolve('Index', 'vault/History/Rome.md')).toEqual(['h']);
    expect(index.resolve('Index', 'vault/Chemistry/Acids.md')).toEqual(['h', 'p']);
    expect(index.resolve('Index')).toEqual(['h', 'p']);
    // The same whichever came first, and as documents go.
    const reversed = new LinkIndex();
    reversed.add('h', history);
    reversed.add('p', plants);
    expect(reversed.resolve('Index', 'vault/Biology/Plants/Photosynthesis.md')).toEqual(['p']);
    expect(reversed.resolve('Index', 'vault/Chemistry/Acids.md')).toEqual(['h', 'p']);
    index.remove('p', plants);
    expect(index.resolve('Index', 'vault/Biology/Plants/Photosynthesis.md')).toEqual(['h']);
  });

  it('never resolves an empty link', () => {
    expect(resolve('  ', ['e', { title: '', sourceName: '' }])).toEqual([]);
    expect(documentLinkNames({ title: '', sourceName: '' })).toEqual([]);
  });
});

describe('a note’s links, as the reader lists them', () => {
  const note = (id: string, title: string, sourceName: string, links: string[] = [], aliases?: string[]) => ({ id, title, sourceName, links, ...(aliases ? { aliases } : {}) });
  const cells = note('c', 'Cells', 'bio/cells.md', ['Mitochondria|the power plant', 'mitochondria#ATP', 'Ribosomes', 'Cells', '#Membranes']);
  const mitochondria = note('m', 'Mitochondria', 'bio/mitochondria.md', ['Cells']);
  const respiration = note('r', 'Respiration', 'bio/respiration.md', ['cells.md']);
  const unrelated = note('u', 'Rome', 'history/rome.md', ['Senate']);

  it('lists each target once, with the documents it opens (none: not in the library), and not a link to itself', () => {
    const { outgoing } = noteLinks(cells, [cells, mitochondria, respiration, unrelated]);
    expect(outgoing).toEqual([
      { target: 'Mitochondria', documents: [{ id: 'm', title: 'Mitochondria' }] },
      { target: 'Ribosomes', documents: [] },
    ]);
  });

  it('says what each link in the note’s text opens, by its target key: itself too, and nothing for a note not in the library', () => {
    const opened = documentsLinkedBy(cells, [cells, mitochondria, respiration, unrelated]);
    expect(Object.fromEntries(opened)).toEqual({
      mitochondria: [{ id: 'm', title: 'Mitochondria' }],
      ribosomes: [],
      cells: [{ id: 'c', title: 'Cells' }],
    });
    expect(opened.get(linkTargetKey('Mitochondria'))).toEqual([{ id: 'm', title: 'Mitochondria' }]);
  });

  it('lists an ambiguous link to the note in the same folder only, and only that note lists it as a backlink', () => {
    const photosynthesis = note('s', 'Photosynthesis', 'vault/Biology/Plants/Photosynthesis.md', ['Index']);
    const plants = note('p', 'Plant index', 'vault/Biology/Plants/Index.md');
    const history = note('h', 'History index', 'vault/History/Index.md');
    const library = [photosynthesis, plants, history];
    expect(noteLinks(photosynthesis, library).outgoing).toEqual([{ target: 'Index', documents: [{ id: 'p', title: 'Plant index' }] }]);
    expect(noteLinks(plants, library).backlinks.map((b) => b.id)).toEqual(['s']);
    expect(noteLinks(history, library).backlinks).toEqual([]);
  });

  it('lists the documents that link to the note, by title', () => {
    expect(noteLinks(cells, [unrelated, respiration, mitochondria, cells]).backlinks).toEqual([
      { id: 'm', title: 'Mitochondria' },
      { id: 'r', title: 'Respiration' },
    ]);
    expect(noteLinks(unrelated, [cells, unrelated])).toEqual({ outgoing: [{ target: 'Senate', documents: [] }], backlinks: [] });
  });

  it('opens a note by its aliases, once however many of its names link to it, and lists the notes that link to it by one as backlinks', () => {
    const mito = note('m', 'Mitochondria', 'Mitochondria.md', [], ['Powerhouse', 'Mito']);
    const reader = note('r', 'Respiration', 'Respiration.md', ['Mito', 'Powerhouse|the powerhouse', 'Nucleus']);
    expect(noteLinks(reader, [mito, reader]).outgoing).toEqual([
      { target: 'Mito', documents: [{ id: 'm', title: 'Mitochondria' }] },
      { target: 'Nucleus', documents: [] },
    ]);
    expect(noteLinks(mito, [mito, reader]).backlinks).toEqual([{ id: 'r', title: 'Respiration' }]);
  });

  it('lists a note once for a link its file name answers, not again for a note with that heading', () => {
    const photosynthesis = note('p', 'Photosynthesis', 'Biology/Photosynthesis.md');
    const lecture = note('l', 'Photosynthesis', 'Daily/Lecture 4.md', ['Photosynthesis#Light reactions']);
    const review = note('v', 'Review', 'Review.md', ['Photosynthesis#Light reactions', 'Photosynthesis']);
    const library = [photosynthesis, lecture, review];
    expect(noteLinks(review, library).outgoing).toEqual([{ target: 'Photosynthesis', documents: [{ id: 'p', title: 'Photosynthesis' }] }]);
    expect(noteLinks(lecture, library).outgoing).toEqual([{ target: 'Photosynthesis', documents: [{ id: 'p', title: 'Photosynthesis' }] }]);
    expect(noteLinks(lecture, library).backlinks).toEqual([]);
    expect(noteLinks(photosynthesis, library).backlinks).toEqual([
      { id: 'l', title: 'Photosynthesis' },
      { id: 'v', title: 'Review' },
    ]);
  });
});
