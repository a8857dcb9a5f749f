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
