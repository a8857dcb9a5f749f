import { describe, expect, it } from 'vitest';
import type { ParsedDocument, ParsedSentence } from '../../shared/document';
import { looksLikeAnotherFile, planImport, sourceKeyOf } from './plan-import';

const sentence = (text: string, hash = text): ParsedSentence => ({ text, section: [], page: null, start: 0, end: text.length, hash });

function parsed(over: Partial<ParsedDocument>): ParsedDocument {
  return {
    title: 'Cells',
    format: 'markdown',
    language: 'en',
    sourceName: 'biology/cells.md',
    byteSize: 10,
    contentHash: 'hash-1',
    pageCount: null,
    text: '',
    sections: [],
    sentences: [sentence('a'), sentence('b')],
    links: [],
    tags: [],
    warnings: [],
    ...over,
  };
}

/** A stored document's sentences when it holds the fixture's two, 'a' and 'b'. */
const storedAB = () => [{ id: 's-a', hash: 'a' }, { id: 's-b', hash: 'b' }];

function ids() {
  let n = 0;
  return () => `new-${++n}`;
}

describe('planning an import', () => {
  it('adds a file it has never seen with fresh ids in document order', () => {
    const plan = planImport(parsed({}), [], () => [], ids());
    expect(plan).toMatchObject({ kind: 'new', documentId: 'new-1' });
    expect(plan.kind === 'new' && plan.sentences.map((s) => [s.id, s.ordinal])).toEqual([['new-2', 0], ['new-3', 1]]);
  });

  it('recognises the very same bytes under any name and changes nothing', () => {
    const plan = planImport(parsed({ sourceName: 'renamed.md' }), [{ id: 'd1', contentHash: 'hash-1', sourceKey: 'biology/cells.md' }], storedAB, ids());
    expect(plan).toEqual({ kind: 'unchanged', documentId: 'd1' });
  });

  it('updates a document whose bytes a newer reader reads into other sentences, keeping the sentences that stayed', () => {
    // Stored by a Focal that read "signi er"; this one reads "signifier".
    const stored = [{ id: 'd1', contentHash: 'hash-1', sourceKey: 'essay.pdf' }];
    const sentencesOf = () => [{ id: 's-old', hash: 'the signi er', ordinal: 1 }, { id: 's-a', hash: 'a', ordinal: 0 }, { id: 's-c', hash: 'c', ordinal: 2 }];
    const plan = planImport(parsed({ sourceName: 'essay.pdf', sentences: [sentence('a'), sentence('the signifier'), sentence('c')] }), stored, sentencesOf, ids());
    // The sentence read anew keeps its id (and so its card and history); nothing is new or removed.
    expect(plan).toMatchObject({ kind: 'updated', documentId: 'd1', reread: true, kept: 2, changed: 1, added: 0, removedSentenceIds: [] });
    expect(plan.kind === 'updated' && plan.sentences.map((s) => [s.id, s.text])).toEqual([['s-a', 'a'], ['s-old', 'the signifier'], ['s-c', 'c']]);
    // Where the new reading has more sentences than the old in a stretch, that stretch is new and removed, as an edit.
    const split = planImport(parsed({ sourceName: 'essay.pdf', sentences: [sentence('a'), sentence('the signi'), sentence('fier'), sentence('c')] }), stored, sentencesOf, ids());
    expect(split).toMatchObject({ kind: 'updated', reread: true, kept: 2, changed: 0, added: 2, removedSentenceIds: ['s-old'] });
    // The same sentences in another order of storage: unchanged.
    const reordered = () => [{ id: 's-b', hash: 'b' }, { id: 's-a', hash: 'a' }];
    expect(planImport(parsed({ sourceName: 'essay.pdf' }), stored, reordered, ids())).toEqual({ kind: 'unchanged', documentId: 'd1' });
  });

  it('updates an edited file in place, keeping the identity of sentences that survived', () => {
    const edited = parsed({ contentHash: 'hash-2', sourceName: 'Biology\\Cells.md', sentences: [sentence('new first'), sentence('b'), sentence('a')] });
    const plan = planImport(edited, [{ id: 'd1', contentHash: 'hash-1', sourceKey: 'biology/cells.md' }], () => [
      { id: 's-a', hash: 'a' },
      { id: 's-b', hash: 'b' },
      { id: 's-gone', hash: 'gone' },
    ], ids());
    expect(plan.kind).toBe('updated');
    if (plan.kind !== 'updated') return;
    expect(plan.documentId).toBe('d1');
    expect(plan.sentences.map((s) => s.id)).toEqual(['new-1', 's-b', 's-a']);
    expect(plan.removedSentenceIds).toEqual(['s-gone']);
    expect([plan.kept, plan.added]).toEqual([2, 1]);
  });

  it('keeps the identity of a sentence edited a little in its place, and not of one rewritten or moved elsewhere', () => {
    const before = ['Cells are the units of life.', 'Light travels at about 300,000 kilometres per second in a vacuum.', 'Mitochondria make ATP.', 'Ribosomes build proteins from amino acids.'];
    const stored = before.map((text, ordinal) => ({ id: `s-${ordinal}`, hash: text, ordinal, text }));
    const after = [
      'Cells are the units of life.',
      'Light travels at about 300,000 kilometres per second in a vacuum, as Rømer first estimated.',
      'Mitochondria make ATP.',
      'Proteins are built elsewhere.',
    ];
    const plan = planImport(parsed({ contentHash: 'hash-2', sentences: after.map((text) => sentence(text)) }), [{ id: 'd1', contentHash: 'hash-1', sourceKey: 'biology/cells.md' }], () => stored, ids());
    if (plan.kind !== 'updated') throw new Error(plan.kind);
    expect(plan.sentences.map((s) => s.id)).toEqual(['s-0', 's-1', 's-2', 'new-2']);
    expect(plan).toMatchObject({ kept: 2, edited: 1, added: 1, removedSentenceIds: ['s-3'] });
    expect(plan).not.toHaveProperty('reread');
    // Not taken for another file of the same name: the edited sentence counts as shared.
    expect(looksLikeAnotherFile(plan)).toBe(false);
  });

  it('gives an edited sentence’s id to the sentence most like it, not the first fairly like it, and not to another fact', () => {
    const before = ['Cells are the units of life.', 'Mitochondria make most of the cell ATP by respiration.', 'The heart has four chambers.', 'Ribosomes build proteins.'];
    const stored = before.map((text, ordinal) => ({ id: `s-${ordinal}`, hash: text, ordinal, text }));
    const after = [
      'Cells are the units of life.',
      'Mitochondria make most of the cell sugar by photosynthesis.',
      'Mitochondria make most of the cell ATP by cellular respiration.',
      'The heart has two valves.',
      'Ribosomes build proteins.',
    ];
    const plan = planImport(parsed({ contentHash: 'hash-2', sentences: after.map((text) => sentence(text)) }), [{ id: 'd1', contentHash: 'hash-1', sourceKey: 'biology/cells.md' }], () => stored, ids());
    if (plan.kind !== 'updated') throw new Error(plan.kind);
    expect(plan.sentences.map((s) => s.id)).toEqual(['s-0', 'new-1', 's-1', 'new-3', 's-3']);
    expect(plan).toMatchObject({ kept: 2, edited: 1, added: 2, removedSentenceIds: ['s-2'] });
  });

  it('takes a file under a new name that shares most sentences with a document the folder no longer has for that note, moved and edited', () => {
    const rome = { id: 'd-rome', contentHash: 'hash-1', sourceKey: 'vault/week1/rome.md' };
    const other = { id: 'd-other', contentHash: 'hash-3', sourceKey: 'vault/other.md' };
    const sentencesOf = (id: string) => (id === 'd-rome' ? [{ id: 's-a', hash: 'a' }, { id: 's-b', hash: 'b' }, { id: 's-c', hash: 'c' }] : [{ id: 's-x', hash: 'x' }]);
    const movedAndEdited = parsed({ contentHash: 'hash-2', sourceName: 'vault/rome-renamed.md', sentences: [sentence('a'), sentence('b'), sentence('d')] });
    const plan = planImport(movedAndEdited, [], sentencesOf, ids(), { movedFrom: [other, rome] });
    expect(plan).toMatchObject({ kind: 'updated', documentId: 'd-rome', kept: 2, added: 1, removedSentenceIds: ['s-c'] });
    // A new note that shares a sentence or none with the notes gone from the folder is new.
    const fresh = parsed({ contentHash: 'hash-4', sourceName: 'vault/new.md', sentences: [sentence('a'), sentence('y'), sentence('z'), sentence('w')] });
    expect(planImport(fresh, [], sentencesOf, ids(), { movedFrom: [other, rome] }).kind).toBe('new');
    // A daily note from the same template as one that left the folder: its template lines, which other notes hold
    // too, say nothing; its own lines are new.
    const daily = { id: 'd-day1', contentHash: 'hash-6', sourceKey: 'vault/daily/2024-01-01.md' };
    const template = ['Mood:', 'Sleep:', 'Gratitude:', 'Tasks:'];
    const day1 = [...template, 'The Krebs cycle runs in the matrix.', 'It makes NADH.'].map((text, ordinal) => ({ id: `k-${ordinal}`, hash: text, ordinal, text }));
    const day3 = parsed({ contentHash: 'hash-7', sourceName: 'vault/daily/2024-01-03.md', sentences: [...template, 'Glycolysis runs in the cytosol.', 'It makes pyruvate.'].map((t) => sentence(t)) });
    expect(planImport(day3, [], () => day1, ids(), { movedFrom: [daily], commonHashes: new Set(template) }).kind).toBe('new');
    // The same note moved and edited a little: its own lines, as they were or nearly, are most of both.
    const day1Moved = parsed({ contentHash: 'hash-8', sourceName: 'vault/archive/2024-01-01.md', sentences: [...template, 'The Krebs cycle runs in the mitochondrial matrix.', 'It makes NADH.'].map((t) => sentence(t)) });
    expect(planImport(day1Moved, [], () => day1, ids(), { movedFrom: [daily], commonHashes: new Set(template) })).toMatchObject({ kind: 'updated', documentId: 'd-day1' });
    // So is one written from the same template: most of the old note's lines, but not most of its own.
    const fromTemplate = parsed({ contentHash: 'hash-5', sourceName: 'vault/2024-05-02.md', sentences: ['a', 'b', 'p', 'q', 'r', 's'].map((t) => sentence(t)) });
    expect(planImport(fromTemplate, [], sentencesOf, ids(), { movedFrom: [rome] }).kind).toBe('new');
  });

  it('updates the file imported from the same path though its new text is another stored file’s, and stores nothing twice', () => {
    const stored = [
      { id: 'd1', contentHash: 'hash-1', sourceKey: 'biology/cells.md' },
      { id: 'd2', contentHash: 'hash-2', sourceKey: 'biology/mitosis.md' },
    ];
    // mitosis.md edited to read exactly as cells.md does: it is still mitosis.md's document that changes.
    expect(planImport(parsed({ sourceName: 'biology/mitosis.md' }), stored, () => [], ids())).toMatchObject({ kind: 'updated', documentId: 'd2' });
    // The same bytes under a name never imported: already in the library, as cells.md.
    expect(planImport(parsed({ sourceName: 'copy/cells.md' }), stored, storedAB, ids())).toEqual({ kind: 'unchanged', documentId: 'd1' });
  });

  it('takes a file that shares under half of its sentences, and under half of the stored ones, for another file of the same name', () => {
    const stored = [{ id: 'd1', contentHash: 'hash-1', sourceKey: 'lecture1.pdf' }];
    const storedSentences = () => ['a', 'b', 'c', 'd'].map((hash) => ({ id: `s-${hash}`, hash }));
    const plan = (texts: string[]) =>
      planImport(parsed({ sourceName: 'Lecture1.pdf', contentHash: 'hash-2', sentences: texts.map((t) => sentence(t)) }), stored, storedSentences, ids());
    // Another course's lecture1.pdf: one sentence in common.
    expect(looksLikeAnotherFile(plan(['a', 'x', 'y', 'z']))).toBe(true);
    // A new version: edited in half, grown, or cut down to one of its sentences.
    expect(looksLikeAnotherFile(plan(['a', 'b', 'x', 'y']))).toBe(false);
    expect(looksLikeAnotherFile(plan(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j']))).toBe(false);
    expect(looksLikeAnotherFile(plan(['a']))).toBe(false);
    expect(plan(['a', 'x', 'y', 'z'])).toMatchObject({ kind: 'updated', stored: 4, kept: 1 });
    expect(looksLikeAnotherFile({ kind: 'new', documentId: 'n', sentences: [] })).toBe(false);
  });

  it('stores a file as its own document when the person keeps both, and later matches each file to its own', () => {
    const other = parsed({ sourceName: 'lecture1.pdf', contentHash: 'hash-b', sentences: [sentence('x'), sentence('y')] });
    const first = [{ id: 'd1', contentHash: 'hash-a', sourceKey: 'lecture1.pdf' }];
    const sentencesOf = (id: string) => (id === 'd1' ? [{ id: 's-a', hash: 'a' }, { id: 's-b', hash: 'b' }] : [{ id: 's-x', hash: 'x' }, { id: 's-y', hash: 'y' }]);
    expect(planImport(other, first, sentencesOf, ids(), { separate: true })).toMatchObject({ kind: 'new', documentId: 'new-1' });
    // Both stored under the one name: each file goes to the document it shares its bytes, or most sentences, with.
    const both = [...first, { id: 'd2', contentHash: 'hash-b', sourceKey: 'lecture1.pdf' }];
    expect(planImport(other, both, sentencesOf, ids())).toEqual({ kind: 'unchanged', documentId: 'd2' });
    const otherEdited = { ...other, contentHash: 'hash-b2', sentences: [sentence('x'), sentence('y'), sentence('z')] };
    expect(planImport(otherEdited, both, sentencesOf, ids())).toMatchObject({ kind: 'updated', documentId: 'd2', kept: 2 });
    const firstEdited = parsed({ sourceName: 'lecture1.pdf', contentHash: 'hash-a2', sentences: [sentence('a'), sentence('c')] });
    expect(planImport(firstEdited, both, sentencesOf, ids())).toMatchObject({ kind: 'updated', documentId: 'd1', kept: 1 });
    // Never stored twice: the same bytes are unchanged whatever the person chose.
    expect(planImport({ ...other, sourceName: 'elsewhere.pdf' }, both, sentencesOf, ids(), { separate: true })).toEqual({ kind: 'unchanged', documentId: 'd2' });
  });

  it('keeps every stored copy of a repeated sentence once, and removes the copies the file no longer has', () => {
    const stored = [{ id: 'd1', contentHash: 'hash-1', sourceKey: 'biology/cells.md' }];
    const sentencesOf = () => [{ id: 's1', hash: 'same' }, { id: 's2', hash: 'other' }, { id: 's3', hash: 'same' }];
    const twice = planImport(parsed({ contentHash: 'hash-2', sentences: [sentence('same'), sentence('same'), sentence('new')] }), stored, sentencesOf, ids());
    expect(twice).toMatchObject({ kind: 'updated', kept: 2, added: 1, removedSentenceIds: ['s2'] });
    expect(twice.kind === 'updated' && twice.sentences.map((s) => s.id)).toEqual(['s1', 's3', 'new-1']);
    const once = planImport(parsed({ contentHash: 'hash-3', sentences: [sentence('same')] }), stored, sentencesOf, ids());
    expect(once).toMatchObject({ kind: 'updated', kept: 1, removedSentenceIds: ['s3', 's2'] });
  });

  it('matches names regardless of case, slashes and a leading ./', () => {
    expect(sourceKeyOf('./Notes\\Week 1.MD')).toBe('notes/week 1.md');
  });
});
