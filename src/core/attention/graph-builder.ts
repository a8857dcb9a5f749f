/**
 * Builds Focal's attention graph as ONNX (opset 13, IR 7) bytes, and declares the block contract its runners
 * share. One run scores one block of B ≤ 256 sentences against M ≥ 1 summary vectors of the rest of the
 * document, so memory stays bounded however long the document is. All parameters are inputs.
 *
 *   a. score[b,l] = tokens[b,l,:]·pool_query/√D + token_prior[b,l];  a = softmax_l(score);  s[b] = Σ_l a[b,l]·tokens[b,l,:]
 *   b. v[b] = s[b] / (‖s[b]‖ + ε);  u[m] = summary[m] / (‖summary[m]‖ + ε)
 *   c. keys = [v; u];  Q = v·(w_q + a_q·b_q);  K = keys·(w_k + a_k·b_k);  A = softmax(Q·Kᵀ/√R) over keys
 *   d. received[i] = Σ_b A[b,i] (i < B);  att = log(received + ε) − mean(log(received + ε))
 *   e. r[b,l] = tokens[b,l,:]·user_query + user_words[token_words[b,l]];  interest[b] = Σ_l softmax_l(r[b,:] + token_prior[b,:])·r[b,l]
 *      (the person's query attends over the sentence's words, so one word they care about can carry it; their
 *      word weights add to the meaning what the word vectors do not say: which words, exactly, they mean);
 *      centrality = v·c,  c = mean(keys) / (‖mean(keys)‖ + ε)
 *   f. salience = [att, interest, centrality, features]·head + head_bias
 * with ε = 1e-6. Attention form after Vaswani et al. 2017; adapters after Hu et al. 2021 (LoRA).
 */
import pkg from 'onnx-proto';
import type { onnx as OnnxTypes } from 'onnx-proto';
import { type AttentionDims, type AttentionParams, HEAD_LEADING_TERMS, PARAM_NAMES, USER_WORD_BUCKETS, defaultDims, paramShapes } from './params';

const { onnx } = pkg;

export const OPSET_VERSION = 13;
export const IR_VERSION = 7;
export const MAX_BLOCK_SENTENCES = 256;
export const NORM_EPSILON = 1e-6;

export const DATA_INPUT_NAMES = ['tokens', 'token_prior', 'token_words', 'summary', 'features'] as const;
export const OUTPUT_NAMES = ['token_attention', 'sentence_vectors', 'attention', 'salience', 'head_inputs'] as const;
export type OutputName = (typeof OUTPUT_NAMES)[number];

/** One block's inputs; arrays are row-major float32 with the shapes in the comments. */
export interface AttentionBlockInputs {
  /** B sentences in the block. */
  batch: number;
  /** L token positions per sentence (padded). */
  length: number;
  /** M summary vectors of the rest of the document. */
  summaryCount: number;
  /** [B, L, D], zero at padded positions. */
  tokens: Float32Array;
  /** [B, L], PADDING_PRIOR at padded positions. */
  tokenPrior: Float32Array;
  /** [B, L] each word's slot in `user_words` (`wordBucket`), 0 at padded positions. */
  tokenWords: Int32Array;
  /** [M, D] */
  summary: Float32Array;
  /** [B, F] */
  features: Float32Array;
  params: AttentionParams;
}

/** One block's outputs, row-major. */
export interface AttentionBlockOutputs {
  /** [B, L] pooling weights over each sentence's tokens. */
  tokenAttention: Float32Array;
  /** [B, D] unit sentence vectors. */
  sentenceVectors: Float32Array;
  /** [B, B + M] attention of each block sentence over the block and the summaries. */
  attention: Float32Array;
  /** [B] */
  salience: Float32Array;
  /** [B, F + 3] the head's inputs: att, interest, centrality, then the features (for fitting the head). */
  headInputs: Float32Array;
}

export class AttentionBlockError extends Error {
  override readonly name = 'AttentionBlockError';
}

