import { describe, expect, it } from 'vitest';
import { cloneParams } from '../attention/params';
import { wordBucket } from '../attention/token-vectors';
import { asWritten, describeLearned, HEAD_TERM_NAMES } from './describe-learned';
import { SYNTHETIC_DIMS as dims, TOPIC_WORDS, syntheticBase, syntheticDocuments, syntheticTable } from './synthetic-library';

const table = syntheticTable();
const base = syntheticBase();
const documents = syntheticDocuments(20, 1);
const at = (name: (typeof HEAD_TERM_NAMES)[number]) => HEAD_TERM_NAMES.indexOf(name);

describe('describeLearned', () => {
  it('names nothing for the shipped parameters', () => {
    expect(describeLearned(base, base, table, { documents, dims })).toEqual({ words: [], moreWeight: [], lessWeight: [] });
  });

  it('names the words a query leans toward, and the head terms whose change moves rankings', () => {
    const params = cloneParams(base);
    params.user_query.set(table.vectorOf('market')!);
    params.head[at('interest')] = 1; // as training sets it once a query is learnt
    params.head[at('definition-cue')]! += 6;
    params.head[at('centrality')]! -= 4;
    params.head[at('length')]! += 0.05;
    const learned = describeLearned(params, base, table, { documents, dims, words: 3 });
    expect(learned.words).toHaveLength(3);
    for (const word of learned.words) expect(TOPIC_WORDS).toContain(word);
    expect(learned.moreWeight).toEqual(['definition-cue']);
    expect(learned.lessWeight).toEqual(['centrality']);
  });

  it('names the words a person weighs, with or without a query', () => {
    const params = cloneParams(base);
    params.head[at('interest')] = 1;
    for (const word of ['bank', 'budget']) params.user_words[wordBucket(word)] = 4;
    // Stems share a weight: "banks" is "bank", and only one of them is named.
    const learned = describeLearned(params, base, table, { documents, dims, words: 3 });
    expect(learned.words).toHaveLength(2);
    expect(new Set(learned.words.map((word) => word.replace(/s$/, '')))).toEqual(new Set(['bank', 'budget']));
  });

  it('names first the words that move more of the person’s documents, not a rare word weighed a little more', () => {
    const params = cloneParams(base);
    params.head[at('interest')] = 1;
    params.user_words[wordBucket('bank')] = 4;
    params.user_words[wordBucket('zebra')] = 5;
    // "zebra" in one sentence of one document; "bank" in many.
    const withRare = documents.map((d, i) => (i === 0 ? { ...d, tokens: [[...d.tokens[0]!, 'zebra'], ...d.tokens.slice(1)] } : d));
    expect(withRare.filter((d) => d.tokens.some((s) => s.includes('bank'))).length).toBeGreaterThan(3);
    expect(describeLearned(params, base, table, { documents: withRare, dims, words: 2 }).words).toEqual(['bank', 'zebra']);
  });

  it('names one number for the numbers of its shape, the one most documents use', () => {
    const params = cloneParams(base);
    params.head[at('interest')] = 1;
    params.user_words[wordBucket('1962')] = 4;
    // Every document has 2004; one has 1962; both read the shape's weight.
    const withYears = documents.map((d, i) => ({ ...d, tokens: [[...d.tokens[0]!, '2004', ...(i === 0 ? ['1962'] : [])], ...d.tokens.slice(1)] }));
    expect(describeLearned(params, base, table, { documents: withYears, dims, words: 3 }).words).toEqual(['2004']);
  });

  it('names no words for a query too small to move rankings', () => {
    const params = cloneParams(base);
    params.user_query.set(table.vectorOf('market')!.map((x) => x * 0.001));
    params.head[at('interest')] = 1;
    expect(describeLearned(params, base, table, { documents, dims }).words).toEqual([]);
  });
});

describe('asWritten', () => {
  it('names a word as the documents mostly write it, where that is not all lowercase', () => {
    const sentences = ['Václav Havel wrote plays.', 'Havel’s essays were banned.', 'Havel led the country.', 'The team won.', 'Team spirit matters to a team.'];
    expect(asWritten(["havel's", 'václav', 'team', '2004', 'absent'], sentences)).toEqual(["Havel's", 'Václav', 'team', '2004', 'absent']);
  });

  it('stops reading once every word has been met often enough', () => {
    let read = 0;
    function* sentences() {
      for (let i = 0; i < 1000; i++) {
        read++;
        yield 'Paris and paris again.';
      }
    }
    expect(asWritten(['paris'], sentences())).toEqual(['paris']);
    expect(read).toBeLessThan(20);
  });
});
