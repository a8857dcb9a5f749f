import { describe, expect, it } from 'vitest';
import type { BbcArticle, KeyphraseDocument } from './datasets';
import { publishedConceptFigures, publishedFiguresFor } from './published-figures';
import { evaluateConcepts, evaluateSentences, settleChoice } from './run-eval';

function article(sentences: string[], labels: (0 | 1)[]): BbcArticle {
  return { id: 'a', category: 'tech', title: 'T', text: sentences.join(' '), sentences, labels, k: labels.filter((l) => l === 1).length };
}

const news = article(
  ['Markets fell sharply on Monday.', 'Oil rose to a record high.', 'The weather was mild.', 'Banks cut their rates.'],
  [0, 1, 0, 1],
);

/** A clock that advances 5 ms each time it is read. */
function steppingClock(): () => number {
  let now = 0;
  return () => (now += 5);
}

describe('settling a choice', () => {
  it('drops invalid and repeated entries and fills gaps with the earliest sentences left out', () => {
    expect(settleChoice([3, 3, -1, 1.5, 9], 5, 3)).toEqual({ indices: [3, 0, 1], invalid: 4, short: true, overlong: false });
  });

  it('keeps the first k of a longer answer', () => {
    expect(settleChoice([4, 2, 0], 5, 2)).toEqual({ indices: [4, 2], invalid: 0, short: false, overlong: true });
  });

  it('leaves a short answer short without the Lead fallback', () => {
    expect(settleChoice([2], 5, 3, 'none').indices).toEqual([2]);
  });
});

describe('evaluating key sentences', () => {
  it('scores the gold choice 100 and counts nothing as failed', async () => {
    const report = await evaluateSentences([news], { oracle: () => [3, 1] });
    expect(report.systems[0]).toMatchObject({ system: 'oracle', rouge1: 100, rouge2: 100, sentenceF1: 100 });
    expect(report.systems[0]!.failures).toEqual({ threw: 0, short: 0, invalid: 0, overlong: 0 });
  });

  it('gives a throwing extractor Lead-k, counts it and keeps its message', async () => {
    const report = await evaluateSentences([news, news], {
      broken: () => {
        throw new Error('no model');
      },
      lead: () => [0, 1],
    });
    const [broken, lead] = report.systems;
    expect(broken!.failures.threw).toBe(2);
    expect(broken!.errors).toEqual(['no model']);
    expect({ ...broken, system: 'lead', failures: lead!.failures, errors: [] }).toEqual(lead);
  });

  it('counts an answer that is not a list as thrown, and a short one as short', async () => {
    const report = await evaluateSentences([news], {
      notAList: () => 'x' as unknown as number[],
      short: async () => [1],
    });
    expect(report.systems[0]!.failures.threw).toBe(1);
    expect(report.systems[1]!.failures).toMatchObject({ threw: 0, short: 1 });
  });

  it('scores nothing for a throw when the fallback is none', async () => {
    const report = await evaluateSentences([news], { broken: () => Promise.reject(new Error('down')) }, { fallback: 'none' });
    expect(report.systems[0]).toMatchObject({ rouge1: 0, rouge2: 0, sentenceF1: 0, failures: { threw: 1 } });
  });

  it('times each system with the clock it is given, and not without one', async () => {
    const timedReport = await evaluateSentences([news, news], { lead: () => [0, 1] }, { clock: steppingClock() });
    expect(timedReport.systems[0]!.timing).toEqual({ totalMs: 10, perItemMs: 5 });
    const untimed = await evaluateSentences([news], { lead: () => [0, 1] });
    expect(untimed.systems[0]!.timing).toBeUndefined();
  });

  it('produces a report that survives JSON', async () => {
    const report = await evaluateSentences([news], { lead: () => [0, 1] }, { clock: steppingClock() });
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });
});

describe('evaluating concepts', () => {
  const documents: KeyphraseDocument[] = [
    { id: '1', text: 'Kalman filters for grid computing.', keys: ['Kalman filter', 'grid computing'] },
    { id: '2', text: 'Anti-spam law.', keys: ['anti-spam act', 'lawsuit'] },
  ];

  it('macro-averages F1 in percent over documents', async () => {
    const report = await evaluateConcepts(documents, {
      firstRight: (text) => (text.startsWith('Kalman') ? ['kalman filters', 'grid computing'] : ['spam']),
    });
    // Document 1 is perfect, document 2 gets nothing right.
    expect(report.systems[0]).toMatchObject({ f1At5: 50, f1At10: 50, failures: { threw: 0 } });
    expect(report.dataset).toBeNull();
    expect(report.published).toEqual([]);
  });

  it('scores a throwing extractor 0 for that document and counts it', async () => {
    const report = await evaluateConcepts(documents, {
      flaky: (text) => {
        if (text.startsWith('Anti')) throw new Error('timeout');
        return ['Kalman filter', 'grid computing'];
      },
    });
    expect(report.systems[0]).toMatchObject({ f1At5: 50, failures: { threw: 1 }, errors: ['timeout'] });
  });

  it('attaches the published figures of the data set it is told', async () => {
    const report = await evaluateConcepts(documents, { none: () => [] }, { dataset: 'semeval2010' });
    expect(report.published.map((figure) => figure.system)).toEqual(['PositionRank', 'PromptRank']);
    expect(report.published.every((figure) => figure.dataset === 'semeval2010' && figure.split === 'test')).toBe(true);
  });
});

describe('published figures', () => {
  it('hold the protocol’s Inspec and SemEval-2010 test figures with their sources', () => {
    expect(publishedFiguresFor('inspec').map(({ system, f1At5, f1At10 }) => [system, f1At5, f1At10])).toEqual([
      ['TextRank', 26.91, 33.95],
      ['TfIdf', 28.37, 35.0],
      ['SIFRank', 29.11, null],
      ['PromptRank', 31.73, 37.88],
    ]);
    expect(publishedFiguresFor('semeval2010').map(({ system, f1At5, f1At10 }) => [system, f1At5, f1At10])).toEqual([
      ['PositionRank', 12.72, 16.64],
      ['PromptRank', 17.24, 20.66],
    ]);
    expect(publishedConceptFigures.every((figure) => figure.source.length > 0)).toBe(true);
  });
});
