/**
 * Where a sentence's text holds TeX: the Markdown reader keeps inline math in its sentence as `$…$`, its TeX as
 * written (formats/markdown.ts). Split as Pandoc and Obsidian read a single-dollar span, so prose prices stay
 * text: no space just inside either dollar, no digit just after the closing one ("costs $5 and $10" is prose).
 * A dollar written `\$` is a dollar sign, never math: the reader keeps a note's escaped dollars escaped where they
 * would otherwise read as math ("the literal text \$x\$"), and they show without their backslash.
 */
export type MathSegment = { text: string } | { tex: string };

const span = /(?<!\\)\$(?=[^\s$])([^$\n]*?[^\s$\\])\$(?!\d)/g;
const escapedDollar = /\\\$/g;

export function mathSegments(text: string): MathSegment[] {
  if (!text.includes('$')) return [{ text }];
  const segments: MathSegment[] = [];
  let last = 0;
  const plain = (from: number, to: number) => segments.push({ text: text.slice(from, to).replace(escapedDollar, '$') });
  for (const match of text.matchAll(span)) {
    if (match.index > last) plain(last, match.index);
    segments.push({ tex: match[1]! });
    last = match.index + match[0].length;
  }
  if (last < text.length) plain(last, text.length);
  return segments.length > 0 ? segments : [{ text }];
}

/** Where the math spans of `text` lie, dollars included, as `mathSegments` splits it. */
export function mathSpans(text: string): Array<{ start: number; end: number }> {
  if (!text.includes('$')) return [];
  return [...text.matchAll(span)].map((match) => ({ start: match.index, end: match.index + match[0].length }));
}

/** The text with each math span (dollars included) turned into a space, and escaped dollars into dollar signs. */
export function textWithoutMath(text: string): string {
  return mathSegments(text)
    .map((segment) => ('tex' in segment ? ' ' : segment.text))
    .join('');
}

/**
 * Text whose dollar signs are dollar signs (a Markdown note's `\$`), with each pair that `mathSegments` would take
 * for math escaped as `\$`: "the literal text $x$" keeps "\$x\$", "costs $5" stays as it is.
 */
export function escapeLiteralDollars(text: string): string {
  if (!text.includes('$')) return text;
  return text.replace(span, (whole: string) => `\\${whole.slice(0, -1)}\\$`);
}
