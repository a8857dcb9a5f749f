import { describe, expect, it } from 'vitest';
import { cleanRunText, joinLines, layoutPdfPages, type PdfPageText, type PdfTextRun } from './pdf-layout';

/** A run of text as an extractor reports it; the width is estimated at half an em per character. */
function run(text: string, x: number, y: number, options: Partial<PdfTextRun> = {}): PdfTextRun {
  const fontSize = options.fontSize ?? 10;
  return { text, x, y, width: options.width ?? text.length * fontSize * 0.5, fontSize, dir: 'ltr', upright: true, ...options };
}

function page(runs: PdfTextRun[], number = 1): PdfPageText {
  return { page: number, width: 600, height: 800, runs };
}

function texts(pages: PdfPageText[]): string[] {
  return layoutPdfPages(pages).blocks.map((b) => b.text);
}

/** Lines of one column: `count` lines of about 45 characters, 12 pt apart. */
function column(label: string, x: number, top: number, count: number): PdfTextRun[] {
  return Array.from({ length: count }, (_, i) => run(`${label}${i + 1} words words words words words words words`, x, top + 12 * i));
}

describe('PDF layout: reading order', () => {
  it('reads a two-column page column by column, with the full-width title first', () => {
    const blocks = layoutPdfPages([
      page([run('A Study of Columns', 200, 80, { fontSize: 18 }), ...column('L', 50, 150, 20), ...column('R', 320, 150, 20)]),
    ]).blocks;
    expect(blocks[0]).toMatchObject({ kind: 'heading', level: 1, text: 'A Study of Columns', page: 1 });
    const body = blocks
      .slice(1)
      .map((b) => b.text)
      .join(' ');
    const order = [...body.matchAll(/\b([LR]\d+)\b/g)].map((m) => m[1]);
    expect(order).toEqual([...Array.from({ length: 20 }, (_, i) => `L${i + 1}`), ...Array.from({ length: 20 }, (_, i) => `R${i + 1}`)]);
  });

  it('keeps a full-width item between the column slices above and below it', () => {
    const order = texts([
      page([
        ...column('A', 50, 100, 8),
        ...column('B', 320, 100, 8),
        run('Figure 1: a wide figure caption that runs across both of the columns', 60, 230, { width: 480 }),
        ...column('C', 50, 270, 8),
        ...column('D', 320, 270, 8),
      ]),
    ])
      .join(' ')
      .match(/\b[ABCD]\d+\b|Figure 1/g);
    const firstOf = (label: string) => order!.findIndex((t) => t.startsWith(label));
    const lastOf = (label: string) => order!.findLastIndex((t) => t.startsWith(label));
    expect(lastOf('A')).toBeLessThan(firstOf('B'));
    expect(lastOf('B')).toBeLessThan(firstOf('Figure'));
    expect(firstOf('Figure')).toBeLessThan(firstOf('C'));
    expect(lastOf('C')).toBeLessThan(firstOf('D'));
  });

  it('reads a table row by row, cells joined by " | "', () => {
    const rows = [
      ['Name', 'Type', 'Default'],
      ['width', 'long', '300'],
      ['height', 'long', '150'],
    ];
    const runs = rows.flatMap((cells, r) => cells.map((cell, c) => run(cell, 50 + 120 * c, 100 + 13 * r)));
    const blocks = layoutPdfPages([page(runs)]).blocks;
    expect(blocks.map((b) => [b.kind, b.text])).toEqual([
      ['table-row', 'Name | Type | Default'],
      ['table-row', 'width | long | 300'],
      ['table-row', 'height | long | 150'],
    ]);
  });

  it('orders right-to-left lines from the right', () => {
    const runs = [run('ثالث', 100, 100, { dir: 'rtl', width: 36 }), run('ثاني', 140, 100, { dir: 'rtl', width: 36 }), run('أول', 180, 100, { dir: 'rtl', width: 36 })];
    expect(texts([page(runs)])).toEqual(['أول ثاني ثالث']);
  });

  it('reads vertical text column by column from the right', () => {
    const runs = [run('日本語', 200, 20, { dir: 'ttb', width: 9, height: 27 }), run('あいうえお', 215, 20, { dir: 'ttb', width: 9, height: 45 })];
    expect(texts([page(runs)])).toEqual(['あいうえお日本語']);
  });

  it('joins runs on one line with spaces only where there is a gap', () => {
    const runs = [run('L', 100, 100, { width: 6 }), run('A', 103, 97, { fontSize: 7, width: 5 }), run('TEX', 107, 100, { width: 18 }), run('Team', 130, 100)];
    expect(texts([page(runs)])).toEqual(['LATEX Team']);
  });
});

