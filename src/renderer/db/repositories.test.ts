/** The library and review repositories against IndexedDB (fake-indexeddb in Node). */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { Rating } from '../../core/scheduling/card-memory';
import { createScheduler } from '../../core/scheduling/fsrs-adapter';
import { rebuildCardState } from '../../core/scheduling/review-log';
import { DEFAULT_SCHEDULER_SETTINGS } from '../../core/scheduling/scheduler-settings';
import { emptyUndoStack, pushAnswer } from '../../core/scheduling/undo';
import { FocalDb } from './focal-db';
import { sameFileFromAnotherFolder, sourceKeyOf } from '../../core/library/plan-import';
import { LibraryRepository, MAX_TITLE_LENGTH, hasWordStarting } from './library-repository';
import { parsedNote } from './parsed-note-fixture';
import { readGraphRow } from './graph-row';
import { ReviewRepository } from './review-repository';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 1, 9);

const document = (sentences: string[], contentHash: string) => parsedNote(sentences, { contentHash });

function setup() {
  const db = new FocalDb(`repositories-${Math.random()}`);
  let n = 0;
  const newId = () => `id-${++n}`;
  let clock = T0;
  return { db, library: new LibraryRepository(db, newId, () => clock), reviews: new ReviewRepository(db, newId), tick: (ms: number) => (clock += ms), now: () => clock };
}

const first = ['Mitochondria make most of the cell’s ATP.', 'Ribosomes build proteins from amino acids.'];

describe('renaming a document', () => {
  it('gives it its file’s new name, so the next import of that file updates it', async () => {
    const { db, library } = setup();
    const { documentId } = await library.store(parsedNote(first, { sourceName: 'vault/a.md', contentHash: 'A' }));
    expect(await library.rename(documentId, 'vault/notes/b.md')).toMatchObject({ sourceName: 'vault/notes/b.md', sourceKey: 'vault/notes/b.md' });
    const graph = (await readGraphRow(db))!.graph;
    expect(graph.nodes[`document:${documentId}`]).toMatchObject({ sourceName: 'vault/notes/b.md' });
    expect(await library.store(parsedNote([first[0]!], { sourceName: 'vault/notes/b.md', contentHash: 'B' }))).toMatchObject({ kind: 'updated', documentId });
    expect(await library.rename('gone', 'x.md')).toBeNull();
  });
});

describe('giving a document a title', () => {
  it('keeps the title the person gave through re-imports of its file, in the library and the graph', async () => {
    const { db, library } = setup();
    const { documentId } = await library.store(parsedNote(first, { sourceName: 'lec3.pdf', contentHash: 'A', title: 'Microsoft Word - lec3.docx' }));
    expect(await library.retitle(documentId, '  Lecture 3:\n cell   energy ')).toMatchObject({ title: 'Lecture 3: cell energy', titleByHand: true, sourceName: 'lec3.pdf' });
    expect((await readGraphRow(db))!.graph.nodes[`document:${documentId}`]).toMatchObject({ label: 'Lecture 3: cell energy' });

    // The file, edited: the document keeps the person's title; the same bytes again change nothing.
    expect(await library.store(parsedNote([first[0]!], { sourceName: 'lec3.pdf', contentHash: 'B', title: 'Microsoft Word - lec3.docx' }))).toMatchObject({ kind: 'updated', title: 'Lecture 3: cell energy' });
    expect(await library.store(parsedNote([first[0]!], { sourceName: 'lec3.pdf', contentHash: 'B', title: 'Microsoft Word - lec3.docx' }))).toMatchObject({ kind: 'unchanged', title: 'Lecture 3: cell energy' });
    expect((await library.search('lecture energy')).map((d) => d.id)).toEqual([documentId]);
    // Quotes and punctuation around a word, as a person may type them, are not part of it.
    expect((await library.search('"lecture" energy?')).map((d) => d.id)).toEqual([documentId]);
    // An apostrophe typed straight finds the curly one of the text ("cell’s").
    expect((await library.search("cell's ATP")).map((d) => d.id)).toEqual([documentId]);
    // A note is found by its front matter's aliases, as its links find it.
    const aliased = await library.store({ ...parsedNote(['Cells come from cells.'], { sourceName: 'theory.md', contentHash: 'T', title: 'Schleiden and Schwann' }), aliases: ['Cell Theory'] });
    expect((await library.search('cell theory')).map((d) => d.id)).toEqual([aliased.documentId]);
    // Kept apart from it ("Keep both"), another file of that name is a document with its own title.
    const other = await library.store(parsedNote(['Cells divide by mitosis.'], { sourceName: 'lec3.pdf', contentHash: 'C', title: 'Mitosis' }), { separate: true });
    expect(other).toMatchObject({ kind: 'new', title: 'Mitosis' });
  });

  it('takes the same bytes under a name changed in case only as that name, unchanged otherwise', async () => {
    const { library, db } = setup();
    const { documentId } = await library.store(parsedNote(first, { sourceName: 'Notes/Case.md', contentHash: 'A' }));
    expect(await library.store(parsedNote(first, { sourceName: 'notes/case.md', contentHash: 'A' }))).toMatchObject({ kind: 'unchanged', documentId });
    expect((await db.documents.get(documentId))!.sourceName).toBe('notes/case.md');
  });

  it('refuses an empty or overlong title, changing nothing', async () => {
    const { library } = setup();
    const { documentId } = await library.store(parsedNote(first, { title: 'Cells' }));
    await expect(library.retitle(documentId, ' \n ')).rejects.toMatchObject({ code: 'invalid-payload', message: expect.stringMatching(/needs a title/) });
    await expect(library.retitle(documentId, 'x'.repeat(MAX_TITLE_LENGTH + 1))).rejects.toMatchObject({ code: 'invalid-payload' });
    expect((await library.list())[0]).toMatchObject({ title: 'Cells' });
    expect((await library.list())[0]!.titleByHand).toBeUndefined();
    expect(await library.retitle('gone', 'Anything')).toBeNull();
  });
});

