import { describe, expect, it } from 'vitest';
import { definitionsTaste, learnerEvents, noPreferenceTaste, patternTaste, simulateLearners, type SimulationDocument, type Taste } from './simulate';
import { SYNTHETIC_DIMS as dims, syntheticBase, syntheticDocuments, syntheticTable } from './synthetic-library';

const table = syntheticTable();
const base = syntheticBase();

function documents(count: number): SimulationDocument[] {
  return syntheticDocuments(count, 3).map((d) => ({ ...d, sentences: d.tokens.map((words) => words.join(' ')) }));
}

/** Wants the sentences that mention one of the topic words: a taste only the user query can learn. */
const topicWords: Taste = patternTaste('topic-words', /\b(market|prices|tax|bank|trade|budget)\b/g);

describe('simulateLearners', () => {
  it('raises precision@5 of a definitions learner on unseen documents, keeps the change, and reports every checkpoint', () => {
    const report = simulateLearners({ base, dims, table, documents: documents(60), tastes: [definitionsTaste()], checkpoints: [20, 200], seed: 1 });
    const [learner] = report.learners;
    expect(learner!.after.map((a) => a.events)).toEqual([20, 200]);
    expect(learner!.after[1]!.kept).toBe(true);
    expect(learner!.after[1]!.gain).toBeGreaterThan(15);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('learns a taste for words it can only see through the user query', () => {
    const report = simulateLearners({ base, dims, table, documents: documents(60), tastes: [topicWords], checkpoints: [200], seed: 1 });
    expect(report.learners[0]!.after[0]!.gain).toBeGreaterThan(15);
  });

  it('keeps the old parameters for a learner with no preference, so nothing is lost', () => {
    const report = simulateLearners({ base, dims, table, documents: documents(60), tastes: [noPreferenceTaste()], checkpoints: [200], seed: 1 });
    expect(report.learners[0]!.after[0]!.kept).toBe(false);
    expect(report.learners[0]!.after[0]!.gain).toBe(0);
  });

  it('judges every sentence afresh with a pattern taste, even from a global pattern', () => {
    const matchesOf = (d: SimulationDocument) => d.sentences.flatMap((text, i) => (/\b(market|prices|tax|bank|trade|budget)\b/.test(text) ? [i] : []));
    const document = documents(20).find((d) => matchesOf(d).length > 1);
    const matching = matchesOf(document!);
    for (const i of [...matching, ...matching]) expect(topicWords.prefers(document!, i, dims)).toBe(true);
  });

  it('keeps what it likes and dismisses the rest, deterministically', () => {
    const input = { taste: definitionsTaste(), params: base, dims, table, documents: documents(5), limit: 100, seed: 2, startTime: 1000, shown: 5, handMadeRate: 1 };
    const events = learnerEvents(input);
    expect(learnerEvents(input)).toEqual(events);
    expect(new Set(events.map((e) => e.kind))).toEqual(new Set(['candidate-accepted', 'candidate-dismissed', 'card-made-by-hand']));
    expect(events[0]!.time).toBe(1000);
  });
});