/** Throws unless the block's arrays agree with its declared B, L, M and the dims. */
export function assertBlock(block: AttentionBlockInputs, dims: AttentionDims): void {
  const { batch: B, length: L, summaryCount: M } = block;
  const check = (ok: boolean, message: string): void => {
    if (!ok) throw new AttentionBlockError(message);
  };
  check(Number.isInteger(B) && B >= 1 && B <= MAX_BLOCK_SENTENCES, `batch must be 1…${MAX_BLOCK_SENTENCES}, got ${B}`);
  check(Number.isInteger(L) && L >= 1, `length must be ≥ 1, got ${L}`);
  check(Number.isInteger(M) && M >= 1, `summaryCount must be ≥ 1, got ${M}`);
  check(block.tokens.length === B * L * dims.D, `tokens must have B·L·D = ${B * L * dims.D} values, got ${block.tokens.length}`);
  check(block.tokenPrior.length === B * L, `tokenPrior must have B·L = ${B * L} values, got ${block.tokenPrior.length}`);
  check(block.tokenWords.length === B * L, `tokenWords must have B·L = ${B * L} values, got ${block.tokenWords.length}`);
  check(block.tokenWords.every((slot) => slot >= 0 && slot < USER_WORD_BUCKETS), `tokenWords must be slots 0…${USER_WORD_BUCKETS - 1}`);
  check(block.summary.length === M * dims.D, `summary must have M·D = ${M * dims.D} values, got ${block.summary.length}`);
  check(block.features.length === B * dims.F, `features must have B·F = ${B * dims.F} values, got ${block.features.length}`);
}

/** Input name → dims, with 'B', 'L', 'M' symbolic. */
export function inputShapes(dims: AttentionDims): Record<string, (number | string)[]> {
  return {
    tokens: ['B', 'L', dims.D],
    token_prior: ['B', 'L'],
    token_words: ['B', 'L'],
    summary: ['M', dims.D],
    features: ['B', dims.F],
    ...paramShapes(dims),
  };
}

export function outputShapes(dims: AttentionDims): Record<OutputName, (number | string)[]> {
  return {
    token_attention: ['B', 'L'],
    sentence_vectors: ['B', dims.D],
    attention: ['B', 'B_plus_M'],
    salience: ['B'],
    head_inputs: ['B', dims.F + HEAD_LEADING_TERMS],
  };
}

export interface AttentionGraphOptions {
  featureCount: number;
  dims?: Partial<Omit<AttentionDims, 'F'>>;
}