describe('another file with a stored document’s name', () => {
  const otherCourse = ['Supply and demand set the price of a good.', 'A monopoly is a market with one seller.', 'Inflation erodes the value of savings.'];

  it('is found before anything is written, with the cards replacing the document would delete', async () => {
    const { db, library, reviews, now } = setup();
    const { documentId } = await library.store(parsedNote(first, { sourceName: 'lecture1.md', contentHash: 'A', title: 'Cells' }));
    const card = (await db.cards.toArray())[0]!;
    await reviews.answer(card, Rating.Good, now(), 3000, createScheduler({ ...DEFAULT_SCHEDULER_SETTINGS, fuzz: false }));
    const cards = await db.cards.count();
    const conflict = await library.sameNameConflict(parsedNote(otherCourse, { sourceName: 'Lecture1.md', contentHash: 'B' }));
    expect(conflict).toEqual({
      documentId,
      title: 'Cells',
      sourceName: 'lecture1.md',
      importedAt: T0,
      shared: 0,
      stored: 2,
      incoming: 3,
      cardsRemoved: cards,
      reviewedCardsRemoved: 1,
    });
    // A new version of the note, or the same bytes, is not asked about.
    expect(await library.sameNameConflict(parsedNote([...first, 'Lysosomes digest waste.'], { sourceName: 'lecture1.md', contentHash: 'A2' }))).toBeNull();
    expect(await library.sameNameConflict(parsedNote(first, { sourceName: 'lecture1.md', contentHash: 'A' }))).toBeNull();
    expect(await db.documents.count()).toBe(1);
  });

  it('kept beside it, is a document of its own, and each file later updates its own document', async () => {
    const { db, library } = setup();
    const cells = await library.store(parsedNote(first, { sourceName: 'lecture1.md', contentHash: 'A' }));
    const cellCards = await db.cards.count();
    const economics = await library.store(parsedNote(otherCourse, { sourceName: 'lecture1.md', contentHash: 'B' }), { separate: true });
    expect(economics).toMatchObject({ kind: 'new' });
    expect(economics.documentId).not.toBe(cells.documentId);
    expect(await db.cards.where('documentId').equals(cells.documentId).count()).toBe(cellCards);
    // Each file goes back to its own document: unchanged, or a new version of it.
    expect(await library.store(parsedNote(otherCourse, { sourceName: 'lecture1.md', contentHash: 'B' }))).toEqual(expect.objectContaining({ kind: 'unchanged', documentId: economics.documentId }));
    expect(await library.store(parsedNote([first[0]!, 'Lysosomes digest waste.'], { sourceName: 'lecture1.md', contentHash: 'A2' }))).toMatchObject({
      kind: 'updated',
      documentId: cells.documentId,
      kept: 1,
    });
    expect(await library.sameNameConflict(parsedNote([...otherCourse, 'Tariffs are taxes on imports.'], { sourceName: 'lecture1.md', contentHash: 'B2' }))).toBeNull();
    expect(await db.documents.count()).toBe(2);
  });
});

describe('a note imported before with its folder, edited, then imported from a folder inside it or on its own', () => {
  const mendel = ['Mendel crossed pea plants.', 'Dominant traits mask recessive ones.', 'Each parent passes on one allele.', 'Alleles separate when gametes form.', 'Peas have seven traits he studied.'];
  /** The ids the importer names as stored from the file's path seen from another folder. */
  const fromOtherFolders = async (db: FocalDb, sourceName: string) =>
    (await db.documents.toArray()).filter((doc) => sameFileFromAnotherFolder(doc.sourceKey, sourceKeyOf(sourceName))).map((doc) => doc.id);

  it('updates its document, cards kept, under the path it was stored by, and the next import of the whole folder finds it', async () => {
    const { db, library } = setup();
    const { documentId } = await library.store(parsedNote(mendel, { sourceName: 'vault/Biology/Mendel.md', contentHash: 'A' }));
    // The cards of the sentences every version keeps.
    const kept = (await db.cards.toArray()).filter((card) => card.sentence !== mendel[0]).map((card) => card.id);
    // From the subfolder: one more sentence, nearly all the same.
    const subfolder = parsedNote([...mendel, 'Linked genes travel together.'], { sourceName: 'Biology/Mendel.md', contentHash: 'B' });
    const options = { fromOtherFolders: await fromOtherFolders(db, 'Biology/Mendel.md') };
    expect(await library.sameNameConflict(subfolder, options)).toBeNull();
    expect(await library.store(subfolder, options)).toMatchObject({ kind: 'updated', documentId, kept: 5, added: 1 });
    expect(await db.documents.get(documentId)).toMatchObject({ sourceName: 'vault/Biology/Mendel.md', sourceKey: 'vault/biology/mendel.md' });
    // On its own: one sentence less.
    const single = parsedNote([...mendel.slice(1), 'Linked genes travel together.'], { sourceName: 'Mendel.md', contentHash: 'C' });
    expect(await library.store(single, { fromOtherFolders: await fromOtherFolders(db, 'Mendel.md') })).toMatchObject({ kind: 'updated', documentId, kept: 5 });
    const cardsNow = (await db.cards.toArray()).map((card) => card.id);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.every((id) => cardsNow.includes(id))).toBe(true);
    // The whole folder again, edited once more: found by its name.
    expect(await library.store(parsedNote(mendel, { sourceName: 'vault/Biology/Mendel.md', contentHash: 'D' }))).toMatchObject({ kind: 'updated', documentId });
    expect(await db.documents.count()).toBe(1);
  });

  it('asks before taking a file that shares only most of its lines for it: another project’s README from the same template', async () => {
    const { db, library } = setup();
    const template = ['This project follows the house style.', 'Install it with the usual command.', 'Report bugs on the tracker.', 'Run the tests before a change.', 'Write a changelog entry.', 'Ask a maintainer to review.'];
    const alpha = await library.store(parsedNote([...template, 'Alpha renders maps.', 'Alpha reads shapefiles.'], { sourceName: 'vault/alpha/README.md', contentHash: 'A' }));
    const beta = parsedNote([...template, 'Beta sends mail.', 'Beta reads mailboxes.'], { sourceName: 'README.md', contentHash: 'B' });
    const options = { fromOtherFolders: await fromOtherFolders(db, 'README.md') };
    expect(await library.sameNameConflict(beta, options)).toMatchObject({ documentId: alpha.documentId, shared: 6, stored: 8, incoming: 8 });
    // Kept beside it, it is a document of its own; Alpha keeps its text.
    expect(await library.store(beta, { ...options, separate: true })).toMatchObject({ kind: 'new' });
    expect((await db.sentences.where('documentId').equals(alpha.documentId).toArray()).map((s) => s.text)).toContain('Alpha renders maps.');
  });

  it('is a document of its own when it shares little with the note of that name elsewhere, and a longer path takes a shorter one’s place', async () => {
    const { db, library } = setup();
    const history = await library.store(parsedNote(['The Congress of Vienna met in 1815.', 'It redrew the map of Europe.'], { sourceName: 'History/Index.md', contentHash: 'H' }));
    // Another folder's Index.md: another note.
    const maths = await library.store(parsedNote(['A group has an identity element.', 'Every element has an inverse.'], { sourceName: 'Index.md', contentHash: 'M' }), {
      fromOtherFolders: await fromOtherFolders(db, 'Index.md'),
    });
    expect(maths).toMatchObject({ kind: 'new' });
    // "mendel.md" is no later part of "old-mendel.md".
    expect(sameFileFromAnotherFolder('notes/old-mendel.md', 'mendel.md')).toBe(false);
    expect(sameFileFromAnotherFolder('notes/mendel.md', 'mendel.md')).toBe(true);
    // Imported on its own first, then with its folder and edited: the document takes the longer path.
    const genetics = ['Genes sit on chromosomes.', 'Linked genes travel together.', 'Crossing over breaks linkage.', 'Map units measure distance.', 'Genes far apart recombine often.'];
    const single = await library.store(parsedNote(genetics, { sourceName: 'Genetics.md', contentHash: 'G' }));
    const withFolder = parsedNote([...genetics, 'Sex-linked genes sit on X.'], { sourceName: 'vault/Genetics.md', contentHash: 'G2' });
    expect(await library.store(withFolder, { fromOtherFolders: await fromOtherFolders(db, 'vault/Genetics.md') })).toMatchObject({ kind: 'updated', documentId: single.documentId });
    expect(await db.documents.get(single.documentId)).toMatchObject({ sourceName: 'vault/Genetics.md' });
    expect(await db.documents.get(history.documentId)).toMatchObject({ sourceName: 'History/Index.md' });
  });
});

