/**
 * The attention graph's forward pass in plain Float64 TypeScript, step for step as documented in
 * graph-builder.ts: the oracle the ONNX runs are tested against. Not used at run time.
 */
import { type AttentionBlockInputs, NORM_EPSILON } from './graph-builder';
import type { AttentionDims } from './params';

export interface ReferenceOutputs {
  tokenAttention: number[];
  sentenceVectors: number[];
  attention: number[];
  salience: number[];
  headInputs: number[];
}

export function forwardReference(block: AttentionBlockInputs, dims: AttentionDims): ReferenceOutputs {
  const { batch: B, length: L, summaryCount: M, params: p } = block;
  const { D, R, RA, F } = dims;
  const eps = NORM_EPSILON;

  // a. pooling
  const tokenAttention: number[] = [];
  const pooled: number[][] = [];
  for (let b = 0; b < B; b++) {
    const scores: number[] = [];
    for (let l = 0; l < L; l++) {
      let dot = 0;
      for (let d = 0; d < D; d++) dot += block.tokens[(b * L + l) * D + d]! * p.pool_query[d]!;
      scores.push(dot / Math.sqrt(D) + block.tokenPrior[b * L + l]!);
    }
    const weights = softmax(scores);
    tokenAttention.push(...weights);
    const s = new Array<number>(D).fill(0);
    weights.forEach((w, l) => {
      for (let d = 0; d < D; d++) s[d]! += w * block.tokens[(b * L + l) * D + d]!;
    });
    pooled.push(s);
  }

  // b. unit vectors
  const v = pooled.map((s) => normalise(s, eps));
  const u = Array.from({ length: M }, (_, m) => normalise(Array.from(block.summary.subarray(m * D, (m + 1) * D)), eps));

  // c. attention
  const keys = [...v, ...u];
  const wq = adapted(p.w_q, p.a_q, p.b_q, D, R, RA);
  const wk = adapted(p.w_k, p.a_k, p.b_k, D, R, RA);
  const q = v.map((row) => project(row, wq, D, R));
  const k = keys.map((row) => project(row, wk, D, R));
  const attentionRows = q.map((qi) => softmax(k.map((kj) => dot(qi, kj) / Math.sqrt(R))));

  // d. attention received
  const logReceived = Array.from({ length: B }, (_, i) => Math.log(attentionRows.reduce((sum, row) => sum + row[i]!, 0) + eps));
  const meanLog = logReceived.reduce((a, x) => a + x, 0) / B;
  const att = logReceived.map((x) => x - meanLog);

  // e. interest and centrality
  const interest = Array.from({ length: B }, (_, b) => {
    const relevance = Array.from({ length: L }, (_, l) => {
      let r = 0;
      for (let d = 0; d < D; d++) r += block.tokens[(b * L + l) * D + d]! * p.user_query[d]!;
      return r + p.user_words[block.tokenWords[b * L + l]!]!;
    });
    const focus = softmax(relevance.map((r, l) => r + block.tokenPrior[b * L + l]!));
    return focus.reduce((sum, a, l) => sum + a * relevance[l]!, 0);
  });
  const centroid = normalise(
    Array.from({ length: D }, (_, d) => keys.reduce((sum, row) => sum + row[d]!, 0) / keys.length),
    eps,
  );
  const centrality = v.map((row) => dot(row, centroid));

  // f. head
  const headInputs: number[] = [];
  const salience: number[] = [];
  for (let b = 0; b < B; b++) {
    const row = [att[b]!, interest[b]!, centrality[b]!, ...Array.from(block.features.subarray(b * F, (b + 1) * F))];
    headInputs.push(...row);
    salience.push(row.reduce((sum, x, j) => sum + x * p.head[j]!, 0) + p.head_bias[0]!);
  }

  return { tokenAttention, sentenceVectors: v.flat(), attention: attentionRows.flat(), salience, headInputs };
}

function softmax(xs: number[]): number[] {
  const max = Math.max(...xs);
  const exps = xs.map((x) => Math.exp(x - max));
  const total = exps.reduce((a, x) => a + x, 0);
  return exps.map((x) => x / total);
}

function normalise(x: number[], eps: number): number[] {
  const norm = Math.sqrt(dot(x, x));
  return x.map((value) => value / (norm + eps));
}

function dot(a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

/** w + a·b for w [D×R], a [D×RA], b [RA×R]. */
function adapted(w: Float32Array, a: Float32Array, b: Float32Array, D: number, R: number, RA: number): number[] {
  const out = Array.from(w);
  for (let i = 0; i < D; i++) {
    for (let r = 0; r < R; r++) {
      let sum = 0;
      for (let j = 0; j < RA; j++) sum += a[i * RA + j]! * b[j * R + r]!;
      out[i * R + r]! += sum;
    }
  }
  return out;
}

function project(row: readonly number[], w: readonly number[], D: number, R: number): number[] {
  const out = new Array<number>(R).fill(0);
  for (let d = 0; d < D; d++) for (let r = 0; r < R; r++) out[r]! += row[d]! * w[d * R + r]!;
  return out;
}
