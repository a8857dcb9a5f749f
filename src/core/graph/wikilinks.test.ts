import { describe, expect, it } from 'vitest';
import { documentLinkNames, linkResolvesTo, linkTargetKey, noteLinks } from './wikilinks';

const cells = { title: 'Cell Biology', sourceName: 'notes/biology/cell-biology.md' };

describe('resolving wikilinks', () => {
  it('matches a link by title or file name, ignoring case and .md', () => {
    expect(linkResolvesTo('Cell Biology', cells)).toBe(true);
    expect(linkResolvesTo('cell biology', cells)).toBe(true);
    expect(linkResolvesTo('cell-biology', cells)).toBe(true);
    expect(linkResolvesTo('Cell-Biology.md', cells)).toBe(true);
    expect(linkResolvesTo('Cell', cells)).toBe(false);
  });

  it('matches a path from any folder down, but not a partial folder name', () => {
    expect(linkResolvesTo('biology/cell-biology', cells)).toBe(true);
    expect(linkResolvesTo('notes/biology/cell-biology.md', cells)).toBe(true);
    expect(linkResolvesTo('bio/cell-biology', cells)).toBe(false);
  });

  it('ignores a heading anchor, an alias and Windows separators', () => {
    expect(linkTargetKey('Cell Biology#Membranes|the cell')).toBe('cell biology');
    expect(linkResolvesTo('biology\\cell-biology#Membranes', cells)).toBe(true);
  });

  it('links to a file that is not Markdown only by its full name', () => {
    const paper = { title: 'Attention Is All You Need', sourceName: 'papers/attention.pdf' };
    expect(linkResolvesTo('attention.pdf', paper)).toBe(true);
    expect(linkResolvesTo('attention', paper)).toBe(false);
    expect(linkResolvesTo('Attention is all you need', paper)).toBe(true);
  });

  it('never resolves an empty link', () => {
    expect(linkResolvesTo('  ', { title: '', sourceName: '' })).toBe(false);
    expect(documentLinkNames({ title: '', sourceName: '' })).toEqual([]);
  });
});

describe('a note’s links, as the reader lists them', () => {
  const note = (id: string, title: string, sourceName: string, links: string[] = []) => ({ id, title, sourceName, links });
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

  it('lists the documents that link to the note, by title', () => {
    expect(noteLinks(cells, [unrelated, respiration, mitochondria, cells]).backlinks).toEqual([
      { id: 'm', title: 'Mitochondria' },
      { id: 'r', title: 'Respiration' },
    ]);
    expect(noteLinks(unrelated, [cells, unrelated])).toEqual({ outgoing: [{ target: 'Senate', documents: [] }], backlinks: [] });
  });
});
