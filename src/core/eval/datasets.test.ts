import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatasetError, detectDatasetKind, evalFileNames, findEvalDir, goldSentences, loadDataset, parseDataset, parseJsonLines } from './datasets';

const bbcLine = JSON.stringify({
  id: 'tech_001',
  category: 'tech',
  title: 'Title',
  text: 'Title\n\nOne. Two. Three.',
  sentences: ['One.', 'Two.', 'Three.'],
  labels: [1, 0, 1],
});
const keyLine = (id: string, text: string) => JSON.stringify({ id, text, keys: ['key phrase'] });

describe('evaluation data sets', () => {
  it('read BBC articles with k = the number of gold sentences', () => {
    const dataset = parseDataset('bbc-dev.jsonl', `${bbcLine}\n\n`);
    expect(dataset.kind).toBe('bbc');
    if (dataset.kind !== 'bbc') return;
    expect(dataset.articles[0]).toMatchObject({ id: 'tech_001', k: 2 });
    expect(goldSentences(dataset.articles[0]!)).toEqual(['One.', 'Three.']);
  });

  it('tell Inspec from SemEval-2010 by name, else by text length', () => {
    const short = JSON.parse(keyLine('1', 'A short abstract.'));
    const long = JSON.parse(keyLine('C-1', 'word '.repeat(5000)));
    expect(detectDatasetKind('inspec-dev.jsonl', long)).toBe('inspec');
    expect(detectDatasetKind('semeval2010-dev.jsonl', short)).toBe('semeval2010');
    expect(detectDatasetKind('keys.jsonl', short)).toBe('inspec');
    expect(detectDatasetKind('keys.jsonl', long)).toBe('semeval2010');
    expect(detectDatasetKind('anything.jsonl', JSON.parse(bbcLine))).toBe('bbc');
  });

  it('stop after the limit', () => {
    const content = [keyLine('1', 'a'), keyLine('2', 'b'), keyLine('3', 'c')].join('\n');
    const dataset = parseDataset('inspec-dev.jsonl', content, { limit: 2 });
    expect(dataset.kind === 'inspec' && dataset.documents.map((d) => d.id)).toEqual(['1', '2']);
  });

  it('reject malformed records with the record number', () => {
    const badLabels = JSON.stringify({ ...JSON.parse(bbcLine), labels: [1, 0] });
    expect(() => parseDataset('bbc-dev.jsonl', `${bbcLine}\n${badLabels}`)).toThrow(/record 2: "labels"/);
    expect(() => parseJsonLines('{"a":1}\nnot json')).toThrow(DatasetError);
    expect(() => parseDataset('x.jsonl', '{"id":"1"}')).toThrow(/neither labelled sentences nor text with keys/);
  });
});

const evalDir = findEvalDir();

describe.skipIf(!evalDir)(evalDir ? 'the dev files in ../shared/eval' : 'the dev files (skipped: ../shared/eval is absent)', () => {
  it('hold 300 BBC articles, 1,500 Inspec and 144 SemEval-2010 documents', () => {
    const sizes = Object.entries(evalFileNames).map(([kind, file]) => {
      const dataset = loadDataset(join(evalDir!, file));
      return [kind, dataset.kind, dataset.kind === 'bbc' ? dataset.articles.length : dataset.documents.length];
    });
    expect(sizes).toEqual([
      ['bbc', 'bbc', 300],
      ['inspec', 'inspec', 1500],
      ['semeval2010', 'semeval2010', 144],
    ]);
  });
});
