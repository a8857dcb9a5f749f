/** `focal extract` and `focal eval`: the attention model from the command line, on the code the app runs. */
import { basename, join } from 'node:path';
import type { DocumentAnalysis, ParsedDocument } from '../shared/document';
import { FocalError } from '../shared/errors';
import { BaseParamsNeededError, parseParams, type AttentionParams } from '../core/attention/params';
import { DatasetError, evalFileNames, findEvalDir, loadDataset, type EvalDataset } from '../core/eval/datasets';
import { evaluateConcepts, evaluateSentences } from '../core/eval/run-eval';
import { sentencePeers } from '../core/eval/sentence-peers';
import { createTfidfRanker } from '../core/eval/tfidf-baseline';
import { analyzeDocument } from '../core/extraction/analyze-document';
import { focalConceptExtractor, focalSentenceExtractor, textInput } from '../core/extraction/eval-inputs';
import { loadAttentionModel, type LoadedModel } from '../main/attention/attention-model';
import { repoModelsDir } from '../main/services/compose';
import { JsonLines, notParams, parse, parseFile, readDocumentLines, readParamsText, type Command, positiveInteger } from './cli-support';

async function readUserParams(path: string | undefined): Promise<string | undefined> {
  if (path === undefined) return undefined;
  const json = await readParamsText(path);
  try {
    parseParams(json);
  } catch (error) {
    // Written against the shipped base (as the app keeps a person's versions): checked once the model is loaded.
    if (error instanceof BaseParamsNeededError) return json;
    throw notParams(path, error);
  }
  return json;
}

function sentenceRows(texts: readonly string[], analysis: DocumentAnalysis) {
  return texts.map((text, i) => ({ text, salience: round(analysis.sentences[i]!.salience), selected: analysis.sentences[i]!.selected }));
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;

async function withModel<T>(use: (model: LoadedModel) => Promise<T>): Promise<T> {
  const model = await loadAttentionModel(repoModelsDir());
  try {
    return await use(model);
  } finally {
    await model.release();
  }
}

export const extractCommand: Command = {
  name: 'extract',
  usage: 'focal extract <file> [--top N] [--user-params P] [--password P] [--json]\n       focal extract --docs <docs.jsonl> [--top N] [--user-params P] --json',
  summary: 'Find the key sentences and concepts of a file, or of every {"id","text"} line of a JSONL file.',
  async run(args) {
    const { positionals, values } = parse(args, { docs: { type: 'string' }, top: { type: 'string' }, 'user-params': { type: 'string' }, password: { type: 'string' } });
    const top = positiveInteger(values.top, '--top');
    const userParams = await readUserParams(values['user-params']);
    if (values.docs !== undefined) return extractBatch(values.docs, top, userParams);
    const document: ParsedDocument = await parseFile(positionals[0], {
      ...(values.password !== undefined ? { password: values.password } : {}),
      analysis: { modelsDir: repoModelsDir(), ...(userParams ? { userParams } : {}), ...(top ? { top } : {}) },
    });
    const analysis = document.analysis!;
    return {
      id: basename(positionals[0]!),
      title: document.title,
      language: document.language,
      provider: analysis.provider,
      reducedQuality: analysis.reducedQuality,
      sentences: sentenceRows(document.sentences.map((s) => s.text), analysis),
      concepts: analysis.concepts.map((c) => ({ phrase: c.phrase, score: round(c.score) })),
    };
  },
  describe: (result: { title: string; provider: string; sentences: Array<{ text: string; selected: boolean }>; concepts: Array<{ phrase: string }> } | JsonLines) =>
    result instanceof JsonLines
      ? result.lines.map((line) => JSON.stringify(line)).join('\n')
      : [
          `${result.title} — model on ${result.provider}`,
          'Key sentences:',
          ...result.sentences.filter((s) => s.selected).map((s) => `  • ${s.text}`),
          `Concepts: ${result.concepts.map((c) => c.phrase).join(', ')}`,
        ].join('\n'),
};

async function extractBatch(path: string, top: number | undefined, userParams: string | undefined): Promise<JsonLines> {
  const docs = await readDocumentLines(path);
  return withModel(async (model) => {
    const params: AttentionParams = userParams ? parseParams(userParams, model.baseParams).params : model.baseParams;
    const lines: unknown[] = [];
    for (const doc of docs) {
      const input = textInput(doc.text);
      if (input.sentences.length === 0) {
        lines.push({ id: doc.id, provider: model.provider, sentences: [], concepts: [] });
        continue;
      }
      const analysis = await analyzeDocument(input, model, { params, ...(top ? { top } : {}) });
      lines.push({
        id: doc.id,
        provider: model.provider,
        sentences: sentenceRows(input.sentences.map((s) => s.text), analysis),
        concepts: analysis.concepts.map((c) => ({ phrase: c.phrase, score: round(c.score) })),
      });
    }
    return new JsonLines(lines);
  });
}

async function evaluate(dataset: EvalDataset, model: LoadedModel, params: AttentionParams) {
  const clock = () => performance.now();
  if (dataset.kind === 'bbc') {
    return evaluateSentences(dataset.articles, { focal: focalSentenceExtractor(model, params), ...sentencePeers() }, { clock });
  }
  const tfidf = createTfidfRanker(dataset.documents.map((d) => d.text));
  return evaluateConcepts(dataset.documents, { focal: focalConceptExtractor(model, params), tfidf: tfidf }, { clock, dataset: dataset.kind });
}

export const evalCommand: Command = {
  name: 'eval',
  usage: 'focal eval [--data <file.jsonl>] [--limit N] [--user-params P] [--json]',
  summary: 'Score key sentences (BBC) or concepts (Inspec, SemEval) by the evaluation protocol, beside the peers.',
  async run(args) {
    const { values } = parse(args, { data: { type: 'string' }, limit: { type: 'string' }, 'user-params': { type: 'string' } });
    const limit = positiveInteger(values.limit, '--limit');
    const userParams = await readUserParams(values['user-params']);
    let files: string[];
    if (values.data !== undefined) {
      files = [values.data];
    } else {
      const dir = findEvalDir();
      if (!dir) throw new FocalError('not-found', 'Name a data file with --data; ../shared/eval (the public dev data) is not here.');
      files = Object.values(evalFileNames).map((name) => join(dir, name));
    }
    return withModel(async (model) => {
      const params = userParams ? parseParams(userParams, model.baseParams).params : model.baseParams;
      const reports = [];
      for (const file of files) {
        let dataset: EvalDataset;
        try {
          dataset = loadDataset(file, limit ? { limit } : {});
        } catch (error) {
          if (error instanceof DatasetError) throw new FocalError('malformed', error.message);
          throw new FocalError('not-found', `Could not read ${file}: ${error instanceof Error ? error.message : String(error)}`);
        }
        reports.push({ data: basename(file), provider: model.provider, ...(await evaluate(dataset, model, params)) });
      }
      return { reports };
    });
  },
  describe: (result: { reports: Array<{ data: string; systems: Array<Record<string, unknown> & { system: string }> }> }) =>
    result.reports
      .map((report) =>
        [
          report.data,
          ...report.systems.map((s) =>
            'rouge2' in s
              ? `  ${s.system.padEnd(26)} ROUGE-1 ${s['rouge1']}  ROUGE-2 ${s['rouge2']}  sentence F1 ${s['sentenceF1']}`
              : `  ${s.system.padEnd(26)} F1@5 ${s['f1At5']}  F1@10 ${s['f1At10']}`,
          ),
        ].join('\n'),
      )
      .join('\n'),
};
