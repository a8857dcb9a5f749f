import { describe, expect, it } from 'vitest';
import { sourceLine } from './source-line';

describe('the line above a card in review', () => {
  it('names the document, then the section, each part once', () => {
    expect(sourceLine('Photosynthesis', ['Photosynthesis', 'The overall reaction'])).toEqual(['Photosynthesis', 'The overall reaction']);
    // Renamed, or a PDF's title with headings of its own.
    expect(sourceLine('Biology 101', ['Cells', 'Mitochondria'])).toEqual(['Biology 101', 'Cells', 'Mitochondria']);
    // A PDF without headings.
    expect(sourceLine('The quick brown fox', [])).toEqual(['The quick brown fox']);
    // A document gone (its card still in the queue) or a section repeating the title.
    expect(sourceLine(undefined, ['Cells'])).toEqual(['Cells']);
    expect(sourceLine('Notes', ['Cells', 'Cells'])).toEqual(['Notes', 'Cells']);
  });
});