describe('PDF layout: paragraphs', () => {
  it('starts a new paragraph at a larger vertical gap', () => {
    const runs = [
      run('The first paragraph starts here and it goes', 50, 100),
      run('on for a second line before it ends.', 50, 112),
      run('A second paragraph follows after a blank', 50, 136),
      run('line, as block paragraphs do.', 50, 148),
    ];
    expect(texts([page(runs)])).toEqual([
      'The first paragraph starts here and it goes on for a second line before it ends.',
      'A second paragraph follows after a blank line, as block paragraphs do.',
    ]);
  });

  it('starts a new paragraph at a first-line indent', () => {
    const runs = [
      run('Some text in the first paragraph that fills the line', 50, 100),
      run('and ends here, on a line of its own width too.', 50, 112),
      run('Indented, the next paragraph begins with a', 70, 124),
      run('first line indent and continues at the margin.', 50, 136),
    ];
    expect(texts([page(runs)])).toHaveLength(2);
  });

  it('makes bulleted lines list items without the bullet', () => {
    const runs = [run('• first point', 50, 100), run('• second point', 50, 112)];
    expect(layoutPdfPages([page(runs)]).blocks.map((b) => [b.kind, b.text])).toEqual([
      ['list-item', 'first point'],
      ['list-item', 'second point'],
    ]);
  });

  it('continues a paragraph cut mid-sentence by a page break', () => {
    const first = page([run('This sentence starts on one page and', 50, 700)], 1);
    const second = page([run('ends on the next one.', 50, 100)], 2);
    expect(layoutPdfPages([first, second]).blocks).toEqual([{ kind: 'paragraph', text: 'This sentence starts on one page and ends on the next one.', page: 1 }]);
  });
});

