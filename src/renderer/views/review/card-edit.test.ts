import { describe, expect, it } from 'vitest';
import { GAP } from '../../../core/cards/make-cards';
import { editProblem, sentenceWithAnswer, sentenceAddsToCard } from './card-edit';

describe('what the card editor accepts', () => {
  it('accepts a cloze prompt that keeps its one gap', () => {
    expect(editProblem('cloze', `Plants make ${GAP} from light.`, 'sugar')).toBeNull();
  });

  it('refuses a cloze prompt whose gap was removed or doubled', () => {
    expect(editProblem('cloze', 'Plants make XYZ from light.', 'sugar')).toMatch(/Keep the gap/);
    expect(editProblem('cloze', `${GAP} make ${GAP} from light.`, 'sugar')).toMatch(/Keep one gap/);
  });

  it('lets a question card have no gap, but never an empty side', () => {
    expect(editProblem('qa', 'What do plants make from light?', 'sugar')).toBeNull();
    expect(editProblem('qa', '  ', 'sugar')).toMatch(/question/);
    expect(editProblem('cloze', `Plants make ${GAP}.`, ' ')).toMatch(/answer/);
  });
});

describe('the sentence under the answer', () => {
  const card = { kind: 'cloze' as const, edited: false, prompt: `Plants make ${GAP} from light.`, answer: 'sugar', sentence: 'Plants make sugar from light.' };

  it('is the source sentence for a card as made', () => {
    expect(sentenceWithAnswer(card)).toBe('Plants make sugar from light.');
  });

  it('follows an edited answer instead of the original wording', () => {
    expect(sentenceWithAnswer({ ...card, edited: true, answer: 'glucose' })).toBe('Plants make glucose from light.');
  });
});

describe('the sentence under an answer', () => {
  it('is left out when it only repeats the question and answer, as a card from Anki without a sentence has it', () => {
    const card = { kind: 'qa' as const, edited: false, prompt: 'hablar', answer: 'I speak\nyo hablo', sentence: 'hablar — I speak yo hablo' };
    expect(sentenceAddsToCard(card)).toBe(false);
    expect(sentenceAddsToCard({ ...card, sentence: 'Hablar is the Spanish verb to speak.' })).toBe(true);
    // The reverse card of the same note.
    expect(sentenceAddsToCard({ ...card, prompt: 'I speak\nyo hablo', answer: 'hablar' })).toBe(false);
  });
});
