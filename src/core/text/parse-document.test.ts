import { describe, expect, it } from 'vitest';
import { FocalError } from '../../shared/errors';
import { namingTheFile, parseDocument } from './parse-document';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('import errors name the file', () => {
  it('names a fake PDF and keeps the PDF library’s own wording out of the message', async () => {
    const outcome = parseDocument({ name: 'notes/fake.pdf', bytes: bytes('%PDF-1.4 this is not a pdf') });
    await expect(outcome).rejects.toMatchObject({
      code: 'malformed',
      message: '“fake.pdf” is not a readable PDF: it is damaged, truncated or not a PDF at all.',
    });
  });

  it('names a note with nothing to study', async () => {
    await expect(parseDocument({ name: 'blank.md', bytes: bytes('```\ncode\n```\n') })).rejects.toMatchObject({
      code: 'empty',
      message: '“blank.md” has no text to study.',
    });
  });

  it('leaves messages that do not speak of the file, and password prompts, as they are', () => {
    const cancelled = new FocalError('cancelled', 'Import cancelled.');
    expect(namingTheFile(cancelled, 'a.pdf')).toBe(cancelled);
    const locked = new FocalError('encrypted', 'This PDF is protected by a password. Enter its password to import it.');
    expect(namingTheFile(locked, 'a.pdf')).toBe(locked);
  });
});

describe('an empty file in a folder', () => {
  it('is named by its file name, not its path', async () => {
    await expect(parseDocument({ name: 'vault/sub/empty.md', bytes: new Uint8Array() })).rejects.toMatchObject({ code: 'empty', message: '“empty.md” is an empty file.' });
  });
});

describe('links in the stored text', () => {
  it('point at the words each link shows, through list markers, table pipes and code around them', async () => {
    const note = '# Cells\n\nSee [[Mitochondria|the mitochondria]].\n\n```\n[[not a link]]\n```\n\n- Item on [[Nucleus]]\n  - nested [DNA](dna.md)\n\n| Term | Note |\n|---|---|\n| [[Osmosis]] | water |\n';
    const doc = await parseDocument({ name: 'vault/cells.md', bytes: new TextEncoder().encode(note) });
    expect(doc.linkSpans?.map((link) => [doc.text.slice(link.start, link.end), link.target])).toEqual([
      ['the mitochondria', 'Mitochondria'],
      ['Nucleus', 'Nucleus'],
      ['DNA', 'dna'],
      ['Osmosis', 'Osmosis'],
    ]);
    // Each inside its sentence, as the reader draws it.
    for (const link of doc.linkSpans!) expect(doc.sentences.some((s) => s.start <= link.start && link.end <= s.end)).toBe(true);
  });

  it('are absent from a document that has none', async () => {
    const doc = await parseDocument({ name: 'plain.md', bytes: new TextEncoder().encode('No links here.\n') });
    expect(doc).not.toHaveProperty('linkSpans');
    expect(doc).not.toHaveProperty('blockAnchors');
  });

  it('mark where each named block starts: at its first sentence, past a list marker or table pipe', async () => {
    const note = '# Cells\n\nMitochondria make ATP. They have DNA. ^atp\n\n- Nucleus holds DNA. ^nucleus\n\n| Organelle | Job |\n|---|---|\n| Golgi | Sorting |\n\n^table\n';
    const doc = await parseDocument({ name: 'cells.md', bytes: new TextEncoder().encode(note) });
    expect(doc.blockAnchors?.map((anchor) => [anchor.id, doc.sentences.find((s) => s.start === anchor.start)?.text])).toEqual([
      ['atp', 'Mitochondria make ATP.'],
      ['nucleus', 'Nucleus holds DNA.'],
      ['table', 'Organelle | Job'],
    ]);
    expect(doc.text).not.toContain('^');
  });
});