describe('PDF layout: hyphenation', () => {
  it('joins a word split at a line end', () => {
    expect(joinLines(['the flow of informa-', 'tion through the system'])).toBe('the flow of information through the system');
  });

  it('keeps the hyphen of compounds and before capitals', () => {
    expect(joinLines(['a state-of-the-', 'art method'])).toBe('a state-of-the-art method');
    expect(joinLines(['the Franco-', 'Prussian war'])).toBe('the Franco-Prussian war');
    expect(joinLines(['payments for non-', 'reversible services'])).toBe('payments for non-reversible services');
    // A second half that usually makes compounds keeps it too, unless the document writes the word joined.
    expect(joinLines(['a paddle-', 'shaped tail'])).toBe('a paddle-shaped tail');
    expect(joinLines(['a paddle-', 'shaped tail'], new Set(['paddleshaped']))).toBe('a paddleshaped tail');
  });

  it('keeps a range or a compound of numbers broken after its hyphen whole', () => {
    expect(joinLines(['in the school year 2026-', '2027 we'])).toBe('in the school year 2026-2027 we');
    expect(joinLines(['a 10-', '12x speed-up'])).toBe('a 10-12x speed-up');
  });

  it('follows how the document itself writes the word', () => {
    expect(joinLines(['enables source-', 'level debugging'], new Set(['source-level']))).toBe('enables source-level debugging');
    expect(joinLines(['they co-', 'operate'], new Set(['cooperate']))).toBe('they cooperate');
  });

  it('joins the halves of a word broken at a soft hyphen, and never shows it', () => {
    expect(joinLines(['a document, in\u00ad', 'cluding titles'])).toBe('a document, including titles');
    expect(joinLines(['ends with a soft hyphen\u00ad'])).toBe('ends with a soft hyphen');
  });

  it('keeps two words apart at a soft hyphen when the document writes both and never the joined word', () => {
    expect(joinLines(['an industrious\u00ad', 'little insect'], new Set(['industrious', 'little']))).toBe('an industrious little insect');
  });

  /** A justified column: every full line ends at x = 350; `short` lines end a hyphen's width (0.33 em) before it. */
  function justified(lines: Array<[string, 'full' | 'short' | 'last']>): PdfTextRun[] {
    return lines.map(([text, end], i) => run(text, 50, 100 + 12 * i, { width: end === 'full' ? 300 : end === 'short' ? 296.7 : 150 }));
  }

  it('restores a hyphen the extractor dropped at the end of a justified line', () => {
    const runs = justified([
      ['An example document showing automatic tagging of', 'full'],
      ['typical structures found in a document, in', 'short'],
      ['cluding titles and sections. The tagging lets the', 'full'],
      ['reading order correctly fol', 'short'],
      ['low the flow of text through the two columns of', 'full'],
      ['the page, from the first to the last.', 'last'],
    ]);
    const [text] = texts([page(runs)]);
    expect(text).toContain('a document, including titles');
    expect(text).toContain('correctly follow the flow');
  });

  it('does not join words at a short line end in ragged-right text', () => {
    const runs = [
      run('Ragged text ends wherever its last word', 50, 100, { width: 280 }),
      run('ends, so a line that stops a little short', 50, 112, { width: 296.7 }),
      run('of the longest one is nothing special at', 50, 124, { width: 300 }),
      run('all in such a text.', 50, 136, { width: 120 }),
    ];
    expect(texts([page(runs)])).toEqual(['Ragged text ends wherever its last word ends, so a line that stops a little short of the longest one is nothing special at all in such a text.']);
  });

  it('continues a word broken at a column foot after the footnote between the halves', () => {
    const full = (text: string, x: number, y: number) => run(text, x, y, { width: 250 });
    const left = [
      full('The first column has plain text in full lines', 50, 100),
      full('that are all set to the same width, as in a', 50, 112),
      full('justified column of a paper, and there is more', 50, 124),
      full('of it until the very end of the column, where', 50, 136),
      run('the last line breaks a word, the docu', 50, 148, { width: 246.7 }),
      run('1 A footnote in small type at the foot of the column.', 50, 300, { fontSize: 8, width: 200 }),
    ];
    const right = [
      full('ment goes on at the top of the next column with', 330, 100),
      full('more text set in full lines of the same width', 330, 112),
      run('as the first column.', 330, 124, { width: 100 }),
    ];
    const blocks = texts([page([...left, ...right])]);
    expect(blocks.join('\n')).toContain('the document goes on at the top');
    expect(blocks.at(-1)).toBe('1 A footnote in small type at the foot of the column.');
  });

  it('joins hyphenated lines inside a laid-out paragraph', () => {
    const runs = [run('Extraction keeps the informa-', 50, 100), run('tion of every line in order.', 50, 112)];
    expect(texts([page(runs)])).toEqual(['Extraction keeps the information of every line in order.']);
  });
});

describe('PDF layout: running headers, footers and page numbers', () => {
  const body = (n: number) => [run(`Body text of page ${n} with enough words to be a line.`, 50, 300), run('More body text follows on the next line here.', 50, 312)];

  it('drops lines that repeat at the top or bottom of pages, digits aside', () => {
    const pages = [1, 2, 3, 4].map((n) =>
      page([run('Journal of Tests, vol. 3', 50, 40), ...body(n), run(`Page ${n} of 4`, 270, 770), run(`${n + 10}`, 540, 40)], n),
    );
    const all = texts(pages).join('\n');
    expect(all).not.toMatch(/Journal of Tests|Page \d|^\d+$/m);
    expect(all).toContain('Body text of page 3');
  });

  it('drops a bare page number at the bottom of a single page but keeps numbers in the text', () => {
    const blocks = texts([page([...body(1), run('42', 295, 780)])]);
    expect(blocks).toEqual(['Body text of page 1 with enough words to be a line. More body text follows on the next line here.']);
    const withNumber = texts([page([run('Introduction', 50, 100), run('42', 50, 300), run('Conclusion', 50, 500)])]);
    expect(withNumber).toContain('42');
  });

  it('does not treat a repeated heading in the middle of pages as a header', () => {
    const pages = [1, 2, 3].map((n) => page([run('Summary', 50, 400, { fontSize: 14 }), ...body(n)], n));
    expect(texts(pages).filter((t) => t === 'Summary')).toHaveLength(3);
  });
});

