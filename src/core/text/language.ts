/**
 * A document's main language from its script and, for Latin text, its commonest function words.
 * Enough to choose a sentence segmenter and to say when the model's quality is reduced; not a classifier.
 */
const SAMPLE_CHARS = 20_000;

const scripts: Array<{ language: string; pattern: RegExp }> = [
  { language: 'ja', pattern: /[\p{Script=Hiragana}\p{Script=Katakana}]/gu },
  { language: 'ko', pattern: /\p{Script=Hangul}/gu },
  { language: 'zh', pattern: /\p{Script=Han}/gu },
  { language: 'ar', pattern: /\p{Script=Arabic}/gu },
  { language: 'he', pattern: /\p{Script=Hebrew}/gu },
  { language: 'ru', pattern: /\p{Script=Cyrillic}/gu },
  { language: 'el', pattern: /\p{Script=Greek}/gu },
  { language: 'hi', pattern: /\p{Script=Devanagari}/gu },
  { language: 'th', pattern: /\p{Script=Thai}/gu },
];

const functionWords: Record<string, string[]> = {
  en: ['the', 'and', 'of', 'to', 'is', 'in', 'that', 'it', 'for', 'with', 'as', 'are', 'this', 'was', 'by', 'on', 'an', 'be', 'from', 'at', 'or', 'they', 'their'],
  fr: ['le', 'la', 'les', 'et', 'des', 'est', 'une', 'du', 'que', 'dans', 'pour', 'pas', 'sur', 'qui'],
  de: ['der', 'die', 'und', 'das', 'ist', 'nicht', 'ein', 'eine', 'zu', 'den', 'mit', 'sich', 'auf', 'für'],
  es: ['el', 'la', 'los', 'las', 'y', 'que', 'es', 'una', 'por', 'para', 'con', 'del', 'se', 'como'],
  it: ['il', 'la', 'che', 'e', 'di', 'un', 'una', 'per', 'non', 'sono', 'della', 'gli', 'del', 'con'],
  pt: ['o', 'a', 'os', 'que', 'e', 'de', 'um', 'uma', 'para', 'com', 'não', 'do', 'da', 'em'],
  nl: ['de', 'het', 'een', 'en', 'van', 'is', 'dat', 'niet', 'op', 'te', 'zijn', 'voor', 'met', 'die'],
};

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}

export function detectLanguage(text: string): string {
  const sample = text.slice(0, SAMPLE_CHARS);
  const latin = count(sample, /\p{Script=Latin}/gu);
  let best = { language: 'und', letters: 0 };
  for (const { language, pattern } of scripts) {
    const letters = count(sample, pattern);
    if (letters > best.letters) best = { language, letters };
  }
  // Japanese mixes kana with Han: any real share of kana makes it Japanese rather than Chinese.
  const kana = count(sample, scripts[0]!.pattern);
  const han = count(sample, scripts[2]!.pattern);
  if (kana > 0 && kana >= 0.1 * (kana + han) && kana + han >= best.letters) best = { language: 'ja', letters: kana + han };
  // CJK characters carry a word each, so they win against a few Latin words (acronyms, names) sooner.
  const weight = ['zh', 'ja', 'ko'].includes(best.language) ? 3 : 1;
  if (best.letters * weight > latin) return best.language;
  if (latin === 0) return 'und';

  const words = sample.toLowerCase().match(/\p{L}+/gu) ?? [];
  const frequency = new Map<string, number>();
  // A one-letter word among one-letter words is a letter of a list or a glyph table ("a b c d e"), not the article
  // "a" or "o" (a font sampler was read as Portuguese).
  const oneLetter = (i: number) => (words[i]?.length ?? 0) === 1;
  words.forEach((word, i) => {
    if (word.length === 1 && (oneLetter(i - 1) || oneLetter(i + 1))) return;
    frequency.set(word, (frequency.get(word) ?? 0) + 1);
  });
  const scoreOf = (list: string[]) => list.reduce((sum, word) => sum + (frequency.get(word) ?? 0), 0);
  const englishScore = scoreOf(functionWords['en']!);
  let other = { language: 'en', score: 0 };
  for (const [language, list] of Object.entries(functionWords)) {
    const score = scoreOf(list);
    if (language !== 'en' && score > other.score) other = { language, score };
  }
  // Latin-script notes are English unless another language clearly out-scores it: short notes share words.
  return other.score >= 2 && other.score > 1.5 * englishScore ? other.language : 'en';
}
