/**
 * Typed loaders for the public evaluation sets in `../shared/eval` (see its README): BBC articles with
 * labelled sentences, and Inspec / SemEval-2010 documents with gold keyphrases. Records are checked here,
 * at the edge, so the metrics can trust their input.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';

export type SentenceDatasetKind = 'bbc';
export type KeyphraseDatasetKind = 'inspec' | 'semeval2010';
export type DatasetKind = SentenceDatasetKind | KeyphraseDatasetKind;

export interface BbcArticle {
  id: string;
  category: string;
  title: string;
  /** The article with its title on the first line. */
  text: string;
  sentences: string[];
  /** 1 where the sentence appears verbatim in the reference summary. */
  labels: (0 | 1)[];
  /** How many sentences to choose: the number of gold sentences. */
  k: number;
}

export interface KeyphraseDocument {
  id: string;
  text: string;
  keys: string[];
}

export type EvalDataset =
  | { kind: SentenceDatasetKind; name: string; articles: BbcArticle[] }
  | { kind: KeyphraseDatasetKind; name: string; documents: KeyphraseDocument[] };

export interface LoadOptions {
  /** Keep only the first `limit` records. */
  limit?: number;
}

/** The dev files of the evaluation folder, by kind. */
export const evalFileNames: Record<DatasetKind, string> = {
  bbc: 'bbc-dev.jsonl',
  inspec: 'inspec-dev.jsonl',
  semeval2010: 'semeval2010-dev.jsonl',
};

const repoRoot = resolve(import.meta.dirname, '..', '..', '..');

/** `../shared/eval` beside the checkout, or null where it is absent (a user's clone). */
export function findEvalDir(root: string = repoRoot): string | null {
  const dir = resolve(root, '..', 'shared', 'eval');
  return existsSync(dir) ? dir : null;
}

export class DatasetError extends Error {
  override name = 'DatasetError';
}

/** Parses JSON Lines, skipping blank lines; stops after `limit` records. */
export function parseJsonLines(text: string, limit = Infinity): unknown[] {
  const records: unknown[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length && records.length < limit; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    try {
      records.push(JSON.parse(line));
    } catch (error) {
      throw new DatasetError(`line ${i + 1}: not JSON (${(error as Error).message})`);
    }
  }
  return records;
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function field(record: Record<string, unknown>, name: string, at: number): string {
  const value = record[name];
  if (typeof value !== 'string') throw new DatasetError(`record ${at + 1}: "${name}" must be a string`);
  return value;
}

function asRecord(value: unknown, at: number): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new DatasetError(`record ${at + 1}: not an object`);
  return value as Record<string, unknown>;
}

export function toBbcArticles(records: readonly unknown[]): BbcArticle[] {
  return records.map((value, at) => {
    const record = asRecord(value, at);
    const { sentences, labels } = record;
    if (!isStringArray(sentences) || sentences.length === 0) throw new DatasetError(`record ${at + 1}: "sentences" must be a non-empty string array`);
    if (!Array.isArray(labels) || labels.length !== sentences.length || !labels.every((label) => label === 0 || label === 1)) {
      throw new DatasetError(`record ${at + 1}: "labels" must be one 0 or 1 per sentence`);
    }
    const k = labels.filter((label) => label === 1).length;
    if (k === 0) throw new DatasetError(`record ${at + 1}: no gold sentence`);
    return {
      id: field(record, 'id', at),
      category: field(record, 'category', at),
      title: field(record, 'title', at),
      text: field(record, 'text', at),
      sentences,
      labels: labels as (0 | 1)[],
      k,
    };
  });
}

export function toKeyphraseDocuments(records: readonly unknown[]): KeyphraseDocument[] {
  return records.map((value, at) => {
    const record = asRecord(value, at);
    if (!isStringArray(record.keys)) throw new DatasetError(`record ${at + 1}: "keys" must be a string array`);
    return { id: field(record, 'id', at), text: field(record, 'text', at), keys: record.keys };
  });
}

/** The gold sentences of an article, in document order. */
export function goldSentences(article: BbcArticle): string[] {
  return article.sentences.filter((_, index) => article.labels[index] === 1);
}

/** Abstracts are short; SemEval-2010 texts are full papers, tens of thousands of characters. */
const FULL_PAPER_CHARS = 8_000;

/**
 * Which data set a file holds: labelled sentences mean BBC; for keyphrase files the name decides
 * ("inspec", "semeval"), else the length of the first text.
 */
export function detectDatasetKind(fileName: string, firstRecord: unknown): DatasetKind {
  const record = typeof firstRecord === 'object' && firstRecord !== null ? (firstRecord as Record<string, unknown>) : {};
  if (Array.isArray(record.sentences) && Array.isArray(record.labels)) return 'bbc';
  if (!Array.isArray(record.keys) || typeof record.text !== 'string') {
    throw new DatasetError(`${basename(fileName)}: neither labelled sentences nor text with keys`);
  }
  const name = basename(fileName).toLowerCase();
  if (name.includes('inspec')) return 'inspec';
  if (name.includes('semeval')) return 'semeval2010';
  return record.text.length > FULL_PAPER_CHARS ? 'semeval2010' : 'inspec';
}

/** Parses a data set from its file name and JSON Lines content. */
export function parseDataset(fileName: string, content: string, options: LoadOptions = {}): EvalDataset {
  const records = parseJsonLines(content, options.limit);
  if (records.length === 0) throw new DatasetError(`${basename(fileName)}: no records`);
  const kind = detectDatasetKind(fileName, records[0]);
  const name = basename(fileName).replace(/\.jsonl$/, '');
  return kind === 'bbc' ? { kind, name, articles: toBbcArticles(records) } : { kind, name, documents: toKeyphraseDocuments(records) };
}

export function loadDataset(path: string, options: LoadOptions = {}): EvalDataset {
  return parseDataset(path, readFileSync(path, 'utf8'), options);
}

export function loadBbcArticles(path: string, options: LoadOptions = {}): BbcArticle[] {
  const dataset = loadDataset(path, options);
  if (dataset.kind !== 'bbc') throw new DatasetError(`${basename(path)}: holds ${dataset.kind} documents, not BBC articles`);
  return dataset.articles;
}

export function loadKeyphraseDocuments(path: string, options: LoadOptions = {}): KeyphraseDocument[] {
  const dataset = loadDataset(path, options);
  if (dataset.kind === 'bbc') throw new DatasetError(`${basename(path)}: holds BBC articles, not keyphrase documents`);
  return dataset.documents;
}