describe('a file read better by a newer Focal', () => {
  it('is updated in place when imported again, every card kept with its history, under the name it was stored by', async () => {
    const { db, library, reviews, now } = setup();
    const { documentId } = await library.store(parsedNote([first[0]!, 'The signi er is distanced from the signi ed.'], { sourceName: 'essay.pdf', contentHash: 'E' }));
    const cards = await db.cards.toArray();
    const reviewed = cards.find((card) => card.sentence.startsWith('The signi er'))!;
    await reviews.answer(reviewed, Rating.Good, now(), 3000, createScheduler({ ...DEFAULT_SCHEDULER_SETTINGS, fuzz: false }));
    // The same bytes, imported again from a copy elsewhere, read by a Focal that reads the ligatures.
    const outcome = await library.store(parsedNote([first[0]!, 'The signifier is distanced from the signified.'], { sourceName: 'copies/essay.pdf', contentHash: 'E' }));
    expect(outcome).toMatchObject({ kind: 'updated', documentId, reread: true, kept: 1, changed: 1, added: 0, removed: 0 });
    expect((await db.sentences.where('documentId').equals(documentId).sortBy('ordinal')).map((s) => s.text)).toEqual([first[0], 'The signifier is distanced from the signified.']);
    for (const card of cards) expect(await db.cards.get(card.id)).toBeDefined();
    // The card of the sentence read anew keeps its history and takes the new wording.
    expect(await db.cards.get(reviewed.id)).toMatchObject({ reps: 1, sentence: 'The signifier is distanced from the signified.' });
    expect((await db.cards.get(reviewed.id))!.prompt).not.toContain('signi er');
    // A card the person edited keeps their wording when its sentence is read anew again.
    await reviews.edit(reviewed.id, 'My own question?', 'My answer', now());
    await library.store(parsedNote([first[0]!, 'The signifier is set apart from the signified.'], { sourceName: 'essay.pdf', contentHash: 'E' }));
    expect(await db.cards.get(reviewed.id)).toMatchObject({ prompt: 'My own question?', answer: 'My answer', reps: 1 });
    expect((await db.documents.get(documentId))!.sourceName).toBe('essay.pdf');
    expect(await library.sameNameConflict(parsedNote(['Entirely other words here.'], { sourceName: 'essay.pdf', contentHash: 'E' }))).toBeNull();
  });
});

describe('where a note’s links and named blocks sit', () => {
  it('is kept with its text, out of the rows the library lists; found for a note stored before it was kept while its text is the same; back with an undone delete', async () => {
    const { db, library } = setup();
    const note = parsedNote(first, { sourceName: 'cells.md', contentHash: 'C' });
    const spans = [{ start: 0, end: 12, target: 'Mitochondria' }];
    const blockAnchors = [{ id: 'atp', start: 0 }];
    const marked = { ...note, linkSpans: spans, blockAnchors };
    const { documentId } = await library.store(marked);
    expect(await db.documentTexts.get(documentId)).toEqual({ documentId, text: note.text, linkSpans: spans, blockAnchors });
    expect(await db.documents.get(documentId)).not.toHaveProperty('linkSpans');
    expect(await library.open(documentId)).toMatchObject({ linkSpans: spans, blockAnchors });
    // Stored by an older Focal, without them: the same bytes imported again add them.
    const older = async () => {
      await db.documents.update(documentId, { readBy: 'an older build' });
      await db.documentTexts.put({ documentId, text: note.text });
    };
    await older();
    expect(await library.store(marked)).toMatchObject({ kind: 'unchanged' });
    expect(await db.documentTexts.get(documentId)).toMatchObject({ linkSpans: spans, blockAnchors });
    // Unless this Focal lays the same sentences out in another text: its offsets would point elsewhere in the stored one.
    await older();
    expect(await library.store({ ...note, text: `  ${note.text}`, linkSpans: [{ start: 2, end: 14, target: 'Mitochondria' }] })).toMatchObject({ kind: 'unchanged' });
    expect(await db.documentTexts.get(documentId)).toEqual({ documentId, text: note.text });
    // Deleted and brought back: its links and blocks come back with its text.
    await older();
    await library.store(marked);
    const deleted = (await library.delete(documentId))!;
    expect(deleted).toMatchObject({ linkSpans: spans, blockAnchors });
    await library.restore(deleted);
    expect(await library.open(documentId)).toMatchObject({ linkSpans: spans, blockAnchors });
  });
});

