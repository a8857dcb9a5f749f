import { describe, expect, it } from 'vitest';
import { looksGarbled } from './garbled-text';

const repeat = (text: string, times: number) => Array.from({ length: times }, () => text);

describe('garbled text', () => {
  it('is text whose words mix alphabets, as a PDF with wrongly mapped fonts gives', () => {
    // From ThuluthFeatures.pdf of the evaluation set, as pdf.js reads it.
    expect(looksGarbled(repeat('ΰԔϸ Ψߙ ϣÎg ϙķϢʆ ԠϳƌηϦ٫ϳĄƏɴt ϞŀϳȆ͟ βĪΨǓΦԻ ϋçϣƐ ϭʵ֙ˁt ÅΣ ϋĮǎΣ͟', 5))).toBe(true);
  });

  it('is not ordinary text in any script, Japanese mixing kanji and kana, or a Greek letter in a unit', () => {
    expect(looksGarbled(repeat('Mitochondria make most of the cell’s energy, about 5 μm long, in every tissue.', 10))).toBe(false);
    expect(looksGarbled(repeat('Ο Περικλής ήταν Αθηναίος πολιτικός και ρήτορας.', 10))).toBe(false);
    expect(looksGarbled(repeat('الخطوط العربية جميلة جدا وهي فن قديم.', 10))).toBe(false);
    expect(looksGarbled(repeat('東京は日本の首都であり、人口が多いです。カタカナも使います。', 10))).toBe(false);
    expect(looksGarbled(repeat('Привет, как дела? Это обычный русский текст.', 10))).toBe(false);
  });

  it('says nothing of a few words either way', () => {
    expect(looksGarbled(['ΰԔϸ Ψߙ ϣÎg'])).toBe(false);
    expect(looksGarbled([])).toBe(false);
  });
});
