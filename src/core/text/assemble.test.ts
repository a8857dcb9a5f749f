import { describe, expect, it } from 'vitest';
import { FocalError } from '../../shared/errors';
import { assembleDocument } from './assemble';
import { sentenceHash } from './sentence-hash';
import type { SourceDocument } from './source';

const file = { sourceName: 'notes/biology_week1.md', byteSize: 100, contentHash: 'abc' };

function source(blocks: SourceDocument['blocks'], over: Partial<SourceDocument> = {}): SourceDocument {
  return { format: 'markdown', title: null, blocks, links: [], tags: [], pageCount: null, warnings: [], ...over };
}

describe('assembling a document', () => {
  it('builds section paths from heading levels and places each sentence under its section', () => {
    const doc = assembleDocument(
      source([
        { kind: 'heading', text: 'Biology', level: 1 },
        { kind: 'heading', text: 'Cells', level: 2 },
        { kind: 'paragraph', text: 'Cells divide. They grow.' },
        { kind: 'heading', text: 'Plants', level: 2 },
        { kind: 'list-item', text: 'Plants photosynthesise.' },
        { kind: 'heading', text: 'Chemistry', level: 1 },
        { kind: 'paragraph', text: 'Atoms bond.' },
      ]),
      file,
    );
    expect(doc.title).toBe('Biology');
    expect(doc.sections.map((s) => s.path)).toEqual([['Biology'], ['Biology', 'Cells'], ['Biology', 'Plants'], ['Chemistry']]);
    expect(doc.sentences.map((s) => [s.text, s.section.join(' › ')])).toEqual([
      ['Cells divide.', 'Biology › Cells'],
      ['They grow.', 'Biology › Cells'],
      ['Plants photosynthesise.', 'Biology › Plants'],
      ['Atoms bond.', 'Chemistry'],
    ]);
  });

  it('keeps an entry of a reference list whole, as one sentence, where full stops would cut its title loose', () => {
    const entry = 'Smith, J., & Jones, K. (2010). The cell cycle and its checkpoints. Nature Reviews, 12(3), 45–67.';
    const doc = assembleDocument(source([{ kind: 'paragraph', text: 'Cells divide. They grow.' }, { kind: 'list-item', text: entry }]), file);
    expect(doc.sentences.map((s) => s.text)).toEqual(['Cells divide.', 'They grow.', entry]);
    for (const s of doc.sentences) expect(doc.text.slice(s.start, s.end)).toBe(s.text);
  });

  it('gives offsets that point at each sentence and heading in the text', () => {
    const doc = assembleDocument(source([{ kind: 'heading', text: 'Cells', level: 1 }, { kind: 'paragraph', text: 'Cells divide. They grow.' }]), file);
    for (const s of doc.sentences) expect(doc.text.slice(s.start, s.end)).toBe(s.text);
    expect(doc.text.slice(doc.sections[0]!.start, doc.sections[0]!.end)).toBe('Cells');
  });

  it('keeps pages from the blocks', () => {
    const doc = assembleDocument(source([{ kind: 'paragraph', text: 'One.', page: 1 }, { kind: 'paragraph', text: 'Two.', page: 2 }], { format: 'pdf', pageCount: 2 }), file);
    expect(doc.sentences.map((s) => s.page)).toEqual([1, 2]);
  });

  it('hashes sentences by their normalised text and numbers repeats', () => {
    expect(sentenceHash('Cells  divide.')).toBe(sentenceHash('cells divide.'));
    const doc = assembleDocument(source([{ kind: 'paragraph', text: 'Repeat this. Repeat this.' }]), file);
    expect(doc.sentences.map((s) => s.hash)).toEqual([sentenceHash('Repeat this.'), `${sentenceHash('Repeat this.')}:1`]);
  });

  it('takes the title from the reader, else the first heading, else the file name', () => {
    expect(assembleDocument(source([{ kind: 'paragraph', text: 'Hi.' }], { title: 'From meta' }), file).title).toBe('From meta');
    expect(assembleDocument(source([{ kind: 'paragraph', text: 'Hi.' }]), file).title).toBe('biology week1');
  });

  it('takes no title that is only a template’s fields ("# {{date}}"): the file name says more', () => {
    const heading = (text: string) => source([{ kind: 'heading', text, level: 1 }, { kind: 'paragraph', text: 'Hi.' }]);
    expect(assembleDocument(heading('{{date}}'), file).title).toBe('biology week1');
    expect(assembleDocument(heading('<% tp.date.now("YYYY-MM-DD") %>'), file).title).toBe('biology week1');
    expect(assembleDocument(source([{ kind: 'paragraph', text: 'Hi.' }], { title: '{{title}} – {{date}}' }), file).title).toBe('biology week1');
    // A title with words beside a field keeps them.
    expect(assembleDocument(heading('Week {{week}} notes'), file).title).toBe('Week {{week}} notes');
  });

  it('refuses a document with no text as empty', () => {
    expect(() => assembleDocument(source([{ kind: 'paragraph', text: '   ' }]), file)).toThrowError(FocalError);
  });
});

describe('the reader’s marks and code in the stored text', () => {
  it('puts them around and between the blocks, outside every sentence, which stay as they were', () => {
    const blocks: SourceDocument['blocks'] = [
      { kind: 'paragraph', text: 'Cells divide.' },
      { kind: 'list-item', text: 'Nucleus holds DNA.' },
      { kind: 'table-row', text: 'Organelle | Job' },
    ];
    const plain = assembleDocument(source(blocks), file);
    const marked = assembleDocument(
      source(blocks, {
        marks: [undefined, { before: '- ', after: '' }, { before: '| ', after: ' |\n| --- | --- |' }],
        code: [{ before: 1, text: '```\nx = 1\n\ny = 2\n```' }],
      }),
      file,
    );
    expect(marked.text).toBe('Cells divide.\n\n```\nx = 1\n\ny = 2\n```\n\n- Nucleus holds DNA.\n\n| Organelle | Job |\n| --- | --- |');
    const identity = (doc: typeof plain) => doc.sentences.map((s) => [s.text, s.hash, s.section, s.page]);
    expect(identity(marked)).toEqual(identity(plain));
    expect(marked.language).toBe(plain.language);
    for (const s of marked.sentences) expect(marked.text.slice(s.start, s.end)).toBe(s.text);
  });

  it('still refuses a document that is only code', () => {
    expect(() => assembleDocument(source([], { code: [{ before: 0, text: '```\nx\n```' }] }), file)).toThrow(FocalError);
  });
});
