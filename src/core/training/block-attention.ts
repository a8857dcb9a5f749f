/**
 * The attention-received term of one block (graph-builder.ts, steps c–d) as the trainer needs it: forward
 * for given adapter up-projections b_q, b_k, and backward to them, so that REINFORCE can train the low-rank
 * adapters (Hu et al. 2021) through the attention softmax.
 *
 *   Q = V·(w_q + a_q·b_q),  K = [V; U]·(w_k + a_k·b_k),  A = softmax_rows(Q·Kᵀ/√R)
 *   r_i = Σ_b A[b,i] (i < B),  att_i = log(r_i + ε) − mean_j log(r_j + ε)
 *
 * V are the block's unit sentence vectors and U its unit summary vectors. Everything that does not depend on
 * b_q, b_k (V·w_q, V·a_q, [V;U]·w_k, [V;U]·a_k) is computed once per block and cached.
 */
import { NORM_EPSILON } from '../attention/graph-builder';
import type { AttentionDims, AttentionParams } from '../attention/params';

/** A block as the model read it: its sentences [start, end) and the summary vectors it attended to (raw, M × D). */
export interface ReadingBlock {
  start: number;
  end: number;
  summary: Float32Array;
  summaryCount: number;
}

/** The fixed projections of one block under one set of w_q, a_q, w_k, a_k. */
export interface BlockProjections {
  start: number;
  /** B sentences, M summaries (N = B + M keys). */
  B: number;
  M: number;
  /** V·w_q [B × R] and V·a_q [B × RA]. */
  queryBase: Float64Array;
  queryDown: Float64Array;
  /** [V;U]·w_k [N × R] and [V;U]·a_k [N × RA]. */
  keyBase: Float64Array;
  keyDown: Float64Array;
  /** The logits without adapters, (V·w_q)·([V;U]·w_k)ᵀ/√R [B × N]: the adapters only add low-rank terms to it. */
  baseLogits: Float64Array;
}

/** What the backward pass needs from the forward one. */
export interface BlockForward {
  projections: BlockProjections;
  att: Float64Array;
  received: Float64Array;
  /** Softmax weights A [B × N]. */
  weights: Float64Array;
}

/** Projections of a block's rows (row-major `count × D`) onto a D × width matrix. */
function project(rows: ArrayLike<number>, count: number, D: number, matrix: Float32Array, width: number, into: Float64Array, at = 0): void {
  for (let i = 0; i < count; i++) {
    for (let c = 0; c < width; c++) {
      let sum = 0;
      for (let d = 0; d < D; d++) sum += rows[i * D + d]! * matrix[d * width + c]!;
      into[(at + i) * width + c] = sum;
    }
  }
}

export function blockProjections(vectors: Float32Array, block: ReadingBlock, params: AttentionParams, dims: AttentionDims): BlockProjections {
  const { D, R, RA } = dims;
  const B = block.end - block.start;
  const M = block.summaryCount;
  const N = B + M;
  const v = vectors.subarray(block.start * D, block.end * D);
  const u = new Float64Array(M * D);
  for (let m = 0; m < M; m++) {
    let norm = 0;
    for (let d = 0; d < D; d++) norm += block.summary[m * D + d]! ** 2;
    norm = Math.sqrt(norm) + NORM_EPSILON;
    for (let d = 0; d < D; d++) u[m * D + d] = block.summary[m * D + d]! / norm;
  }
  const queryBase = new Float64Array(B * R);
  const queryDown = new Float64Array(B * RA);
  const keyBase = new Float64Array(N * R);
  const keyDown = new Float64Array(N * RA);
  project(v, B, D, params.w_q, R, queryBase);
  project(v, B, D, params.a_q, RA, queryDown);
  project(v, B, D, params.w_k, R, keyBase);
  project(u, M, D, params.w_k, R, keyBase, B);
  project(v, B, D, params.a_k, RA, keyDown);
  project(u, M, D, params.a_k, RA, keyDown, B);
  const scale = 1 / Math.sqrt(R);
  const baseLogits = new Float64Array(B * N);
  for (let b = 0; b < B; b++) {
    for (let k = 0; k < N; k++) {
      let dot = 0;
      for (let r = 0; r < R; r++) dot += queryBase[b * R + r]! * keyBase[k * R + r]!;
      baseLogits[b * N + k] = dot * scale;
    }
  }
  return { start: block.start, B, M, queryBase, queryDown, keyBase, keyDown, baseLogits };
}

/**
 * att of the block's sentences for up-projections b_q (at `qAt` in `up`) and b_k (at `kAt`). With
 * Q = P_q + S_q·b_q and K = P_k + S_k·b_k, Q·Kᵀ = P_q·P_kᵀ + S_q·(b_q·P_kᵀ) + (P_q·b_kᵀ + S_q·b_q·b_kᵀ)·S_kᵀ:
 * the first term is cached, the others have rank RA.
 */