describe('searching the library', () => {
  it('searches a document’s text as it is now, after it was stored again, deleted or put back', async () => {
    const { library, tick } = setup();
    const { documentId } = await library.store(parsedNote(['Glycolysis splits glucose.'], { contentHash: 'A' }));
    expect((await library.search('glycolysis')).map((d) => d.id)).toEqual([documentId]);
    tick(1);
    await library.store(parsedNote(['The Krebs cycle oxidises acetyl groups.'], { contentHash: 'B' }));
    expect(await library.search('glycolysis')).toEqual([]);
    expect((await library.search('krebs')).map((d) => d.id)).toEqual([documentId]);
    expect((await library.sentenceMatches([documentId], 'krebs')).get(documentId)?.text).toBe('The Krebs cycle oxidises acetyl groups.');
    const deleted = (await library.delete(documentId))!;
    expect(await library.search('krebs')).toEqual([]);
    await library.restore(deleted);
    expect((await library.search('krebs')).map((d) => d.id)).toEqual([documentId]);
  });

  it('matches "#tag" to a tag and its sub-tags only, and plain words anywhere', async () => {
    const { library } = setup();
    await library.store({ ...parsedNote(first, { sourceName: 'a.md', contentHash: 'A', title: 'Cells' }), tags: ['exam', 'biology/cells'] });
    await library.store({ ...parsedNote(['For example, an exam question.'], { sourceName: 'b.md', contentHash: 'B', title: 'Examples' }), tags: ['examples'] });
    const titles = async (query: string) => (await library.search(query)).map((d) => d.title).sort();
    expect(await titles('#exam')).toEqual(['Cells']);
    expect(await titles('#biology')).toEqual(['Cells']);
    expect(await titles('#Biology/Cells')).toEqual(['Cells']);
    expect(await titles('exam')).toEqual(['Cells', 'Examples']);
  });

  it('finds words whatever their accents, and whichever way an accent is encoded', async () => {
    const { library } = setup();
    await library.store(parsedNote(['The café sells crème brûlée.'], { sourceName: 'Café.md', contentHash: 'A', title: 'Café' }));
    await library.store(parsedNote(['Ο Περικλής ήταν Αθηναίος πολιτικός.'], { sourceName: 'greek.md', contentHash: 'B', title: 'Ελληνική ιστορία' }));
    const titles = async (query: string) => (await library.search(query)).map((d) => d.title).sort();
    expect(await titles('cafe')).toEqual(['Café']);
    expect(await titles('cafe\u0301')).toEqual(['Café']);
    expect(await titles('CREME brulee')).toEqual(['Café']);
    expect(await titles('περικλης')).toEqual(['Ελληνική ιστορία']);
    expect(await titles('ελληνικη')).toEqual(['Ελληνική ιστορία']);
  });

  it('matches words by their start, not inside other words, and lists documents named by the query first', async () => {
    const { library } = setup();
    await library.store(parsedNote(['The miners were toiling underground.'], { sourceName: 'mines.md', contentHash: 'M', title: 'Mines' }));
    await library.store(parsedNote(['Crude prices rose as demand grew.', 'Oilfield output fell.'], { sourceName: 'markets.md', contentHash: 'K', title: 'Markets' }));
    await library.store(parsedNote(['Prices rose.'], { sourceName: 'rally.md', contentHash: 'R', title: 'Strong demand triggers oil rally' }));
    const titles = async (query: string) => (await library.search(query)).map((d) => d.title);
    expect(await titles('oil')).toEqual(['Strong demand triggers oil rally', 'Markets']);
    expect(await titles('toil')).toEqual(['Mines']);
    expect(hasWordStarting('co-operation works', 'operation')).toBe(true);
    expect(hasWordStarting('東京は日本の首都', '日本')).toBe(true);
    expect(hasWordStarting('ประเทศไทยมีประชากรมาก', 'ไทย')).toBe(true);
    expect(hasWordStarting('a (b) c+d', 'c+d')).toBe(true);
  });

  it('finds the sentence each document matched at: one with every word, else one with any', async () => {
    const { library } = setup();
    const { documentId } = await library.store(parsedNote(['Mitochondria make ATP.', 'The café near the lab sells crème brûlée.', 'Crème fraîche is not brûlée.'], { sourceName: 'a.md', contentHash: 'A' }));
    const other = await library.store(parsedNote(['Brulee is burnt cream.'], { sourceName: 'b.md', contentHash: 'B', title: 'Desserts' }));
    const matches = await library.sentenceMatches([documentId, other.documentId], 'creme BRULEE #food');
    expect(matches.get(documentId)?.text).toBe('The café near the lab sells crème brûlée.');
    expect(matches.get(other.documentId)?.text).toBe('Brulee is burnt cream.');
    expect((await library.sentenceMatches([documentId], '#food')).size).toBe(0);
  });
});

