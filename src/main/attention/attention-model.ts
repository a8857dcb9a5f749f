/**
 * Loads the attention model from models/: the word vectors, the ONNX graph (on the GPU where one works,
 * else the CPU) and the base parameters — the built projections with the fitted head from head.json.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FocalError } from '../../shared/errors';
import { decodeEmbeddingTable } from '../../core/attention/embedding-table';
import { parseParams, type AttentionDims, type AttentionParams } from '../../core/attention/params';
import type { AttentionModel } from '../../core/extraction/analyze-document';
import { createAttentionSession, type AttentionSession } from './onnx-session';

export const MODEL_FILES = {
  table: 'glove-100k.bin',
  graph: 'focal-attention.onnx',
  base: 'attention-base.json',
  /** The head fitted on the public dev data; committed, unlike the built files. */
  head: 'head.json',
} as const;

export interface LoadedModel extends AttentionModel {
  baseParams: AttentionParams;
  session: AttentionSession;
  release(): Promise<void>;
}

export interface FittedHead {
  head: number[];
  head_bias: number[];
}

export async function loadAttentionModel(modelsDir: string, options: { preferGpu?: boolean } = {}): Promise<LoadedModel> {
  for (const file of [MODEL_FILES.table, MODEL_FILES.graph, MODEL_FILES.base]) {
    if (!existsSync(join(modelsDir, file))) {
      throw new FocalError('not-found', `The attention model is not built (${file} is missing in ${modelsDir}): run \`node --import tsx scripts/build-model.ts\`.`);
    }
  }
  const [tableBytes, baseJson] = await Promise.all([readFile(join(modelsDir, MODEL_FILES.table)), readFile(join(modelsDir, MODEL_FILES.base), 'utf8')]);
  const table = decodeEmbeddingTable(new Uint8Array(tableBytes.buffer, tableBytes.byteOffset, tableBytes.byteLength));
  const { params, dims } = parseParams(baseJson);
  const headPath = join(modelsDir, MODEL_FILES.head);
  if (existsSync(headPath)) applyHead(params, dims, JSON.parse(await readFile(headPath, 'utf8')) as FittedHead);
  const session = await createAttentionSession(join(modelsDir, MODEL_FILES.graph), { preferGpu: options.preferGpu ?? true });
  return {
    table,
    dims,
    provider: session.provider,
    baseParams: params,
    session,
    run: (block) => session.run(block),
    release: () => session.release(),
  };
}

export function applyHead(params: AttentionParams, dims: AttentionDims, fitted: FittedHead): void {
  if (fitted.head.length !== dims.F + 3 || fitted.head_bias.length !== 1) {
    throw new FocalError('malformed', `head.json has ${fitted.head.length} weights; the model needs ${dims.F + 3}.`);
  }
  params.head = Float32Array.from(fitted.head);
  params.head_bias = Float32Array.from(fitted.head_bias);
}
