/**
 * Loads the attention model from models/: the word vectors, the ONNX graph (on the GPU where one works,
 * else the CPU) and the base parameters — the built projections with the fitted head from head.json.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FocalError } from '../../shared/errors';
import { decodeEmbeddingTable, type EmbeddingTable } from '../../core/attention/embedding-table';
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

/**
 * A model loaded once and kept; a load that failed (files missing or damaged) is tried again the next time, so a
 * person who rebuilds the files needs no restart (a failed promise kept would fail every call for good).
 */
export function keptModel(): { get(modelsDir: string): Promise<LoadedModel>; loaded(): Promise<LoadedModel> | undefined } {
  let model: Promise<LoadedModel> | undefined;
  return {
    get(modelsDir) {
      model ??= loadAttentionModel(modelsDir).catch((error: unknown) => {
        model = undefined;
        throw error;
      });
      return model;
    },
    loaded: () => model,
  };
}

export async function loadAttentionModel(modelsDir: string, options: { preferGpu?: boolean } = {}): Promise<LoadedModel> {
  for (const file of [MODEL_FILES.table, MODEL_FILES.graph, MODEL_FILES.base]) {
    if (!existsSync(join(modelsDir, file))) {
      throw new FocalError('not-found', `The attention model is not built (${file} is missing in ${modelsDir}): run \`node --import tsx scripts/build-model.ts\`.`);
    }
  }
  let table: EmbeddingTable;
  let params: AttentionParams;
  let dims: AttentionDims;
  let session: AttentionSession;
  try {
    const [tableBytes, baseJson] = await Promise.all([readFile(join(modelsDir, MODEL_FILES.table)), readFile(join(modelsDir, MODEL_FILES.base), 'utf8')]);
    table = decodeEmbeddingTable(new Uint8Array(tableBytes.buffer, tableBytes.byteOffset, tableBytes.byteLength));
    ({ params, dims } = parseParams(baseJson));
    const headPath = join(modelsDir, MODEL_FILES.head);
    if (existsSync(headPath)) applyHead(params, dims, JSON.parse(await readFile(headPath, 'utf8')) as FittedHead);
    session = await createAttentionSession(join(modelsDir, MODEL_FILES.graph), { preferGpu: options.preferGpu ?? true });
  } catch (error) {
    // A truncated .onnx, a head.json of {} or a syntax error: said as the damage it is, with the way to mend it.
    const why = error instanceof Error ? error.message : String(error);
    throw new FocalError('malformed', `The attention model's files in ${modelsDir} are damaged (${why}): rebuild them with \`node --import tsx scripts/build-model.ts\`.`);
  }
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
