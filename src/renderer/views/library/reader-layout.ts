/**
 * Lays a stored document out for reading: its blocks in order, headings as headings, and every
 * paragraph cut into plain runs and sentence runs so a sentence can be marked, linked and scrolled to.
 */
import type { ParsedSection } from '../../../shared/document';

export interface SentenceRef {
  id: string;
  start: number;
  end: number;
  page: number | null;
}

export type ReaderBlock =
  | { kind: 'heading'; key: string; level: number; text: string }
  | { kind: 'page'; key: string; page: number }
  | { kind: 'paragraph'; key: string; parts: Array<{ text: string; sentenceId?: string }> };

export function layoutReader(text: string, sections: ParsedSection[], sentences: SentenceRef[]): ReaderBlock[] {
  const headingAt = new Map(sections.map((section) => [section.start, section]));
  const ordered = [...sentences].sort((a, b) => a.start - b.start);
  const blocks: ReaderBlock[] = [];
  let next = 0;
  let page: number | null = null;
  let blockStart = 0;

  for (const blockText of text.split('\n\n')) {
    const start = blockStart;
    const end = start + blockText.length;
    blockStart = end + 2;
    const heading = headingAt.get(start);
    if (heading) {
      if (heading.page !== null && heading.page !== page) {
        page = heading.page;
        blocks.push({ kind: 'page', key: `p${page}`, page });
      }
      blocks.push({ kind: 'heading', key: `h${start}`, level: heading.level, text: blockText });
      continue;
    }
    const parts: Array<{ text: string; sentenceId?: string }> = [];
    let cursor = start;
    while (next < ordered.length && ordered[next]!.start < end) {
      const sentence = ordered[next++]!;
      if (sentence.page !== null && sentence.page !== page) {
        if (parts.length > 0) blocks.push({ kind: 'paragraph', key: `b${start}-${cursor}`, parts: parts.splice(0) });
        page = sentence.page;
        blocks.push({ kind: 'page', key: `p${page}`, page });
      }
      if (sentence.start > cursor) parts.push({ text: text.slice(cursor, sentence.start) });
      parts.push({ text: text.slice(sentence.start, sentence.end), sentenceId: sentence.id });
      cursor = sentence.end;
    }
    if (cursor < end) parts.push({ text: text.slice(cursor, end) });
    if (parts.length > 0) blocks.push({ kind: 'paragraph', key: `b${start}`, parts });
  }
  return blocks;
}

/**
 * How strongly to tint each sentence in the attention heat map: its salience's rank among the document's
 * sentences, in [0, 1] (ranks, not raw logits, so every document uses the whole scale).
 */
export function salienceHeat(sentences: ReadonlyArray<{ id: string; salience: number | null }>): Map<string, number> {
  const scored = sentences.filter((s): s is { id: string; salience: number } => s.salience !== null);
  const ordered = [...scored].sort((a, b) => a.salience - b.salience);
  const heat = new Map<string, number>();
  ordered.forEach((s, rank) => heat.set(s.id, ordered.length > 1 ? rank / (ordered.length - 1) : 1));
  return heat;
}