describe('PDF layout: headings', () => {
  it('makes lines in a clearly larger font headings, level 1 for the largest', () => {
    const runs = [
      run('The Title', 50, 60, { fontSize: 20 }),
      run('1 Section', 50, 110, { fontSize: 14 }),
      run('Body text that is set in the ordinary size of the document.', 50, 140),
      run('Some more body text so that the body size is clear enough.', 50, 152),
      run('1.1 Subsection', 50, 190, { fontSize: 12 }),
      run('Even more body text in the ordinary size of the document.', 50, 215),
    ];
    const blocks = layoutPdfPages([page(runs)]).blocks;
    expect(blocks.map((b) => [b.kind, b.level ?? null, b.text])).toEqual([
      ['heading', 1, 'The Title'],
      ['heading', 2, '1 Section'],
      ['paragraph', null, 'Body text that is set in the ordinary size of the document. Some more body text so that the body size is clear enough.'],
      ['heading', 3, '1.1 Subsection'],
      ['paragraph', null, 'Even more body text in the ordinary size of the document.'],
    ]);
    expect(blocks.every((b) => b.page === 1)).toBe(true);
  });
});

describe('PDF layout: text clean-up', () => {
  it('reports pages whose text is control characters (no Unicode map) and leaves their text out', () => {
    const garbage = page([run('\u0002\u0003\u0004\u0005 \u0006\u0007\u0008', 50, 100)], 1);
    const fine = page([run('Readable text on the second page.', 50, 100)], 2);
    expect(layoutPdfPages([garbage, fine])).toEqual({
      blocks: [{ kind: 'paragraph', text: 'Readable text on the second page.', page: 2 }],
      undecodablePages: [1],
    });
  });

  it('reads the ligatures, quotes and dashes of TeX fonts without a Unicode map from their codes', () => {
    // T1 (Cork): 0x1C "fi", 0x1E "ffi", 0x10/0x11 double quotes, 0x15 en dash.
    const t1 = page([run('The signi\u001cer will not su\u001ece: \u0010excusatory\u0011 pages 3\u00155.', 50, 100)]);
    expect(texts([t1])).toEqual(['The signifier will not suffice: “excusatory” pages 3–5.']);
    // OT1 (TeX's original): 0x0C "fi", 0x0B "ff".
    const ot1 = page([run('A de\u000cnition of the e\u000bect.', 50, 100)]);
    expect(texts([ot1])).toEqual(['A definition of the effect.']);
    // Control characters that are not after an ASCII letter, or in a text that is not mostly ASCII, stay spaces.
    expect(texts([page([run('Overview\u0002of it.', 50, 100)])])).toEqual(['Overview of it.']);
    expect(texts([page([run('ΰԔϸ Ψߙ ϣÎg ϙķϢʆ i\u001c ͳ೅ ဍഀ ඥ੒Ǌ¢ һӍΉʽী¢ Ї́', 50, 100)])])[0]).not.toContain('fi');
  });

  it('turns presentation forms into letters and control characters into spaces', () => {
    expect(cleanRunText('ﻟﻌﺮﺑﻴﺔ')).toBe('لعربية');
    expect(cleanRunText('Overview\u0002of\u00a0the')).toBe('Overview of the');
  });
});

