/**
 * Tokens as the attention model reads them: lowercase words and numbers for alphabetic scripts (GloVe's
 * vocabulary is lowercase), overlapping character bigrams for Chinese and Japanese, which have no spaces.
 */
const WORD = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+|[\p{L}\p{M}]+(?:['’.-][\p{L}\p{M}]+)*|\p{N}+(?:[.,]\p{N}+)*/gu;
const CJK = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

export function modelTokens(text: string): string[] {
  const tokens: string[] = [];
  for (const match of text.toLowerCase().matchAll(WORD)) {
    const run = match[0].replace(/’/g, "'");
    if (!CJK.test(run)) {
      tokens.push(run);
      continue;
    }
    const chars = [...run];
    if (chars.length === 1) tokens.push(run);
    for (let i = 0; i + 1 < chars.length; i++) tokens.push(chars[i]! + chars[i + 1]!);
  }
  return tokens;
}