export function blockForward(p: BlockProjections, up: ArrayLike<number>, qAt: number, kAt: number, dims: AttentionDims): BlockForward {
  const { R, RA } = dims;
  const { B, M, queryBase, queryDown, keyBase, keyDown } = p;
  const N = B + M;
  const scale = 1 / Math.sqrt(R);
  // bqKeys = b_q·P_kᵀ [RA × N]; left = P_q·b_kᵀ + S_q·(b_q·b_kᵀ) [B × RA].
  const bqKeys = new Float64Array(RA * N);
  for (let j = 0; j < RA; j++) {
    for (let k = 0; k < N; k++) {
      let sum = 0;
      for (let r = 0; r < R; r++) sum += up[qAt + j * R + r]! * keyBase[k * R + r]!;
      bqKeys[j * N + k] = sum;
    }
  }
  const cross = new Float64Array(RA * RA);
  for (let i = 0; i < RA; i++) {
    for (let j = 0; j < RA; j++) {
      let sum = 0;
      for (let r = 0; r < R; r++) sum += up[qAt + i * R + r]! * up[kAt + j * R + r]!;
      cross[i * RA + j] = sum;
    }
  }
  const left = new Float64Array(B * RA);
  for (let b = 0; b < B; b++) {
    for (let j = 0; j < RA; j++) {
      let sum = 0;
      for (let r = 0; r < R; r++) sum += queryBase[b * R + r]! * up[kAt + j * R + r]!;
      for (let i = 0; i < RA; i++) sum += queryDown[b * RA + i]! * cross[i * RA + j]!;
      left[b * RA + j] = sum;
    }
  }
  const weights = new Float64Array(B * N);
  const received = new Float64Array(B);
  for (let b = 0; b < B; b++) {
    let max = -Infinity;
    for (let k = 0; k < N; k++) {
      let extra = 0;
      for (let j = 0; j < RA; j++) extra += queryDown[b * RA + j]! * bqKeys[j * N + k]! + left[b * RA + j]! * keyDown[k * RA + j]!;
      const logit = p.baseLogits[b * N + k]! + extra * scale;
      weights[b * N + k] = logit;
      if (logit > max) max = logit;
    }
    let total = 0;
    for (let k = 0; k < N; k++) total += weights[b * N + k] = Math.exp(weights[b * N + k]! - max);
    for (let k = 0; k < N; k++) {
      weights[b * N + k]! /= total;
      if (k < B) received[k]! += weights[b * N + k]!;
    }
  }
  const att = new Float64Array(B);
  let mean = 0;
  for (let i = 0; i < B; i++) mean += att[i] = Math.log(received[i]! + NORM_EPSILON);
  mean /= B;
  for (let i = 0; i < B; i++) att[i]! -= mean;
  return { projections: p, att, received, weights };
}

/**
 * Adds ∂L/∂b_q and ∂L/∂b_k into `gradient` (at `qAt`, `kAt`), for L = Σ_i g_i·att_i with `g` given per
 * sentence of the block (zero for those that do not matter). `up` must be what the forward pass used.
 * With dZ = ∂L/∂(Q·Kᵀ): ∂L/∂b_q = (S_qᵀ·dZ)·K and ∂L/∂b_k = (S_kᵀ·dZᵀ)·Q, each K and Q expanded as base plus low rank.
 */
export function blockBackward(f: BlockForward, g: Float64Array, gradient: Float64Array, up: ArrayLike<number>, qAt: number, kAt: number, dims: AttentionDims): void {
  const { R, RA } = dims;
  const { B, M, queryBase, queryDown, keyBase, keyDown } = f.projections;
  const N = B + M;
  const scale = 1 / Math.sqrt(R);
  let meanG = 0;
  for (let i = 0; i < B; i++) meanG += g[i]!;
  meanG /= B;
  // ∂L/∂r_i, zero for the summary columns.
  const h = new Float64Array(N);
  for (let i = 0; i < B; i++) h[i] = (g[i]! - meanG) / (f.received[i]! + NORM_EPSILON);
  // E = S_qᵀ·dZ [RA × N] and F = S_kᵀ·dZᵀ [RA × B], dZ = A ⊙ (h − A·h)·scale.
  const E = new Float64Array(RA * N);
  const F = new Float64Array(RA * B);
  for (let b = 0; b < B; b++) {
    let expected = 0;
    for (let k = 0; k < N; k++) expected += f.weights[b * N + k]! * h[k]!;
    for (let k = 0; k < N; k++) {
      const dz = f.weights[b * N + k]! * (h[k]! - expected) * scale;
      if (dz === 0) continue;
      for (let j = 0; j < RA; j++) {
        E[j * N + k]! += queryDown[b * RA + j]! * dz;
        F[j * B + b]! += keyDown[k * RA + j]! * dz;
      }
    }
  }
  // ∂L/∂b_q = E·(P_k + S_k·b_k): E·P_k, plus (E·S_k)·b_k.
  const ES = new Float64Array(RA * RA);
  for (let i = 0; i < RA; i++) {
    for (let k = 0; k < N; k++) {
      const e = E[i * N + k]!;
      if (e === 0) continue;
      for (let r = 0; r < R; r++) gradient[qAt + i * R + r]! += e * keyBase[k * R + r]!;
      for (let j = 0; j < RA; j++) ES[i * RA + j]! += e * keyDown[k * RA + j]!;
    }
    for (let j = 0; j < RA; j++) for (let r = 0; r < R; r++) gradient[qAt + i * R + r]! += ES[i * RA + j]! * up[kAt + j * R + r]!;
  }
  // ∂L/∂b_k = F·(P_q + S_q·b_q): F·P_q, plus (F·S_q)·b_q.
  const FS = new Float64Array(RA * RA);
  for (let i = 0; i < RA; i++) {
    for (let b = 0; b < B; b++) {
      const e = F[i * B + b]!;
      if (e === 0) continue;
      for (let r = 0; r < R; r++) gradient[kAt + i * R + r]! += e * queryBase[b * R + r]!;
      for (let j = 0; j < RA; j++) FS[i * RA + j]! += e * queryDown[b * RA + j]!;
    }
    for (let j = 0; j < RA; j++) for (let r = 0; r < R; r++) gradient[kAt + i * R + r]! += FS[i * RA + j]! * up[qAt + j * R + r]!;
  }
}
