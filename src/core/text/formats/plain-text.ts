import { FocalError } from '../../../shared/errors';
import type { ReadOptions, SourceBlock, SourceDocument } from '../source';
import { decodeText } from './encoding';

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
  const { text } = decodeText(bytes);
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

function paragraphBlocks(lines: string[], isLast: boolean): SourceBlock[] {
  const blocks: SourceBlock[] = [];
  let pending: string[] = [];
  const flushParagraph = () => {
    const text = collapseWhitespace(joinHyphenatedLines(pending.join('\n')));
    if (text) blocks.push({ kind: 'paragraph', text });
    pending = [];
  };
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
