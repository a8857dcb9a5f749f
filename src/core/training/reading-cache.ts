/**
 * Readings kept between retrains. Reading a person's documents with the model is about half of a retrain's
 * time, and it depends only on the document and the parts of the model that are never trained (pooling and
 * projections): a document read once with the base parameters serves every later retrain, whatever the
 * person's parameters are by then (`train-user-params.ts` recomputes att and interest from the reading).
 */
import { createHash } from 'node:crypto';
import type { TrainingDocument } from './train-user-params';

/** Sentences whose readings a retrain keeps for the next one (see the bench's keptReadingsMiB for their memory). */
export const RETRAIN_READINGS_KEPT = 100_000;

/** Identity of a document's content as the model reads it: any change to it means a fresh reading. */
export function readingKey(documentId: string, content: unknown): string {
  return `${documentId}:${createHash('sha256').update(JSON.stringify(content)).digest('hex')}`;
}

/** The most recently used readings, bounded by their total sentence count. */
export class ReadingCache {
  private readonly entries = new Map<string, TrainingDocument>();
  private sentences = 0;

  constructor(private readonly maxSentences: number) {}

  /** The reading under `key`, made by `read` when it is not kept. */
  async get(key: string, read: () => Promise<TrainingDocument>): Promise<{ document: TrainingDocument; cached: boolean }> {
    const kept = this.entries.get(key);
    if (kept) {
      // Re-inserting marks it most recently used (a Map iterates in insertion order).
      this.entries.delete(key);
      this.entries.set(key, kept);
      return { document: kept, cached: true };
    }
    const document = await read();
    this.put(key, document);
    return { document, cached: false };
  }

  get size(): number {
    return this.entries.size;
  }

  get sentenceCount(): number {
    return this.sentences;
  }

  private put(key: string, document: TrainingDocument): void {
    const count = document.sentenceIds.length;
    if (count > this.maxSentences) return;
    this.entries.set(key, document);
    this.sentences += count;
    for (const [oldest, old] of this.entries) {
      if (this.sentences <= this.maxSentences) break;
      this.entries.delete(oldest);
      this.sentences -= old.sentenceIds.length;
    }
  }
}
