import { describe, expect, it } from 'vitest';
import { zeroParams, type AttentionDims } from '../attention/params';
import { seededRandom } from '../seeded-random';
import { definitionsTaste, learnerEvents, noPreferenceTaste, simulateLearners, type SimulationDocument } from './simulate';

const dims: AttentionDims = { D: 6, R: 2, RA: 1, F: 10 };
const width = dims.F + 3;

function documents(count: number): SimulationDocument[] {
  const random = seededRandom(3);
  return Array.from({ length: count }, (_, d) => {
    const n = 12;
    const vectors = new Float32Array(n * dims.D);
    const headInputs = new Float32Array(n * width);
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < dims.D; k++) vectors[i * dims.D + k] = random() - 0.5;
      headInputs[i * width] = random();
      headInputs[i * width + 2] = random();
      headInputs[i * width + 3 + 4] = random() < 0.2 ? 1 : 0;
    }
    return { sentenceIds: Array.from({ length: n }, (_, i) => `d${d}#${i}`), sentences: Array.from({ length: n }, () => 'text'), vectors, headInputs };
  });
}

const base = zeroParams(dims);
base.head[0] = 1;
base.head[2] = 1;

describe('simulateLearners', () => {
  it('raises precision@5 of a definitions learner on unseen documents and reports every checkpoint', () => {
    const report = simulateLearners({ base, dims, documents: documents(60), tastes: [definitionsTaste()], checkpoints: [20, 200], seed: 1 });
    const [learner] = report.learners;
    expect(learner!.after.map((a) => a.events)).toEqual([20, 200]);
    expect(learner!.after[1]!.gain).toBeGreaterThan(15);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('barely moves for a learner with no preference', () => {
    const report = simulateLearners({ base, dims, documents: documents(60), tastes: [noPreferenceTaste()], checkpoints: [200], seed: 1 });
    expect(Math.abs(report.learners[0]!.after[0]!.gain)).toBeLessThanOrEqual(5);
  });

  it('keeps what it likes and dismisses the rest, deterministically', () => {
    const input = { taste: definitionsTaste(), params: base, dims, documents: documents(5), limit: 100, seed: 2, startTime: 1000, shown: 5, handMadeRate: 1 };
    const events = learnerEvents(input);
    expect(learnerEvents(input)).toEqual(events);
    expect(new Set(events.map((e) => e.kind))).toEqual(new Set(['candidate-accepted', 'candidate-dismissed', 'card-made-by-hand']));
    expect(events[0]!.time).toBe(1000);
  });
});