describe('importing makes cards, in the same transaction', () => {
  it('updates a note edited to read like another note, and stores a copy under another name once', async () => {
    const { db, library } = setup();
    await library.store(parsedNote(first, { sourceName: 'a.md', contentHash: 'A' }));
    const b = await library.store(parsedNote(['Lysosomes digest waste.'], { sourceName: 'b.md', contentHash: 'B' }));
    // b.md now holds exactly a.md's text: b.md's own document takes it.
    expect(await library.store(parsedNote(first, { sourceName: 'b.md', contentHash: 'A' }))).toMatchObject({ kind: 'updated', documentId: b.documentId });
    expect((await db.sentences.where('documentId').equals(b.documentId).sortBy('ordinal')).map((s) => s.text)).toEqual(first);
    // The same bytes under a new name are not stored again, and the report can say which file they match.
    // (Both a.md and b.md hold those bytes now; either is the one it matches.)
    expect(await library.store(parsedNote(first, { sourceName: 'copy/a.md', contentHash: 'A' }))).toMatchObject({ kind: 'unchanged', sameAs: expect.stringMatching(/^[ab]\.md$/) });
    expect(await db.documents.count()).toBe(2);
  });

  it('turns the key sentences of a new document into new cards', async () => {
    const { db, library } = setup();
    const outcome = await library.store(document(first, 'v1'));
    expect(outcome).toMatchObject({ kind: 'new', sentences: 2 });
    const cards = await db.cards.toArray();
    expect(cards.length).toBeGreaterThanOrEqual(2);
    expect(cards.every((card) => card.state === 'new' && !card.suspended)).toBe(true);
    expect(cards.some((card) => card.prompt.includes('[…]') && card.answer.toLowerCase() === 'mitochondria')).toBe(true);
  });

  it('keeps a surviving sentence’s card and its history on re-import, and drops the card of a removed sentence', async () => {
    const { db, library, reviews, now } = setup();
    await library.store(document(first, 'v1'));
    const mitochondria = (await db.cards.toArray()).find((card) => card.answer.toLowerCase() === 'mitochondria')!;
    const scheduler = createScheduler({ ...DEFAULT_SCHEDULER_SETTINGS, fuzz: false });
    const answered = await reviews.answer(mitochondria, Rating.Good, now(), 3000, scheduler);

    const outcome = await library.store(document([first[0]!, 'Lysosomes digest waste.'], 'v2'));
    expect(outcome).toMatchObject({ kind: 'updated', kept: 1, added: 1, removed: 1 });
    const after = await db.cards.get(mitochondria.id);
    expect(after).toMatchObject({ state: answered.card.state, due: answered.card.due, reps: 1 });
    expect((await db.cards.toArray()).some((card) => card.sentence.startsWith('Ribosomes'))).toBe(false);
    expect(await db.reviewLog.count()).toBe(1);
  });

  it('keeps the card of a sentence edited a little, with its history, in the new wording, and says when reviewed cards go', async () => {
    const { db, library, reviews, now } = setup();
    await library.store(document(first, 'v1'));
    const scheduler = createScheduler({ ...DEFAULT_SCHEDULER_SETTINGS, fuzz: false });
    for (const card of await db.cards.toArray()) await reviews.answer(card, Rating.Good, now(), 3000, scheduler);
    const ribosomes = (await db.cards.toArray()).find((card) => card.sentence.startsWith('Ribosomes'))!;

    // The first sentence rewritten, the second with a typo fixed and a clause added.
    const outcome = await library.store(document(['Lysosomes digest the cell’s waste.', 'Ribosomes build proteins from amino acids, reading messenger RNA.'], 'v2'));
    expect(outcome).toMatchObject({ kind: 'updated', kept: 0, edited: 1, added: 1, removed: 1, reviewedCardsRemoved: 1 });
    const after = (await db.cards.get(ribosomes.id))!;
    expect(after).toMatchObject({ reps: 1, sentence: 'Ribosomes build proteins from amino acids, reading messenger RNA.' });
    expect(after.prompt).toContain('reading messenger RNA');
  });

  it('says when a card the person edited, never answered, goes with its rewritten sentence', async () => {
    const { db, library, reviews, now } = setup();
    await library.store(document(first, 'v1'));
    const mitochondria = (await db.cards.toArray()).find((card) => card.sentence.startsWith('Mitochondria'))!;
    await reviews.edit(mitochondria.id, 'Which organelle makes ATP?', 'The mitochondrion', now());
    const outcome = await library.store(document(['Lysosomes digest the cell’s waste.', first[1]!], 'v2'));
    expect(outcome).toMatchObject({ kind: 'updated', editedCardsRemoved: 1 });
    expect(outcome).not.toHaveProperty('reviewedCardsRemoved');
  });

  it('gives a kept card the sentence now before it as its lead-in, when the one before was rewritten', async () => {
    const { db, library } = setup();
    const v1 = ['Mitochondria are the power plants of the cell.', 'They make most of the cell’s ATP from glucose.'];
    await library.store(document(v1, 'v1'));
    const they = (await db.cards.toArray()).filter((card) => card.sentence.startsWith('They'));
    expect(they.length).toBeGreaterThan(0);
    expect(they.every((card) => card.leadIn === v1[0])).toBe(true);

    await library.store(document(['Chloroplasts capture light energy in plant cells.', v1[1]!], 'v2'));
    const after = await db.cards.bulkGet(they.map((card) => card.id));
    expect(after.map((card) => card?.leadIn)).toEqual(they.map(() => 'Chloroplasts capture light energy in plant cells.'));
  });

  it('lists a document’s cards in reading order, whatever ids they got', async () => {
    const db = new FocalDb(`repositories-${Math.random()}`);
    let n = 1000;
    const newId = () => `id-${--n}`; // each id sorts before the one made before it
    const library = new LibraryRepository(db, newId, () => T0);
    const { documentId } = await library.store(document([...first, 'Lysosomes digest waste.'], 'v1'));
    const cards = await new ReviewRepository(db, newId).cardsOfDocument(documentId);
    expect(cards.length).toBeGreaterThanOrEqual(3);
    expect([...new Set(cards.map((card) => card.sentence))]).toEqual([...first, 'Lysosomes digest waste.']);
  });

  it('deletes a document’s cards and what the person did with its sentences with it, and undo brings them back', async () => {
    const { db, library, reviews, now } = setup();
    const { documentId } = await library.store(document(first, 'v1'));
    const other = await library.store(parsedNote(['Photosynthesis turns light into sugar.', 'Chlorophyll absorbs red and blue light.'], { sourceName: 'plants.md', contentHash: 'P' }));
    const card = (await db.cards.where('documentId').equals(documentId).toArray())[0]!;
    await reviews.delete(card.id, now());
    const otherCard = (await db.cards.where('documentId').equals(other.documentId).toArray())[0]!;
    await reviews.delete(otherCard.id, now());
    const feedback = await db.feedback.where('documentId').equals(documentId).toArray();
    expect(feedback).toHaveLength(1);
    const count = await db.cards.count();
    const deleted = await library.delete(documentId);
    expect(await db.cards.where('documentId').equals(documentId).count()).toBe(0);
    // A retrain no longer counts what was done with its sentences: the record count says something was taken back.
    expect((await db.feedback.toArray()).map((f) => f.documentId)).toEqual([other.documentId]);
    await library.restore(deleted!);
    expect(await db.cards.count()).toBe(count);
    expect(await db.feedback.where('documentId').equals(documentId).toArray()).toEqual(feedback);
  });
});