describe('PDF layout: fake bold painted more than once', () => {
  it('reads a run painted twice, a fraction of a point apart, once', () => {
    expect(texts([page([run('Chapter One', 100, 100, { fontSize: 16 }), run('Chapter One', 100.3, 100.2, { fontSize: 16 }), run('It begins here.', 100, 130)])])).toEqual([
      'Chapter One',
      'It begins here.',
    ]);
  });

  it('reads copies split glyph by glyph, and interleaved, as the word painted (pdf.js gives bug900822.pdf so)', () => {
    // Four copies of "Test test", nudged by 0.16 pt across and 0.32 pt down; pdf.js merges some glyphs, not others.
    const w = 5;
    const copies = (x: number, y: number) => [
      run('T', x, y, { width: w }),
      run('e', x + w, y, { width: w }),
      run('s', x + 2 * w, y, { width: w }),
      run('t', x + 3 * w, y, { width: w }),
      run(' ', x + 4 * w, y, { width: w }),
      run('t', x + 5 * w, y, { width: w }),
      run('e', x + 6 * w, y, { width: w }),
      run('s', x + 7 * w, y, { width: w }),
      run('t', x + 8 * w, y, { width: w }),
    ];
    const a = copies(100, 100);
    const b = copies(100.16, 100);
    const c = copies(100, 100.32);
    const merged = [run('Te', 100.16, 100.32, { width: 2 * w }), run('st t', 100.16 + 2 * w, 100.32, { width: 4 * w }), run('est', 100.16 + 6 * w, 100.32, { width: 3 * w })];
    const interleaved = a.flatMap((glyph, i) => [glyph, b[i]!, c[i]!]);
    expect(texts([page([...interleaved, ...merged])])).toEqual(['Test test']);
  });

  it('keeps doubled letters, and the same letters on the next line, on a page with fake bold', () => {
    const heading = [run('Animals', 100, 80, { fontSize: 16 }), run('Animals', 100.2, 80, { fontSize: 16 })];
    // The second line's "Hello all" is set right below the first's, and "llama" starts just after a run ends.
    const body = [run('Hello all,', 100, 100), run('llama', 152, 100), run('Hello all again.', 100, 112)];
    expect(texts([page([...heading, ...body])])).toEqual(['Animals', 'Hello all, llama Hello all again.']);
  });
});

describe('PDF layout: superscripts', () => {
  it('writes a smaller, raised run in superscript characters: an exponent, a footnote mark', () => {
    // "a", a raised 7 pt "n", " + b", "n"…, on a 10 pt line; then a line that starts with a footnote mark.
    const fermat = [
      run('Fermat showed that a', 50, 100),
      run('n', 150, 97, { fontSize: 7 }),
      run('+ b', 157, 100),
      run('n', 175, 97, { fontSize: 7 }),
      run('= c', 182, 100),
      run('n', 200, 97, { fontSize: 7 }),
      run('has no answer.', 210, 100),
    ];
    const footnote = [run('1', 50, 130, { fontSize: 7, width: 3.5 }), run('The current tagging is partial.', 50, 133)];
    const body = texts([page([...fermat, ...footnote])]).join('\n');
    expect(body).toContain('Fermat showed that aⁿ + bⁿ = cⁿ has no answer.');
    expect(body).toContain('¹The current tagging is partial.');
    // A run with a character Unicode has no superscript for stays as written; a small run on the line does too.
    const other = texts([page([run('The set Q', 50, 100), run('q', 95, 97, { fontSize: 7 }), run('holds; see', 100, 100), run('small print', 150, 100, { fontSize: 7 })])]).join('\n');
    expect(other).toContain('Qq');
    expect(other).toContain('small print');
  });
});

describe('PDF layout: run-in labels', () => {
  it('takes a paper’s "Abstract" at the start of a paragraph as a heading of its own', () => {
    const blocks = layoutPdfPages([page([run('Abstract User acceptance of technology has been studied for two decades.', 50, 100)])]).blocks;
    expect(blocks.map((b) => [b.kind, b.text])).toEqual([
      ['heading', 'Abstract'],
      ['paragraph', 'User acceptance of technology has been studied for two decades.'],
    ]);
    // A sentence that only starts with the word stays whole.
    expect(texts([page([run('Abstract thinking develops late in childhood.', 50, 100)])])).toEqual(['Abstract thinking develops late in childhood.']);
  });
});
