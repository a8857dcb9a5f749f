import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { lexrankPeer } from '../../core/eval/sentence-peers';
import { analyzeDocument, readDocument } from '../../core/extraction/analyze-document';
import { loadAttentionModel } from '../../main/attention/attention-model';
import { repoModelsDir } from '../../main/services/compose';
import { ratioAgainst, timeRuns, type Benchmark } from '../harness';
import { studySentences } from '../study-text';

const DOCUMENT_SENTENCES = 2000;

export const modelLoadBenchmark: Benchmark = {
  name: 'model.load',
  async run({ runs }) {
    const timed = await timeRuns(async () => (await loadAttentionModel(repoModelsDir())).release(), runs);
    // The floor: reading the same files' bytes, which any load does before making anything of them.
    const files = readdirSync(repoModelsDir()).filter((file) => !file.endsWith('.md'));
    let bytes = 0;
    const floor = await timeRuns(async () => {
      bytes = 0;
      for (const file of files) bytes += (await readFile(join(repoModelsDir(), file))).byteLength;
    }, runs);
    return {
      name: 'model.load',
      description: 'Loading the word vectors, the ONNX session and the base parameters, against reading the model files’ bytes',
      ...timed,
      against: ratioAgainst(timed, `reading ${files.length} model files`, floor),
      figures: { modelBytes: bytes },
      target: '≤ 300 ms',
    };
  },
};

export const modelScoreBenchmark: Benchmark = {
  name: 'model.score',
  async run({ runs }) {
    const model = await loadAttentionModel(repoModelsDir());
    const { input, source } = studySentences(DOCUMENT_SENTENCES);
    let modelMs = 0;
    const timedModel = { ...model, run: async (block: Parameters<typeof model.run>[0]) => {
      const start = performance.now();
      const out = await model.run(block);
      modelMs += performance.now() - start;
      return out;
    } };
    const modelOnly: number[] = [];
    const whole = await timeRuns(async () => {
      modelMs = 0;
      await readDocument(input, timedModel, model.baseParams);
      modelOnly.push(modelMs);
    }, runs);
    await model.release();
    modelOnly.sort((a, b) => a - b);
    return {
      name: 'model.score',
      description: `A ${DOCUMENT_SENTENCES}-sentence document (${source}) through the attention graph on ${model.provider}; medianMs includes tokens and vectors, modelMedianMs is the graph alone`,
      ...whole,
      figures: { modelMedianMs: Math.round(modelOnly[Math.floor(modelOnly.length / 2)]! * 10) / 10, sentences: DOCUMENT_SENTENCES },
      target: 'graph ≤ 100 ms on CPU',
    };
  },
};

export const extractionVsLexrankBenchmark: Benchmark = {
  name: 'model.extract',
  async run({ runs }) {
    const model = await loadAttentionModel(repoModelsDir());
    const { input, source } = studySentences(DOCUMENT_SENTENCES);
    const sentences = input.sentences.map((s) => s.text);
    const ours = await timeRuns(() => analyzeDocument(input, model, { params: model.baseParams }), runs);
    // lexrank takes about 10 s on this document, so it gets fewer runs; its median is still of several.
    const peer = await timeRuns(() => lexrankPeer(sentences, 40), Math.min(runs, 3));
    await model.release();
    return {
      name: 'model.extract',
      description: `Whole extraction (model, key sentences, concepts) of a ${DOCUMENT_SENTENCES}-sentence document (${source}), against npm lexrank on the same sentences`,
      ...ours,
      against: ratioAgainst(ours, 'npm lexrank', peer),
      target: 'ratio ≤ 0.1 (10× faster than lexrank)',
    };
  },
};

/** A 1,000-page book read in a fresh process, so its peak memory is the book's alone. */
export const bookMemoryBenchmark: Benchmark = {
  name: 'model.book',
  async run() {
    const child = spawnSync(process.execPath, ['--import', 'tsx', new URL('../book-memory.ts', import.meta.url).pathname], { encoding: 'utf8', timeout: 600_000 });
    const figures = JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, number>;
    return {
      name: 'model.book',
      description: 'A 1,000-page book (30,000 sentences) read by the model in blocks, in its own process: time and peak resident memory',
      medianMs: figures['ms'] ?? 0,
      runs: 1,
      ...(figures['pagesAsDocumentsMs'] ? { against: ratioAgainst({ medianMs: figures['ms'] ?? 0, runs: 1 }, 'its pages read as 1,000 one-page documents, one after another', { medianMs: figures['pagesAsDocumentsMs'], runs: 1 }) } : {}),
      figures,
    };
  },
};
