import { FocalError } from '../../../shared/errors';
import type { ReadOptions, SourceBlock, SourceDocument } from '../source';
import { decodeText, withoutControlCharacters } from './encoding';

/** Scripts written without spaces between words: a line break between two of their characters is not a space. */
const cjk = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\u3000-\\u303F\\uFF00-\\uFFEF';
const cjkLineBreak = new RegExp(`(?<=[${cjk}])[^\\S\\n]*\\n\\s*(?=[${cjk}])`, 'gu');

/** One line of text: runs of whitespace become one space, line breaks inside CJK text disappear. Shared by every reader. */
export function collapseWhitespace(text: string): string {
  return text.replace(cjkLineBreak, '').replace(/\s+/g, ' ').trim();
}

/**
 * A word hyphenated at a hard line break is one word again: "Enlight-\nenment" → "Enlightenment". Only between
 * lowercase letters, where a break is what put the hyphen there ("by-\nproduct" loses a hyphen it had: rarer).
 */
function joinHyphenatedLines(text: string): string {
  return text.replace(/(?<=\p{Ll})-[^\S\n]*\n[^\S\n]*(?=\p{Ll})/gu, '');
}

/** A line made only of a repeated rule character: a separator, or a setext underline under a heading. */
const ruleLine = /^\s*([=\-*_~#])(?:\s*\1){2,}\s*$/;
const numberedHeading = /^(\d{1,2}(?:\.\d{1,2})*)\.?\s+[\p{Lu}\p{Lo}]/u;
const maxHeadingLength = 80;

/**
 * Plain text: paragraphs are separated by blank lines (a form feed counts as one), and the hard-wrapped lines
 * of a paragraph are joined with spaces (without, between CJK characters). Headings are guessed, since text
 * has no markup: a short line that starts a paragraph, underlined with `===` (level 1) or `---` (level 2), or a paragraph that is a
 * single short numbered line like "1. Introduction" or "2.3 Methods" — starting with a capital, without closing
 * punctuation, followed by more text — whose level is the count of numbers. Other rule lines are separators and
 * dropped. The title is the first heading.
 */
export async function readPlainText(bytes: Uint8Array, options: ReadOptions = {}): Promise<SourceDocument> {
  const text = withoutControlCharacters(decodeText(bytes).text);
  const paragraphs = text.split(/\n[^\S\n]*\n|\f/).map((chunk) => chunk.split('\n'));
  const lastWithText = paragraphs.findLastIndex((lines) => lines.some((line) => line.trim() !== ''));
  const blocks: SourceBlock[] = [];
  paragraphs.forEach((lines, index) => {
    if (index % 500 === 0) options.checkpoint?.();
    blocks.push(...paragraphBlocks(lines, index >= lastWithText));
    options.onProgress?.(index + 1, paragraphs.length);
  });
  if (blocks.length === 0) throw new FocalError('empty', 'This text file has no text to study.');
  const title = blocks.find((block) => block.kind === 'heading')?.text ?? null;
  return { format: 'text', title, blocks, links: [], tags: [], pageCount: null, warnings: [] };
}

/** A list item's bullet (dropped) or number or letter (kept), as notes typed in a plain editor start them. */
const listItemStart = /^\s*(?:[-*+•·▪◦‣–]\s+(?=\S)|(?=(?:\(?(?:\d{1,3}|[a-z]|[ivx]{1,4})[.)])\s+\S))/u;
const bulletGlyph = /^\s*[-*+•·▪◦‣–]\s+/u;
/** A line this short, with no mark that the sentence goes on, before a line starting with a capital or a digit, stands alone. */
const shortLine = 40;
const goesOn = /[,;:\-–—(&/]$|\b(?:and|or|of|the|a|an|to|in|with|for)$/iu;

/**
 * Whether `next` starts a line of its own rather than continuing `line` wrapped: a list item does, and so does a
 * capitalised line after a short one that does not read as going on ("Key terms" / "Mitochondria" / "Ribosome",
 * notes written a line per item); hard-wrapped prose breaks its lines near the same width, mid-sentence.
 */
function startsOwnLine(line: string, next: string, longest: number): boolean {
  if (listItemStart.test(next)) return true;
  const trimmed = line.trim();
  const short = trimmed.length <= shortLine || trimmed.length < 0.6 * longest;
  return short && !goesOn.test(trimmed) && /^\s*[\p{Lu}\p{N}]/u.test(next);
}

function paragraphBlocks(lines: string[], isLast: boolean): SourceBlock[] {
  const blocks: SourceBlock[] = [];
  let pending: string[] = [];
  let pendingKind: 'paragraph' | 'list-item' = 'paragraph';
  const flushParagraph = () => {
    const text = collapseWhitespace(joinHyphenatedLines(pending.join('\n')));
    if (text) blocks.push({ kind: pendingKind, text });
    pending = [];
    pendingKind = 'paragraph';
  };
  // One line alone keeps its number as written ("3. This is a sentence."): a list needs two lines or more.
  const several = lines.filter((line) => line.trim() !== '').length > 1;
  const longest = Math.max(0, ...lines.map((line) => line.trim().length));
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const underline = lines[i + 1];
    const heading = collapseWhitespace(line);
    const startsParagraph = pending.length === 0;
    if (startsParagraph && underline !== undefined && ruleLine.test(underline) && heading && heading.length <= maxHeadingLength && !ruleLine.test(line)) {
      const mark = underline.trim()[0];
      if (mark === '=' || mark === '-') {
        flushParagraph();
        blocks.push({ kind: 'heading', text: heading, level: mark === '=' ? 1 : 2 });
        i++;
        continue;
      }
    }
    if (ruleLine.test(line)) {
      flushParagraph();
      continue;
    }
    if (several && pending.length > 0 && startsOwnLine(pending.at(-1)!, line, longest)) flushParagraph();
    if (several && pending.length === 0 && listItemStart.test(line)) {
      pendingKind = 'list-item';
      pending.push(line.replace(bulletGlyph, ''));
      continue;
    }
    pending.push(line);
  }
  const single = pending.length === 1 && blocks.length === 0 ? collapseWhitespace(pending[0]!) : '';
  const numbered = numberedHeading.exec(single);
  if (numbered && !isLast && single.length <= maxHeadingLength && !/[.!?:;,。！？：；，]$/u.test(single)) {
    return [{ kind: 'heading', text: single, level: numbered[1]!.split('.').length }];
  }
  flushParagraph();
  return blocks;
}
