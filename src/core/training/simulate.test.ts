import { describe, expect, it } from 'vitest';
import { definitionsTaste, learnerEvents, learnerReviews, noPreferenceTaste, patternTaste, simulateLearners, summarizeSeeds, withSlips, type SimulationDocument, type Taste } from './simulate';
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
    // A taste for a kind of sentence: the check chose the setting that holds the query and word weights near 0.
    expect(learner!.after[1]).toMatchObject({ setting: 'structure', gainIfKept: learner!.after[1]!.gain });
    expect(learner!.after[1]!.margin).toBeGreaterThan(1);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('learns a taste for words it can only see through the user query', () => {
    const report = simulateLearners({ base, dims, table, documents: documents(60), tastes: [topicWords], checkpoints: [200], seed: 1 });
    expect(report.learners[0]!.after[0]!.gain).toBeGreaterThan(15);
  });

  it('retrains in sequence as the app does: each check judges the version in use on feedback it never learned from', () => {
    const checkpoints = [30, 100, 200];
    const run = (inSequence: boolean) =>
      simulateLearners({ base, dims, table, documents: documents(60), tastes: [topicWords, noPreferenceTaste()], checkpoints, seed: 1, inSequence }).learners;
    const [topic, none] = run(true);
    // Each retrain is judged against the newest kept version, and one turned down leaves that version's gain.
    let inUse = { events: 0, gain: 0 };
    for (const checkpoint of [...topic!.after, ...none!.after]) {
      // The shipped model and a retrained version alike are replaced on any mean held-out gain.
      if (checkpoint.margin !== null) expect(checkpoint.kept).toBe(checkpoint.margin > 0);
    }
    for (const checkpoint of topic!.after) {
      expect(checkpoint.judgedAgainst).toBe(inUse.events);
      if (checkpoint.kept) inUse = { events: checkpoint.events, gain: checkpoint.gain };
      else expect(checkpoint.gain).toBeCloseTo(inUse.gain, 10);
    }
    expect(topic!.after.at(-1)!.gain).toBeGreaterThan(15);
    for (const checkpoint of none!.after) if (!checkpoint.kept && checkpoint.judgedAgainst === 0) expect(checkpoint.gain).toBe(0);
    // A first retrain is the same either way; later ones are judged against the shipped model without --in-sequence.
    const [fresh] = run(false);
    expect(fresh!.after[0]).toEqual({ ...topic!.after[0]!, trainMs: fresh!.after[0]!.trainMs });
    expect(fresh!.after.every((a) => a.judgedAgainst === 0)).toBe(true);
    // In sequence the learner reviews what the kept version shows, and keeps more of it than of what the shipped model shows.
    const keptFirst = topic!.after.findIndex((a) => a.kept);
    expect(keptFirst).toBeGreaterThanOrEqual(0);
    expect(keptFirst).toBeLessThan(checkpoints.length - 1);
    const later = topic!.after[keptFirst + 1]!;
    expect(later.shownKept).toBeGreaterThan(fresh!.after[keptFirst + 1]!.shownKept);
  });

  it('has a learner review the documents after a retrain as the new version shows them', () => {
    const input = { taste: topicWords, dims, table, documents: documents(30), seed: 3, startTime: 0, shown: 5, handMadeRate: 0.5 };
    const shipped = learnerEvents({ ...input, params: base, limit: 120 });
    const reviews = learnerReviews(input);
    const first = [...reviews.reviewUntil(40, base)];
    // Whole documents: at least the events asked for, and the same as the shipped model's up to there.
    expect(first.length).toBeGreaterThanOrEqual(40);
    expect(first).toEqual(shipped.slice(0, first.length));
    // Another model from there on shows other sentences of the documents after; the events so far stay as they were.
    const retrained = { ...base, head: base.head.map((weight) => -weight) };
    const all = reviews.reviewUntil(120, retrained);
    expect(all.slice(0, first.length)).toEqual(first);
    expect(all.slice(first.length, 120)).not.toEqual(shipped.slice(first.length, 120));
    expect(all.map((e) => e.time)).toEqual(all.map((_, i) => i * 60_000));
  });

  it('reports the most a learner could gain: the precision of a model that knows the taste exactly', () => {
    const report = simulateLearners({ base, dims, table, documents: documents(60), tastes: [topicWords, noPreferenceTaste()], checkpoints: [50, 200], seed: 1 });
    for (const learner of report.learners) {
      expect(learner.perfectPrecisionAt5).toBeGreaterThan(learner.before.precisionAt5);
      expect(learner.perfectPrecisionAt5).toBeLessThanOrEqual(1);
      for (const checkpoint of learner.after) expect(checkpoint.precisionAt5).toBeLessThanOrEqual(learner.perfectPrecisionAt5);
    }
    // The topic words are rarer than a fair coin's heads, so a perfect model of them gets fewer hits in 5.
    expect(report.learners[0]!.perfectPrecisionAt5).toBeLessThan(report.learners[1]!.perfectPrecisionAt5);
  });

  it('loses a learner with no preference nothing on average, whichever retrains chance keeps', () => {
    // The check keeps any mean held-out gain, so such feedback often passes by chance (7 of these 8 seeds); what a
    // kept retrain then moves is chance too, either way (−6 to +6 points here), and training's pull to the base keeps it small.
    const after = [1, 2, 3, 4, 5, 6, 7, 8].map(
      (seed) => simulateLearners({ base, dims, table, documents: documents(60), tastes: [noPreferenceTaste()], checkpoints: [200], seed }).learners[0]!.after[0]!,
    );
    for (const checkpoint of after) if (!checkpoint.kept) expect(checkpoint.gain).toBe(0);
    for (const checkpoint of after) expect(Math.abs(checkpoint.gain)).toBeLessThan(8);
    // What the turned-down retrains would have done is reported too: chance, either way.
    expect(after.some((a) => !a.kept && a.gainIfKept !== 0)).toBe(true);
    expect(after.reduce((sum, a) => sum + a.gain, 0) / after.length).toBeGreaterThanOrEqual(-1);
  });

  it('judges every sentence afresh with a pattern taste, even from a global pattern', () => {
    const matchesOf = (d: SimulationDocument) => d.sentences.flatMap((text, i) => (/\b(market|prices|tax|bank|trade|budget)\b/.test(text) ? [i] : []));
    const document = documents(20).find((d) => matchesOf(d).length > 1);
    const matching = matchesOf(document!);
    for (const i of [...matching, ...matching]) expect(topicWords.prefers(document!, i, dims)).toBe(true);
  });

  it('sums up several seeds per learner and checkpoint: mean and worst gain, and how often the retrain was kept', () => {
    const reports = [1, 2].map((seed) => simulateLearners({ base, dims, table, documents: documents(40), tastes: [definitionsTaste(), noPreferenceTaste()], checkpoints: [100], seed }));
    const summary = summarizeSeeds(reports);
    expect(summary.map((s) => s.taste)).toEqual(['definitions', 'none']);
    const gains = reports.map((r) => r.learners[0]!.after[0]!.gain);
    expect(summary[0]!.after[0]).toEqual({ events: 100, meanGain: (gains[0]! + gains[1]!) / 2, worstGain: Math.min(...gains), kept: 2, seeds: 2, meanGainIfKept: (gains[0]! + gains[1]!) / 2, meanShownKept: expect.any(Number) });
    expect(summary[1]!.after[0]!.kept).toBe(reports.filter((r) => r.learners[1]!.after[0]!.kept).length);
    const ifKept = reports.map((r) => r.learners[1]!.after[0]!.gainIfKept);
    expect(summary[1]!.after[0]!.meanGainIfKept).toBeCloseTo((ifKept[0]! + ifKept[1]!) / 2, 9);
    const possible = reports.map((r) => 100 * (r.learners[0]!.perfectPrecisionAt5 - r.learners[0]!.before.precisionAt5));
    expect(summary[0]!.possibleGain).toBeCloseTo((possible[0]! + possible[1]!) / 2, 9);
  });

  it('gives a learner who slips the same taste, judged the other way on a fixed share of sentences', () => {
    const slipping = withSlips(topicWords, 0.2);
    const all = documents(100).flatMap((d) => d.sentenceIds.map((_, i) => [d, i] as const));
    const misjudged = all.filter(([d, i]) => slipping.judges!(d, i, dims) !== topicWords.prefers(d, i, dims));
    expect(misjudged.length / all.length).toBeGreaterThan(0.15);
    expect(misjudged.length / all.length).toBeLessThan(0.25);
    for (const [d, i] of all.slice(0, 50)) {
      expect(slipping.prefers(d, i, dims)).toBe(topicWords.prefers(d, i, dims));
      expect(slipping.judges!(d, i, dims)).toBe(slipping.judges!(d, i, dims));
    }
    // Its events follow the judgement, not the taste.
    const input = { params: base, dims, table, documents: documents(10), limit: 200, seed: 2, startTime: 0, shown: 5, handMadeRate: 1 };
    const byId = new Map(input.documents.flatMap((d) => d.sentenceIds.map((id, i) => [id, [d, i] as const])));
    for (const event of learnerEvents({ ...input, taste: slipping })) {
      const [d, i] = byId.get(event.sentenceId)!;
      expect(event.kind === 'candidate-dismissed').toBe(!slipping.judges!(d, i, dims));
    }
    expect(learnerEvents({ ...input, taste: slipping })).not.toEqual(learnerEvents({ ...input, taste: topicWords }));
  });

  it('keeps what it likes and dismisses the rest, deterministically', () => {
    const input = { taste: definitionsTaste(), params: base, dims, table, documents: documents(5), limit: 100, seed: 2, startTime: 1000, shown: 5, handMadeRate: 1 };
    const events = learnerEvents(input);
    expect(learnerEvents(input)).toEqual(events);
    expect(new Set(events.map((e) => e.kind))).toEqual(new Set(['candidate-accepted', 'candidate-dismissed', 'card-made-by-hand']));
    expect(events[0]!.time).toBe(1000);
  });
});
