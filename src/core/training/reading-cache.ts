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

/**
 * The most recently used readings, bounded by their total sentence count. A pass (a read-ahead, a retrain, a
 * rescore: `newPass`) that needs more than the budget keeps what fits of it rather than evicting its own
 * earlier readings: evicting least recently used ones would throw each reading out before the next pass came
 * back to it, so every pass over such a library would read it all again.
 */
export class ReadingCache {
  private readonly entries = new Map<string, { document: TrainingDocument; pass: number }>();
  private sentences = 0;
  private passes = 0;
  /** The pass of the latest `get`, and how many kept sentences it has used: what it may not evict. */
  private pass = 0;
  private passSentences = 0;

  constructor(private readonly maxSentences: number) {}

  /** A token for one pass over documents; without one, each `get` is its own pass. */
  newPass(): number {
    return ++this.passes;
  }

  /** The reading under `key`, made by `read` when it is not kept. */
  async get(key: string, read: () => Promise<TrainingDocument>, pass = this.newPass()): Promise<{ document: TrainingDocument; cached: boolean }> {
    if (pass !== this.pass) {
      this.pass = pass;
      this.passSentences = 0;
    }
    const kept = this.entries.get(key);
    if (kept) {
      // Re-inserting marks it most recently used (a Map iterates in insertion order).
      this.entries.delete(key);
      this.entries.set(key, { document: kept.document, pass });
      if (kept.pass !== pass) this.passSentences += kept.document.sentenceIds.length;
      return { document: kept.document, cached: true };
    }
    const document = await read();
    this.put(key, document, pass);
    return { document, cached: false };
  }

  get size(): number {
    return this.entries.size;
  }

  get sentenceCount(): number {
    return this.sentences;
  }

  private put(key: string, document: TrainingDocument, pass: number): void {
    const count = document.sentenceIds.length;
    // The pass's own readings fill the budget: nothing it may evict would make room (and the loop below need not look).
    if (pass === this.pass && this.passSentences + count > this.maxSentences) return;
    let room = this.maxSentences - this.sentences;
    // Readings this pass has not used, oldest first, until the new one fits (they come before this pass's own,
    // which were moved to the end as it used them).
    const evictable: string[] = [];
    for (const [oldKey, old] of this.entries) {
      if (room >= count) break;
      if (old.pass === pass) continue;
      evictable.push(oldKey);
      room += old.document.sentenceIds.length;
    }
    if (room < count) return;
    for (const oldKey of evictable) {
      this.sentences -= this.entries.get(oldKey)!.document.sentenceIds.length;
      this.entries.delete(oldKey);
    }
    this.entries.set(key, { document, pass });
    this.sentences += count;
    if (pass === this.pass) this.passSentences += count;
  }
}