describe('telling other windows', () => {
  it('tells once after each write that commits, and not for reads or a write refused', async () => {
    const { db, library, now } = setup();
    let told = 0;
    let n = 0;
    const reviews = new ReviewRepository(db, () => `r-${++n}`, () => told++);
    await library.store(document(first, 'v1'));
    const [card] = await db.cards.toArray();
    const scheduler = createScheduler({ ...DEFAULT_SCHEDULER_SETTINGS, fuzz: false });
    await reviews.queueCards();
    await reviews.logOf(card!.id);
    expect(told).toBe(0);
    const { card: answered } = await reviews.answer(card!, Rating.Good, now(), 2000, scheduler);
    await reviews.bury(card!.id, now() + DAY);
    await reviews.edit(card!.id, 'New prompt', answered.answer, now());
    expect(told).toBe(3);
    await reviews.delete(card!.id, now());
    expect(told).toBe(4);
    await expect(reviews.answer(answered, Rating.Good, now(), 2000, scheduler)).rejects.toThrow('deleted');
    expect(told).toBe(4);
  });
});

describe('answering and undoing', () => {
  it('writes the card and its log entry together, and the log rebuilds the stored state', async () => {
    const { db, library, reviews, tick, now } = setup();
    await library.store(document(first, 'v1'));
    const scheduler = createScheduler({ ...DEFAULT_SCHEDULER_SETTINGS, fuzz: false });
    let card = (await db.cards.toArray())[0]!;
    for (const rating of [Rating.Good, Rating.Good, Rating.Again, Rating.Good, Rating.Easy]) {
      card = (await reviews.answer(card, rating, now(), 2000, scheduler)).card;
      tick(3 * DAY);
    }
    const rebuilt = rebuildCardState(card.id, await reviews.logOf(card.id), { ...DEFAULT_SCHEDULER_SETTINGS, fuzz: false });
    expect(rebuilt).toEqual(expect.objectContaining({ state: card.state, due: card.due, stability: card.stability, reps: 5 }));
  });

  it('recomputes each studied card’s memory under new parameters from its log, keeping due dates and new cards as they were', async () => {
    const { db, library, reviews, tick, now } = setup();
    await library.store(document(first, 'v1'));
    const settings = { ...DEFAULT_SCHEDULER_SETTINGS, fuzz: false };
    const scheduler = createScheduler(settings);
    const [studied, ...rest] = await db.cards.toArray();
    let card = studied!;
    for (const rating of [Rating.Good, Rating.Good, Rating.Again, Rating.Good]) {
      card = (await reviews.answer(card, rating, now(), 2000, scheduler)).card;
      tick(3 * DAY);
    }
    // The weights in use give back the memory the answers left: nothing to change.
    expect(await reviews.rememberUnder(scheduler.weights, settings)).toBe(0);
    // Other weights (a first interval much longer after Good) give the card other memory, and only that card.
    const weights = [...scheduler.weights];
    weights[2] = weights[2]! * 4;
    expect(await reviews.rememberUnder(weights, settings)).toBe(1);
    const after = (await db.cards.get(card.id))!;
    expect(after.stability).toBeGreaterThan(card.stability);
    expect({ ...after, stability: card.stability, difficulty: card.difficulty }).toEqual(card);
    expect(await db.cards.bulkGet(rest.map((c) => c.id))).toEqual(rest);
  });

  it('undo restores the exact earlier state and appends a marker instead of rewriting the log', async () => {
    const { db, library, reviews, now } = setup();
    await library.store(document(first, 'v1'));
    const scheduler = createScheduler({ ...DEFAULT_SCHEDULER_SETTINGS, fuzz: false });
    const before = (await db.cards.toArray())[0]!;
    const { entry } = await reviews.answer(before, Rating.Good, now(), 2000, scheduler);
    const undone = await reviews.undo(pushAnswer(emptyUndoStack(), entry), now());
    expect(undone.card).toEqual(before);
    expect(await db.cards.get(before.id)).toEqual(before);
    expect((await db.reviewLog.toArray()).map((row) => row.kind)).toEqual(['review', 'undo']);
    expect((await reviews.undo(undone.stack, now())).card).toBeNull();
  });
});

describe('resetting cards (Anki’s "Forget")', () => {
  it('makes studied cards new again with a log entry each, leaves new ones alone, and undo restores them unless answered since', async () => {
    const { db, library, reviews, tick, now } = setup();
    await library.store(document([...first, 'Chloroplasts capture light energy for photosynthesis.'], 'v1'));
    const settings = { ...DEFAULT_SCHEDULER_SETTINGS, fuzz: false };
    const scheduler = createScheduler(settings);
    const [a, b, fresh] = await db.cards.toArray();
    let cardA = a!;
    let cardB = b!;
    for (const rating of [Rating.Good, Rating.Good, Rating.Again]) {
      cardA = (await reviews.answer(cardA, rating, now(), 2000, scheduler)).card;
      cardB = (await reviews.answer(cardB, rating, now(), 2000, scheduler)).card;
      tick(2 * DAY);
    }
    const entries = await reviews.resetMany([cardA.id, cardB.id, fresh!.id], now());
    expect(entries.map((entry) => entry.cardId)).toEqual([cardA.id, cardB.id]);
    const resetA = (await db.cards.get(cardA.id))!;
    expect(resetA).toEqual({ ...cardA, state: 'new', due: now(), stability: 0, difficulty: 0, scheduledDays: 0, learningSteps: 0, lastReview: null });
    expect(await db.cards.get(fresh!.id)).toEqual(fresh);
    expect(rebuildCardState(cardA.id, await reviews.logOf(cardA.id), settings)).toEqual(expect.objectContaining({ state: 'new', due: now() }));
    // Answered after the reset, B keeps its new learning; A comes back as it was.
    tick(60_000);
    await reviews.answer((await db.cards.get(cardB.id))!, Rating.Good, now(), 2000, scheduler);
    const learning = (await db.cards.get(cardB.id))!;
    expect(await reviews.undoResets(entries, now())).toEqual({ restored: 1, changedSince: 1 });
    expect(await db.cards.get(cardA.id)).toEqual(cardA);
    expect(await db.cards.get(cardB.id)).toEqual(learning);
    expect(rebuildCardState(cardA.id, await reviews.logOf(cardA.id), settings)).toEqual(expect.objectContaining({ state: cardA.state, due: cardA.due, stability: cardA.stability }));
    expect((await reviews.logOf(cardA.id)).map((row) => row.kind)).toEqual(['review', 'review', 'review', 'reset', 'undo']);
  });
});

