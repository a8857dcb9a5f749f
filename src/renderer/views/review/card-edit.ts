/** What the card editor accepts, and how a card's answer reads in its sentence once the person edited it. */
import { GAP } from '../../../core/cards/make-cards';
import type { CardRow } from '../../db/focal-db';

/** Why an edit cannot be saved, or null when it can: both sides are needed, and a cloze prompt keeps exactly one gap. */
export function editProblem(kind: CardRow['kind'], prompt: string, answer: string): string | null {
  if (!prompt.trim()) return 'Write the question or the sentence with a gap.';
  if (!answer.trim()) return 'Write the answer.';
  if (kind !== 'cloze') return null;
  const gaps = prompt.split(GAP).length - 1;
  if (gaps === 0) return `Keep the gap ${GAP} where the answer goes.`;
  if (gaps > 1) return `Keep one gap ${GAP}: this card has one answer.`;
  return null;
}

/**
 * Whether the card's sentence says more than its question and answer shown above it. A card brought from Anki with
 * no sentence of its own has "front — back" as its sentence, which only repeats them.
 */
export function sentenceAddsToCard(card: Pick<CardRow, 'kind' | 'edited' | 'prompt' | 'answer' | 'sentence'>): boolean {
  const flat = (text: string) => text.replace(/\s+/g, ' ').trim();
  const sentence = flat(sentenceWithAnswer(card));
  // A reverse card shares its note's sentence, made from the forward card: "back — front" reversed.
  return sentence !== flat([card.prompt, card.answer].filter(Boolean).join(' — ')) && sentence !== flat([card.answer, card.prompt].filter(Boolean).join(' — '));
}

/**
 * The sentence shown under the answer: the source sentence, or for an edited cloze card its own prompt
 * with the gap filled in, so an edited answer is not contradicted by the original wording.
 */
export function sentenceWithAnswer(card: Pick<CardRow, 'kind' | 'edited' | 'prompt' | 'answer' | 'sentence'>): string {
  if (card.kind === 'cloze' && card.edited && card.prompt.includes(GAP)) return card.prompt.replace(GAP, card.answer);
  return card.sentence;
}