/** The ONNX model bytes; identical for identical options. */
export function buildAttentionGraph(options: AttentionGraphOptions): Uint8Array {
  const dims: AttentionDims = { ...defaultDims(options.featureCount), ...options.dims, F: options.featureCount };
  const g = new GraphWriter();
  const invSqrtD = g.floatScalar('inv_sqrt_d', 1 / Math.sqrt(dims.D));
  const invSqrtR = g.floatScalar('inv_sqrt_r', 1 / Math.sqrt(dims.R));
  const eps = g.floatScalar('epsilon', NORM_EPSILON);
  const axis0 = g.int64s('axes_0', [0]);
  const axis1 = g.int64s('axes_1', [1]);
  const zero = g.int64s('zero', [0]);

  const normalise = (x: string, axis: number): string => {
    const norm = g.op('ReduceL2', [x], { axes: [axis], keepdims: 1 });
    return g.op('Div', [x, g.op('Add', [norm, eps])]);
  };

  // a. pooling
  const poolScore = g.op('Add', [g.op('Mul', [g.op('MatMul', ['tokens', 'pool_query']), invSqrtD]), 'token_prior']);
  g.op('Softmax', [poolScore], { axis: -1 }, 'token_attention');
  const pooled = g.op('Squeeze', [g.op('MatMul', [g.op('Unsqueeze', ['token_attention', axis1]), 'tokens']), axis1]);

  // b. unit sentence and summary vectors
  g.op('Identity', [normalise(pooled, -1)], {}, 'sentence_vectors');
  const v = 'sentence_vectors';
  const u = normalise('summary', -1);

  // c. attention over the block and the summaries
  const keys = g.op('Concat', [v, u], { axis: 0 });
  const wq = g.op('Add', ['w_q', g.op('MatMul', ['a_q', 'b_q'])]);
  const wk = g.op('Add', ['w_k', g.op('MatMul', ['a_k', 'b_k'])]);
  const q = g.op('MatMul', [v, wq]);
  const k = g.op('MatMul', [keys, wk]);
  const logits = g.op('Mul', [g.op('MatMul', [q, g.op('Transpose', [k], { perm: [1, 0] })]), invSqrtR]);
  g.op('Softmax', [logits], { axis: -1 }, 'attention');

  // d. attention received by the block's own sentences, centred in log space
  const batch = g.op('Slice', [g.op('Shape', [v]), zero, g.int64s('one', [1])]);
  const own = g.op('Slice', ['attention', zero, batch, axis1]);
  const logReceived = g.op('Log', [g.op('Add', [g.op('ReduceSum', [own, axis0], { keepdims: 0 }), eps])]);
  const att = g.op('Sub', [logReceived, g.op('ReduceMean', [logReceived], { axes: [0], keepdims: 1 })]);

  // e. interest and centrality
  const relevance = g.op('Add', [g.op('MatMul', ['tokens', 'user_query']), g.op('Gather', ['user_words', 'token_words'], { axis: 0 })]);
  const focus = g.op('Softmax', [g.op('Add', [relevance, 'token_prior'])], { axis: -1 });
  const interest = g.op('ReduceSum', [g.op('Mul', [focus, relevance]), axis1], { keepdims: 0 });
  const centroid = normalise(g.op('ReduceMean', [keys], { axes: [0], keepdims: 0 }), 0);
  const centrality = g.op('MatMul', [v, centroid]);

  // f. linear head
  const column = (x: string): string => g.op('Unsqueeze', [x, axis1]);
  g.op('Concat', [column(att), column(interest), column(centrality), 'features'], { axis: 1 }, 'head_inputs');
  g.op('Add', [g.op('MatMul', ['head_inputs', 'head']), 'head_bias'], {}, 'salience');

  const inputs = inputShapes(dims);
  const outputs = outputShapes(dims);
  const model = onnx.ModelProto.create({
    irVersion: IR_VERSION,
    opsetImport: [{ domain: '', version: OPSET_VERSION }],
    producerName: 'focal',
    producerVersion: '1',
    modelVersion: 1,
    docString: 'Focal attention: sentence salience for one block of a document. See models/README.md.',
    graph: {
      name: 'focal_attention',
      node: g.nodes,
      initializer: g.initializers,
      input: [...DATA_INPUT_NAMES, ...PARAM_NAMES].map((name) => valueInfo(name, inputs[name]!, name === 'token_words' ? onnx.TensorProto.DataType.INT32 : onnx.TensorProto.DataType.FLOAT)),
      output: OUTPUT_NAMES.map((name) => valueInfo(name, outputs[name])),
    },
    metadataProps: [
      { key: 'focal.dims', value: JSON.stringify(dims) },
      { key: 'focal.max_block_sentences', value: String(MAX_BLOCK_SENTENCES) },
    ],
  });
  // A plain, exactly sized copy: protobufjs hands back a Node Buffer view into a larger pool.
  return new Uint8Array(onnx.ModelProto.encode(model).finish());
}

type Attribute = number | number[];

/** Collects nodes and initializers with sequential names, so the same calls give the same bytes. */
class GraphWriter {
  readonly nodes: OnnxTypes.INodeProto[] = [];
  readonly initializers: OnnxTypes.ITensorProto[] = [];

  op(opType: string, input: string[], attributes: Record<string, Attribute> = {}, output?: string): string {
    const index = this.nodes.length;
    const name = output ?? `${opType.toLowerCase()}_${index}`;
    this.nodes.push({
      name: `n${index}_${opType}`,
      opType,
      input,
      output: [name],
      attribute: Object.entries(attributes).map(([key, value]) => attribute(key, value)),
    });
    return name;
  }

  floatScalar(name: string, value: number): string {
    const raw = new Uint8Array(4);
    new DataView(raw.buffer).setFloat32(0, value, true);
    this.initializers.push({ name, dataType: onnx.TensorProto.DataType.FLOAT, dims: [], rawData: raw });
    return name;
  }

  int64s(name: string, values: number[]): string {
    const raw = new Uint8Array(8 * values.length);
    const view = new DataView(raw.buffer);
    values.forEach((x, i) => view.setBigInt64(8 * i, BigInt(x), true));
    this.initializers.push({ name, dataType: onnx.TensorProto.DataType.INT64, dims: [values.length], rawData: raw });
    return name;
  }
}

function attribute(name: string, value: Attribute): OnnxTypes.IAttributeProto {
  const { AttributeType } = onnx.AttributeProto;
  return Array.isArray(value) ? { name, type: AttributeType.INTS, ints: value } : { name, type: AttributeType.INT, i: value };
}

function valueInfo(name: string, shape: (number | string)[], elemType: number = onnx.TensorProto.DataType.FLOAT): OnnxTypes.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: shape.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}
