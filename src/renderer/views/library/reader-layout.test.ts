import { describe, expect, it } from 'vitest';
import { layoutReader, salienceHeat } from './reader-layout';

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
