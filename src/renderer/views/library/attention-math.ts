/** "Why this sentence?" draws a sentence's `$…$` TeX as maths, as the reader does, so its formulas are kept whole. */
import { mathSpans } from '../../../core/text/inline-math';
import type { AttentionSegment } from './attention-segments';

export interface ShownSegment extends AttentionSegment {
  /** A whole `$…$` span, dollars included, to be drawn as maths. */
  math: boolean;
}

const escapedDollar = /\\\$/g;

/**
 * The attention segments of `text` (which together spell it) with each formula made one segment: the weights of
 * the tokens inside it add up to its own, and a token that runs across its edge is cut there. Text outside the
 * formulas shows an escaped dollar (`\$`) as a dollar sign, as the reader does.
 */
export function keepMathWhole(text: string, segments: readonly AttentionSegment[]): ShownSegment[] {
  const spans = mathSpans(text);
  const shown: ShownSegment[] = [];
  const formulas = new Map<number, ShownSegment>();
  const plain = (piece: string, weight: number | null) => piece && shown.push({ text: piece.replace(escapedDollar, '$'), weight, math: false });
  let at = 0;
  for (const segment of segments) {
    const end = at + segment.text.length;
    let from = at;
    for (let s = 0; s < spans.length && from < end; s++) {
      const span = spans[s]!;
      if (span.end <= from || span.start >= end) continue;
      plain(text.slice(from, Math.max(from, span.start)), segment.weight);
      let formula = formulas.get(s);
      if (!formula) {
        formula = { text: text.slice(span.start, span.end), weight: null, math: true };
        formulas.set(s, formula);
        shown.push(formula);
      }
      if (segment.weight !== null) formula.weight = (formula.weight ?? 0) + segment.weight;
      from = Math.min(end, span.end);
    }
    plain(text.slice(from, end), segment.weight);
    at = end;
  }
  return shown;
}
