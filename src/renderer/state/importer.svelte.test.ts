import { describe, expect, it } from 'vitest';
import { describeImportResult } from './importer.svelte';

describe('the import report line', () => {
  it('counts one sentence and one card in the singular', () => {
    const outcome = { kind: 'new', documentId: 'd', title: 'T', sentences: 1, cards: 0 } as const;
    expect(describeImportResult({ path: 'a.md', outcome })).toBe('Added: 1 sentence · 0 cards');
    expect(describeImportResult({ path: 'a.md', outcome: { ...outcome, sentences: 4, cards: 1 } })).toBe('Added: 4 sentences · 1 card');
  });

  it('shows an error’s message without its code', () => {
    const error = { code: 'no-text-layer', message: '“scan.pdf” has no text layer.' } as const;
    expect(describeImportResult({ path: 'scan.pdf', error })).toBe('“scan.pdf” has no text layer.');
  });
});