describe('suspending', () => {
  it('records a suspension for the model, and unsuspending takes that record back', async () => {
    const { db, library, reviews, now } = setup();
    await library.store(document(first, 'v1'));
    const card = (await db.cards.toArray())[0]!;
    await reviews.setSuspended(card.id, true, now());
    expect((await db.feedback.toArray()).map((f) => [f.kind, f.sentenceId])).toEqual([['card-suspended', card.sentenceId]]);
    await reviews.setSuspended(card.id, false, now());
    expect(await db.feedback.count()).toBe(0);
    expect((await db.cards.get(card.id))!.suspended).toBe(false);
  });
});

describe('what deleting, suspending and making cards again tells the model', () => {
  const defined = ['The plasma membrane is a lipid bilayer that surrounds every cell.', 'Ribosomes build proteins from amino acids.'];
  const twoCardSentence = async (db: FocalDb) => {
    const cards = await db.cards.toArray();
    const sentenceId = cards.map((card) => card.sentenceId).find((id) => cards.filter((card) => card.sentenceId === id).length === 2);
    expect(sentenceId, 'a definition makes a question and a fill-in-the-blank').toBeDefined();
    return cards.filter((card) => card.sentenceId === sentenceId);
  };

  it('records a delete or a suspension only when the sentence has no other card in study', async () => {
    const { db, library, reviews, now } = setup();
    await library.store(parsedNote(defined, { contentHash: 'v1', concepts: ['plasma membrane', 'ribosomes'] }));
    const [cloze, question] = await twoCardSentence(db);
    // The question kept, the fill-in-the-blank deleted: a choice of form, not a verdict on the sentence.
    const deleted = await reviews.delete(cloze!.id, now());
    expect(deleted!.feedbackId).toBeNull();
    expect(await db.feedback.count()).toBe(0);
    expect(await reviews.undoDelete(deleted!.card, deleted!.feedbackId)).toBe('restored');
    await reviews.setSuspended(cloze!.id, true, now());
    expect(await db.feedback.count()).toBe(0);
    await reviews.setSuspended(question!.id, true, now());
    expect((await db.feedback.toArray()).map((f) => f.kind)).toEqual(['card-suspended']);
    await reviews.setSuspended(question!.id, false, now());
    expect(await db.feedback.count()).toBe(0);
    await reviews.delete(cloze!.id, now());
    const last = await reviews.delete(question!.id, now());
    expect((await db.feedback.toArray()).map((f) => [f.kind, f.id])).toEqual([['card-deleted', last!.feedbackId]]);
  });

  it('records deleting the last card in study even when another card of the sentence is set aside', async () => {
    const { db, library, reviews, now } = setup();
    await library.store(parsedNote(defined, { contentHash: 'v1', concepts: ['plasma membrane', 'ribosomes'] }));
    const [cloze, question] = await twoCardSentence(db);
    await reviews.setSuspended(cloze!.id, true, now());
    expect(await db.feedback.count()).toBe(0);
    await reviews.delete(question!.id, now());
    expect((await db.feedback.toArray()).map((f) => f.kind)).toEqual(['card-deleted']);
  });

  it('records for a selection what the same actions one card at a time would (the card browser)', async () => {
    // Twin libraries: one acted on a selection at a time, the other card by card, in the same order.
    const twins = await Promise.all([0, 1].map(async () => {
      const twin = setup();
      await twin.library.store(parsedNote(defined, { contentHash: 'v1', concepts: ['plasma membrane', 'ribosomes'] }));
      return twin;
    }));
    const [batch, single] = twins as [ReturnType<typeof setup>, ReturnType<typeof setup>];
    const cards = (await batch.db.cards.toArray()).sort((a, b) => a.key.localeCompare(b.key));
    expect(cards.length).toBeGreaterThanOrEqual(3);
    const ids = cards.map((card) => card.id);
    const records = async (db: FocalDb) => (await db.feedback.toArray()).map((f) => `${f.kind} ${f.sentenceId}`).sort();
    const same = async () => {
      expect(await batch.db.cards.toArray()).toEqual(await single.db.cards.toArray());
      expect(await records(batch.db)).toEqual(await records(single.db));
    };
    const steps: Array<[boolean, string[]]> = [[true, [ids[0]!]], [true, ids], [false, [ids[1]!, ids[0]!]], [false, ids], [true, ids.slice(1)]];
    for (const [suspended, selection] of steps) {
      await batch.reviews.setSuspendedMany(selection, suspended, T0);
      for (const id of selection) await single.reviews.setSuspended(id, suspended, T0);
      await same();
    }
    await batch.reviews.setSuspendedMany(ids, false, T0);
    for (const id of ids) await single.reviews.setSuspended(id, false, T0);
    const deleted = await batch.reviews.deleteMany(ids, T0);
    const deletedOneByOne = [];
    for (const id of ids) deletedOneByOne.push((await single.reviews.delete(id, T0))!);
    await same();
    expect(deleted.map((d) => d.feedbackId !== null)).toEqual(deletedOneByOne.map((d) => d.feedbackId !== null));
    expect(await batch.reviews.undoDeleteMany(deleted)).toEqual(deleted.map(() => 'restored'));
    for (const d of [...deletedOneByOne].reverse()) await single.reviews.undoDelete(d.card, d.feedbackId);
    await same();
    expect(await batch.db.feedback.count()).toBe(0);
  });

  it('takes back a delete or a dismissal when the person makes the sentence’s card again', async () => {
    const { db, library, reviews, now, tick } = setup();
    const { documentId } = await library.store(document(defined, 'v1'));
    const cards = await db.cards.toArray();
    const sentenceId = cards[0]!.sentenceId;
    for (const card of cards.filter((card) => card.sentenceId === sentenceId)) await reviews.delete(card.id, now());
    expect((await db.feedback.toArray()).map((f) => f.kind)).toEqual(['card-deleted']);
    tick(DAY);
    expect((await reviews.makeFromSentence(documentId, sentenceId, now())).length).toBeGreaterThan(0);
    // The model chose it, the person deleted its card and then wanted it after all: kept, as a suggestion accepted.
    expect((await db.feedback.toArray()).map((f) => f.kind)).toEqual(['candidate-accepted']);
    await db.feedback.clear();

    // A suggestion passed over, then made from the reader: the dismissal goes; a sentence the model did not choose is made by hand.
    const other = cards.find((card) => card.sentenceId !== sentenceId)!.sentenceId;
    await db.cards.where('sentenceId').equals(other).delete();
    await db.sentences.update(other, { selected: false });
    await reviews.answerCandidate(documentId, other, false, now());
    expect((await db.feedback.toArray()).map((f) => f.kind)).toEqual(['candidate-dismissed']);
    await reviews.makeFromSentence(documentId, other, now());
    expect((await db.feedback.toArray()).map((f) => [f.kind, f.sentenceId])).toEqual([['card-made-by-hand', other]]);
  });

  it('records a suggested sentence made into a card from the reader as a suggestion accepted, once', async () => {
    const { db, library, reviews, now } = setup();
    const { documentId } = await library.store(document(defined, 'v1'));
    // A key sentence of the retrained model with no card yet: what the suggestions list offers.
    const sentenceId = (await db.cards.toArray())[0]!.sentenceId;
    await db.cards.where('sentenceId').equals(sentenceId).delete();
    expect((await reviews.makeFromSentence(documentId, sentenceId, now())).length).toBeGreaterThan(0);
    expect((await db.feedback.toArray()).map((f) => [f.kind, f.sentenceId])).toEqual([['candidate-accepted', sentenceId]]);
    // Accepted in the list, it is recorded once too, not also as made.
    const other = (await db.cards.toArray()).find((card) => card.sentenceId !== sentenceId)!.sentenceId;
    await db.cards.where('sentenceId').equals(other).delete();
    await reviews.answerCandidate(documentId, other, true, now());
    expect((await db.feedback.where('sentenceId').equals(other).toArray()).map((f) => f.kind)).toEqual(['candidate-accepted']);
  });

  it('undoes an answer to a suggestion: its cards go and the sentence’s records are as before, unless a card was reviewed', async () => {
    const { db, library, reviews, now } = setup();
    const { documentId } = await library.store(document(defined, 'v1'));
    const sentenceId = (await db.cards.toArray())[0]!.sentenceId;
    await db.cards.where('sentenceId').equals(sentenceId).delete();
    await reviews.answerCandidate(documentId, sentenceId, false, now());
    const records = await db.feedback.toArray();
    // Made after being passed over: the pass is withdrawn, a card made and the acceptance recorded; undo puts the pass back.
    const accepted = await reviews.answerCandidate(documentId, sentenceId, true, now());
    expect(accepted.cards.length).toBeGreaterThan(0);
    expect((await db.feedback.toArray()).map((f) => f.kind)).toEqual(['candidate-accepted']);
    expect(await reviews.undoCandidateAnswer(accepted)).toBe(true);
    expect(await db.cards.where('sentenceId').equals(sentenceId).count()).toBe(0);
    expect(await db.feedback.toArray()).toEqual(records);
    // A card it made that has been reviewed keeps its history: the undo is refused and changes nothing.
    const again = await reviews.answerCandidate(documentId, sentenceId, true, now());
    await db.cards.update(again.cards[0]!.id, { reps: 1 });
    expect(await reviews.undoCandidateAnswer(again)).toBe(false);
    expect(await db.cards.where('sentenceId').equals(sentenceId).count()).toBe(again.cards.length);
  });

  it('refuses to accept a suggestion no card can be made of, and records nothing', async () => {
    const { db, library, reviews, now } = setup();
    const { documentId } = await library.store(document([...defined, '" said Calder.'], 'v1'));
    const fragment = (await db.sentences.toArray()).find((s) => s.text === '" said Calder.')!;
    const records = await db.feedback.count();
    await expect(reviews.answerCandidate(documentId, fragment.id, true, now())).rejects.toMatchObject({ code: 'empty' });
    expect(await db.feedback.count()).toBe(records);
    expect(await db.cards.where('sentenceId').equals(fragment.id).count()).toBe(0);
    // Accepted twice (a double click): the second says the card is there, and records nothing more.
    const sentenceId = (await db.cards.toArray())[0]!.sentenceId;
    await db.cards.where('sentenceId').equals(sentenceId).delete();
    await reviews.answerCandidate(documentId, sentenceId, true, now());
    const after = await db.feedback.count();
    await expect(reviews.answerCandidate(documentId, sentenceId, true, now())).rejects.toMatchObject({ message: 'This sentence has a card already.' });
    expect(await db.feedback.count()).toBe(after);
  });
});

describe('a review session', () => {
  it('answers a card once even when the key is pressed again before the first answer is saved', async () => {
    const { db, library, reviews, now } = setup();
    await library.store(document(first, 'v1'));
    const { ReviewSession } = await import('../state/review-session.svelte');
    const { ScheduleSettings } = await import('../state/schedule-settings.svelte');
    const { SettingsRepository } = await import('./settings-repository');
    const session = new ReviewSession(reviews, new ScheduleSettings(new SettingsRepository(db), () => 'x'), now);
    await session.start();
    session.reveal();
    await Promise.all([session.answer(3), session.answer(3)]);
    expect(await db.reviewLog.count()).toBe(1);
    expect(session.summary.reviewed).toBe(1);
  });
});
