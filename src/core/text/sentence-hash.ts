/** A sentence's stable identity across re-imports and sources (files, Anki decks). */
import { createHash } from 'node:crypto';

/** Case, spacing and quote style do not change a sentence's identity. */
function normalizeForHash(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"').replace(/\s+/g, ' ').trim();
}

export function sentenceHash(text: string): string {
  return createHash('sha256').update(normalizeForHash(text)).digest('hex').slice(0, 20);
}
