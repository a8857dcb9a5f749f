import { describe, expect, it } from 'vitest';
import { FocalError } from '../../../shared/errors';
import { collapseWhitespace, readPlainText } from './plain-text';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('readPlainText', () => {
  it('splits paragraphs on blank lines and joins hard-wrapped lines with spaces', async () => {
    const doc = await readPlainText(bytes('The cell is the basic\nunit of life.\n\n  \nMitochondria make\r\nenergy.\n'));
    expect(doc.blocks).toEqual([
      { kind: 'paragraph', text: 'The cell is the basic unit of life.' },
      { kind: 'paragraph', text: 'Mitochondria make energy.' },
    ]);
    expect(doc).toMatchObject({ format: 'text', title: null, links: [], tags: [], pageCount: null, warnings: [] });
  });

  it('joins a word hyphenated at a line break, and keeps a hyphen before a capital or a line kept apart', async () => {
    const doc = await readPlainText(bytes('The Enlight-\r\nenment spread ideas of reason and anti-\nClerical thought.\n\nSee the pre-\n\nwar years.'));
    expect(doc.blocks.map((b) => b.text)).toEqual(['The Enlightenment spread ideas of reason and anti- Clerical thought.', 'See the pre-', 'war years.']);
  });

  it('joins wrapped CJK lines without a space', async () => {
    const doc = await readPlainText(bytes('学习是一个不断\n积累知识的过程。\n\n日本語の文章を\n読むのは楽しい。'));
    expect(doc.blocks.map((b) => b.text)).toEqual(['学习是一个不断积累知识的过程。', '日本語の文章を読むのは楽しい。']);
  });

  it('treats a short underlined line as a heading and the first heading as the title', async () => {
    const doc = await readPlainText(bytes('Cell Biology\n============\n\nIntro text here.\n\nOrganelles\n----------\nThey have jobs.\n'));
    expect(doc.blocks).toEqual([
      { kind: 'heading', text: 'Cell Biology', level: 1 },
      { kind: 'paragraph', text: 'Intro text here.' },
      { kind: 'heading', text: 'Organelles', level: 2 },
      { kind: 'paragraph', text: 'They have jobs.' },
    ]);
    expect(doc.title).toBe('Cell Biology');
  });

  it('treats a short numbered line standing alone as a heading, its level from the numbering', async () => {
    const doc = await readPlainText(bytes('1. Introduction\n\nSome text.\n\n2.1 Methods\n\nMore text.\n\n3. This is a sentence.\n\nEnd.'));
    expect(doc.blocks).toEqual([
      { kind: 'heading', text: '1. Introduction', level: 1 },
      { kind: 'paragraph', text: 'Some text.' },
      { kind: 'heading', text: '2.1 Methods', level: 2 },
      { kind: 'paragraph', text: 'More text.' },
      { kind: 'paragraph', text: '3. This is a sentence.' },
      { kind: 'paragraph', text: 'End.' },
    ]);
  });

  it('drops separator lines and does not make headings of long or mid-paragraph lines', async () => {
    const long = 'A'.repeat(90);
    const doc = await readPlainText(bytes(`First part.\n\n* * *\n\n${long}\n=====\n\nLine one\nLine two\n-----\nafter`));
    expect(doc.blocks.map((b) => b.kind)).toEqual(['paragraph', 'paragraph', 'paragraph', 'paragraph', 'paragraph']);
    expect(doc.blocks.map((b) => b.text)).toEqual(['First part.', long, 'Line one', 'Line two', 'after']);
    expect(doc.title).toBeNull();
  });

  it('keeps notes written a line per item apart, and reads bulleted and numbered lines as list items', async () => {
    const doc = await readPlainText(
      bytes('Key terms\nMitochondria\nRibosome\nNucleus\n\nLecture 3 notes\n- cells divide by mitosis\n- meiosis makes gametes\n1) DNA replicates first\n2) chromosomes condense\nThe end of the notes is here.\n'),
    );
    expect(doc.blocks).toEqual([
      { kind: 'paragraph', text: 'Key terms' },
      { kind: 'paragraph', text: 'Mitochondria' },
      { kind: 'paragraph', text: 'Ribosome' },
      { kind: 'paragraph', text: 'Nucleus' },
      { kind: 'paragraph', text: 'Lecture 3 notes' },
      { kind: 'list-item', text: 'cells divide by mitosis' },
      { kind: 'list-item', text: 'meiosis makes gametes' },
      { kind: 'list-item', text: '1) DNA replicates first' },
      { kind: 'list-item', text: '2) chromosomes condense' },
      { kind: 'paragraph', text: 'The end of the notes is here.' },
    ]);
  });

  it('still joins prose hard-wrapped at any width, a wrapped list item included, whatever word starts a line', async () => {
    const prose = 'The Treaty of Versailles was signed in 1919 by Germany and\nthe Allied Powers, ending the state of war between them. It\nrequired Germany to accept responsibility, and Britain and\nFrance set the reparations that Germany would pay.\n\n- a bulleted point that runs on past the width of\n  one line and keeps going';
    const doc = await readPlainText(bytes(prose));
    expect(doc.blocks).toEqual([
      { kind: 'paragraph', text: 'The Treaty of Versailles was signed in 1919 by Germany and the Allied Powers, ending the state of war between them. It required Germany to accept responsibility, and Britain and France set the reparations that Germany would pay.' },
      { kind: 'list-item', text: 'a bulleted point that runs on past the width of one line and keeps going' },
    ]);
  });

  it('drops stray control characters, keeping the text around them', async () => {
    const doc = await readPlainText(bytes('Text before the null byte.\0 Text after it.\u0007'));
    expect(doc.blocks).toEqual([{ kind: 'paragraph', text: 'Text before the null byte. Text after it.' }]);
  });

  it('decodes legacy encodings before splitting', async () => {
    const doc = await readPlainText(Uint8Array.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x96, 0x20, 0x6e, 0x61, 0xef, 0x76, 0x65]));
    expect(doc.blocks).toEqual([{ kind: 'paragraph', text: 'café – naïve' }]);
  });

  it('refuses a file with no text as empty', async () => {
    await expect(readPlainText(bytes(' \n\n\t\n'))).rejects.toMatchObject({ code: 'empty' });
    await expect(readPlainText(new Uint8Array())).rejects.toBeInstanceOf(FocalError);
  });

  it('calls the checkpoint, which can stop the read', async () => {
    const stop = new Error('stop');
    await expect(readPlainText(bytes('a\n\nb'), { checkpoint: () => { throw stop; } })).rejects.toBe(stop);
  });
});

describe('collapseWhitespace', () => {
  it('collapses runs of whitespace to single spaces and trims', () => {
    expect(collapseWhitespace('  a\t\tb\n\n c\u00a0 ')).toBe('a b c');
  });

  it('keeps the space between CJK and Latin words and between Korean words', () => {
    expect(collapseWhitespace('中文\nEnglish')).toBe('中文 English');
    expect(collapseWhitespace('한국어\n문장')).toBe('한국어 문장');
    expect(collapseWhitespace('中文 中文')).toBe('中文 中文');
  });
});
