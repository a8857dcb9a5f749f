import { describe, expect, it } from 'vitest';
import { learnedText } from './learned-text';

describe('learnedText', () => {
  it('names the words and the weights in plain English', () => {
    expect(learnedText({ words: ['fiscal', 'revenue', 'sales'], moreWeight: ['definition-cue', 'numbers'], lessWeight: ['length'] })).toBe(
      'The retrained model leans toward sentences with words like fiscal, revenue and sales. It gives more weight to definitions and sentences with numbers or dates, and less to longer sentences.',
    );
    expect(learnedText({ words: [], moreWeight: [], lessWeight: ['centrality'] })).toBe('The retrained model gives less weight to sentences close to a document’s gist.');
  });

  it('names a number apart from the words: it stands for the numbers of its shape', () => {
    expect(learnedText({ words: ['match', '2004', 'team'], moreWeight: [], lessWeight: [] })).toBe(
      'The retrained model leans toward sentences with words like match and team, and numbers like 2004.',
    );
    expect(learnedText({ words: ['1962'], moreWeight: [], lessWeight: [] })).toBe('The retrained model leans toward sentences with numbers like 1962.');
  });

  it('says nothing when nothing nameable changed', () => {
    expect(learnedText({ words: [], moreWeight: [], lessWeight: [] })).toBeNull();
  });
});
