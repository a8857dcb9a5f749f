/**
 * Where a sentence's text holds TeX: the Markdown reader keeps inline math in its sentence as `$…$`, its TeX as
 * written (formats/markdown.ts). Split as Pandoc and Obsidian read a single-dollar span, so prose prices stay
 * text: no space just inside either dollar, no digit just after the closing one ("costs $5 and $10" is prose).
 */
export type MathSegment = { text: string } | { tex: string };

const span = /\$(?=[^\s$])([^$\n]*?[^\s$\\])\$(?!\d)/g;

export function mathSegments(text: string): MathSegment[] {
  if (!text.includes('$')) return [{ text }];
  const segments: MathSegment[] = [];
  let last = 0;
  for (const match of text.matchAll(span)) {
    if (match.index > last) segments.push({ text: text.slice(last, match.index) });
    segments.push({ tex: match[1]! });
    last = match.index + match[0].length;
  }
  if (last < text.length) segments.push({ text: text.slice(last) });
  return segments.length > 0 ? segments : [{ text }];
}
