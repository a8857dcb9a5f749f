/** What a retrain learned (core/training/describe-learned.ts), as a sentence for the "Your model" panel. */
import type { HeadTermName } from '../../../core/training/describe-learned';
import type { LearnedSummaryData } from '../../../shared/contract';

const TERM_WORDS: Record<Exclude<HeadTermName, 'interest'>, string> = {
  'attention-received': 'sentences the rest of a document points to',
  centrality: 'sentences close to a document’s gist',
  'first-in-section': 'the first sentence of a section',
  'early-in-document': 'sentences early in a document',
  'heading-depth': 'sentences under deeper headings',
  length: 'longer sentences',
  'definition-cue': 'definitions',
  'enumeration-cue': 'lists and enumerations',
  numbers: 'sentences with numbers or dates',
  'first-in-paragraph': 'the first sentence of a paragraph',
  'term-frequency': 'a document’s most frequent terms',
  'mean-term-frequency': 'sentences dense in frequent terms',
};

function list(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** One or two sentences, or null when the retrain changed nothing nameable. */
export function learnedText(learned: LearnedSummaryData): string | null {
  const parts: string[] = [];
  // A number stands for its shape ("1962" for the years), so it is named apart from the words. describeLearned
  // names numbers and words that start with a letter, so the first character tells them apart.
  const numbers: string[] = [];
  const words: string[] = [];
  for (const word of learned.words) (/^\p{N}/u.test(word) ? numbers : words).push(word);
  const leanings = [...(words.length > 0 ? [`words like ${list(words)}`] : []), ...(numbers.length > 0 ? [`numbers like ${list(numbers)}`] : [])];
  if (leanings.length > 0) parts.push(`leans toward sentences with ${leanings.join(', and ')}`);
  const more = learned.moreWeight.map((term) => TERM_WORDS[term as keyof typeof TERM_WORDS] ?? term);
  const less = learned.lessWeight.map((term) => TERM_WORDS[term as keyof typeof TERM_WORDS] ?? term);
  if (more.length > 0 && less.length > 0) parts.push(`gives more weight to ${list(more)}, and less to ${list(less)}`);
  else if (more.length > 0) parts.push(`gives more weight to ${list(more)}`);
  else if (less.length > 0) parts.push(`gives less weight to ${list(less)}`);
  if (parts.length === 0) return null;
  return `The retrained model ${parts.join('. It ')}.`;
}
