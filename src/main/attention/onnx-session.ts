/**
 * The one onnxruntime-node adapter: opens the attention graph on the best execution provider available and
 * runs blocks through it. A GPU provider is tried first (CUDA on Linux and Windows, then DirectML on Windows,
 * CoreML on macOS). A provider missing from the onnxruntime-node build is skipped; one whose libraries fail to
 * load throws, and the session falls back to CPU and says why.
 */
import { availableParallelism } from 'node:os';
import * as ort from 'onnxruntime-node';
import {
  type AttentionBlockInputs,
  type AttentionBlockOutputs,
  DATA_INPUT_NAMES,
  assertBlock,
} from '../../core/attention/graph-builder';
import { type AttentionDims, type AttentionParams, PARAM_NAMES, assertParams, paramShapes } from '../../core/attention/params';

export type AttentionProvider = 'cuda' | 'dml' | 'coreml' | 'cpu';

export interface ProviderAttempt {
  provider: AttentionProvider;
  error: string;
}

export interface AttentionSession {
  /** The provider the session runs on. */
  readonly provider: AttentionProvider;
  /** Why no GPU provider runs (null when one does): not requested, or each attempt's error. */
  readonly gpuUnavailableReason: string | null;
  readonly failedAttempts: readonly ProviderAttempt[];
  readonly dims: AttentionDims;
  run(block: AttentionBlockInputs): Promise<AttentionBlockOutputs>;
  release(): Promise<void>;
}

export interface AttentionSessionOptions {
  preferGpu?: boolean;
  /** Defaults to the process platform; decides which GPU providers are tried. */
  platform?: NodeJS.Platform;
  /** Intra-op threads; defaults to the cores less one for the UI and I/O, between 1 and 8. */
  intraOpThreads?: number;
}

/** GPU providers to try, in order, on a platform. */
export function gpuProvidersFor(platform: NodeJS.Platform): AttentionProvider[] {
  if (platform === 'win32') return ['cuda', 'dml'];
  if (platform === 'darwin') return ['coreml'];
  if (platform === 'linux') return ['cuda'];
  return [];
}

export function defaultIntraOpThreads(cores = availableParallelism()): number {
  return Math.max(1, Math.min(8, cores - 1));
}

/** Opens the graph (a path or its bytes); its dims D, R, RA, F are read from the graph's input shapes. */
export async function createAttentionSession(model: string | Uint8Array, options: AttentionSessionOptions = {}): Promise<AttentionSession> {
  const { preferGpu = true, platform = process.platform } = options;
  const base: ort.InferenceSession.SessionOptions = {
    graphOptimizationLevel: 'all',
    intraOpNumThreads: options.intraOpThreads ?? defaultIntraOpThreads(),
    interOpNumThreads: 1,
    executionMode: 'sequential',
  };
  const open = (providers: AttentionProvider[]): Promise<ort.InferenceSession> => {
    const sessionOptions = { ...base, executionProviders: providers };
    return typeof model === 'string' ? ort.InferenceSession.create(model, sessionOptions) : ort.InferenceSession.create(model, sessionOptions);
  };

  // A missing CUDA library is expected on most machines and is reported through gpuUnavailableReason;
  // onnxruntime would also print it as a native error line on every start, which reads like a crash.
  ort.env.logLevel = 'fatal';
  const failedAttempts: ProviderAttempt[] = [];
  const candidates = preferGpu ? gpuProvidersFor(platform) : [];
  let session: ort.InferenceSession | null = null;
  let provider: AttentionProvider = 'cpu';
  const built = new Set(ort.listSupportedBackends().map((backend) => backend.name));
  for (const candidate of candidates) {
    // onnxruntime-common silently drops a provider its build lacks, so such a request would "succeed" on CPU.
    if (!built.has(candidate)) {
      failedAttempts.push({ provider: candidate, error: `not in this onnxruntime-node build (it has ${[...built].join(', ')})` });
      continue;
    }
    try {
      session = await open([candidate, 'cpu']);
      provider = candidate;
      break;
    } catch (error) {
      failedAttempts.push({ provider: candidate, error: error instanceof Error ? error.message : String(error) });
    }
  }
  session ??= await open(['cpu']);

  const gpuUnavailableReason =
    provider !== 'cpu'
      ? null
      : !preferGpu
        ? 'GPU not requested'
        : candidates.length === 0
          ? `no GPU provider for platform ${platform}`
          : failedAttempts.map((a) => `${a.provider}: ${firstLine(a.error)}`).join('; ');

  const opened = session;
  let dims: AttentionDims;
  try {
    dims = dimsOf(opened);
  } catch (error) {
    await opened.release();
    throw error;
  }
  const shapes = paramShapes(dims);
  // Parameter sets already checked: a document is read in many blocks under the same parameters, and checking
  // 65,536 word weights for every block was about 4 % of reading. A set is not changed once made (training
  // and parsing make new ones), so one check per set holds.
  const checkedParams = new WeakSet<AttentionParams>();

  return {
    provider,
    gpuUnavailableReason,
    failedAttempts,
    dims,
    async run(block) {
      assertBlock(block, dims);
      if (!checkedParams.has(block.params)) {
        assertParams(block.params, dims);
        checkedParams.add(block.params);
      }
      const { batch: B, length: L, summaryCount: M } = block;
      const feeds: Record<string, ort.Tensor> = {
        tokens: new ort.Tensor('float32', block.tokens, [B, L, dims.D]),
        token_prior: new ort.Tensor('float32', block.tokenPrior, [B, L]),
        token_words: new ort.Tensor('int32', block.tokenWords, [B, L]),
        summary: new ort.Tensor('float32', block.summary, [M, dims.D]),
        features: new ort.Tensor('float32', block.features, [B, dims.F]),
      };
      for (const name of PARAM_NAMES) feeds[name] = new ort.Tensor('float32', block.params[name], shapes[name]);
      const out = await opened.run(feeds);
      const take = (name: string): Float32Array => {
        const tensor = out[name];
        if (!tensor || !(tensor.data instanceof Float32Array)) throw new Error(`attention graph returned no float32 ${name}`);
        return tensor.data;
      };
      return {
        tokenAttention: take('token_attention'),
        sentenceVectors: take('sentence_vectors'),
        attention: take('attention'),
        salience: take('salience'),
        headInputs: take('head_inputs'),
      };
    },
    release: () => opened.release(),
  };
}

function dimsOf(session: ort.InferenceSession): AttentionDims {
  const expected = [...DATA_INPUT_NAMES, ...PARAM_NAMES];
  const missing = expected.filter((name) => !session.inputNames.includes(name));
  if (missing.length > 0) throw new Error(`not a Focal attention graph: it lacks inputs ${missing.join(', ')}`);
  const dim = (input: string, axis: number): number => {
    const meta = session.inputMetadata.find((m) => m.name === input);
    const size = meta?.isTensor ? meta.shape[axis] : undefined;
    if (typeof size !== 'number') throw new Error(`attention graph input ${input} has no fixed size on axis ${axis}`);
    return size;
  };
  return { D: dim('w_q', 0), R: dim('w_q', 1), RA: dim('a_q', 1), F: dim('features', 1) };
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0] ?? text;
}
