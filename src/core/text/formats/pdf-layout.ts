/**
 * PDF page layout: turns positioned text runs (as a PDF text extractor reports them) into ordered blocks.
 * Pure: no PDF library here, so every rule is tested on synthetic runs.
 *
 * Per page: running headers, footers and page numbers are dropped; runs are grouped into line segments;
 * the page is cut recursively into regions (XY-cut: a column gutter splits left from right, otherwise
 * horizontal gaps split top from bottom), so columns are read one after the other and full-width items
 * (titles, wide figures) stay where they are. Lines then join into paragraphs by vertical gaps, indentation
 * and short last lines. Across the document: headings by font size, hyphenation, paragraphs continued
 * over a column or page break.
 */
import type { SourceBlock } from '../source';
import { decodeTexCodes, texEncodingOf } from './tex-font-codes';
import { withoutOverprint } from './pdf-overprint';

/** One run of text in page space: origin top-left, y grows downward, units are PDF points. */
export interface PdfTextRun {
  text: string;
  /** Left edge of the run (vertical text: left edge of its column). */
  x: number;
  /** Baseline (vertical text: top of the run). */
  y: number;
  /** Advance along the baseline (vertical text: column width). */
  width: number;
  /** Vertical text only: the run's length down the column. */
  height?: number;
  fontSize: number;
  dir: 'ltr' | 'rtl' | 'ttb';
  /** False when the baseline is not horizontal after the page's own rotation (e.g. a margin stamp). */
  upright: boolean;
}

export interface PdfPageText {
  /** 1-based page number. */
  page: number;
  width: number;
  height: number;
  runs: PdfTextRun[];
}

export interface PdfLayout {
  blocks: SourceBlock[];
  /** Pages whose text is mostly control characters: fonts without a Unicode map; their text was left out. */
  undecodablePages: number[];
}

/** Runs whose text is more than this share of control characters come from fonts with no Unicode map. */
const undecodableShare = 0.3;
/** Part of the page height, at the top and at the bottom, where running headers and footers live. */
const marginZone = 0.12;
/** A font this much larger than the body text makes a heading. */
const headingRatio = 1.15;
/** Headings longer than this are large-print text rather than headings. */
const maxHeadingChars = 200;
const maxHeadingLevel = 6;

/**
 * Hyphen rule at a line end ("infor-" / "mation"): the hyphen is dropped and the halves joined when the next
 * line starts with a lowercase letter, unless the document itself writes the hyphenated form elsewhere (and
 * not the joined one), the first half already contains a hyphen ("state-of-the-" / "art"), or the first half
 * is a prefix that usually forms compounds. A next line starting with an uppercase letter or a digit keeps
 * the hyphen ("Franco-" / "Prussian").
 */
const compoundPrefixes = new Set(['all', 'cross', 'e', 'ex', 'half', 'ill', 'non', 'quasi', 'self', 'so', 'well']);
/** Second halves that usually make compounds ("paddle-" / "shaped", "data-" / "driven"): the hyphen stays unless the document writes the joined word. */
const compoundSuffixes = new Set(
  'shaped based like free related specific dependent driven oriented sized wide long term level scale known made friendly aware sensitive rich style type fold'.split(' '),
);

/**
 * pdfjs leaves soft hyphens (U+00AD, which LaTeX's tagged PDFs use for every hyphenation hyphen) out of the
 * text without a trace, so "in-" / "cluding" arrives as "in" / "cluding". Such a line ends in a letter a
 * hyphen's width (about a third of an em) short of its justified column's right edge; a line ending in a
 * whole word would reach the edge. Gaps in this range, in em, mark the dropped hyphen.
 */
const droppedHyphenGap = { min: 0.15, max: 0.6 };
/** A line this close to the column's right edge, in em, is flush with it. */
const flushTolerance = 0.1;

// ---------------------------------------------------------------- text of a run

/** A horizontal run as the layout holds it: left to right from x0 to x1 on baseline y. */
export interface Run {
  text: string;
  x0: number;
  x1: number;
  y: number;
  size: number;
  rtl: boolean;
  /** The extractor put whitespace before / after the visible text. */
  spaceBefore: boolean;
  spaceAfter: boolean;
}

const controlChars = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]/g;
const arabicPresentationForms = /[\ufb50-\ufdff\ufe70-\ufeff]+/g;

/** Normalises a run's text: control characters become spaces, presentation forms become letters. */
export function cleanRunText(text: string): string {
  return text
    .replace(controlChars, ' ')
    .replace(/[\u00a0\u2000-\u200a\u202f\u205f\u3000]/g, ' ')
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, '')
    .replace(arabicPresentationForms, (s) => s.normalize('NFKC'))
    .replace(/\s+/g, ' ');
}

function countControl(text: string): number {
  return text.match(controlChars)?.length ?? 0;
}

function toRun(run: PdfTextRun): Run | null {
  const cleaned = cleanRunText(run.text);
  const text = cleaned.trim();
  if (!text || !(run.fontSize > 0) || !Number.isFinite(run.x) || !Number.isFinite(run.y)) return null;
  return {
    text,
    x0: run.x,
    x1: run.x + Math.max(0, run.width),
    y: run.y,
    size: run.fontSize,
    rtl: run.dir === 'rtl',
    spaceBefore: cleaned.startsWith(' '),
    spaceAfter: cleaned.endsWith(' '),
  };
}

// ---------------------------------------------------------------- small numeric helpers

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

/** Font sizes are compared after rounding to half a point. */
function sizeKey(size: number): number {
  return Math.round(size * 2) / 2;
}

const cjk = /[\u1100-\u11ff\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/u;

/** Joins two pieces of text on one line, with a space unless CJK script meets CJK script. */
function joinWords(left: string, right: string): string {
  if (!left) return right;
  if (!right) return left;
  return cjk.test(left.at(-1)!) && cjk.test(right[0]!) ? left + right : `${left} ${right}`;
}

// ---------------------------------------------------------------- lines on the page

/** Runs that share a baseline: one printed line, possibly across several columns. */
interface RawLine {
  runs: Run[];
  y: number;
  size: number;
}

/**
 * Whether two pieces of text sit on one line: baselines within 0.45 of the larger font size (a superscript
 * joins its line) but within 0.9 of the smaller one (large lettering does not swallow the lines beside it).
 */
function sameBaseline(a: { y: number; size: number }, b: { y: number; size: number }): boolean {
  return Math.abs(a.y - b.y) <= Math.min(0.45 * Math.max(a.size, b.size), 0.9 * Math.min(a.size, b.size));
}

/** Groups runs into printed lines; each line is anchored on its largest run so sub- and superscripts join. */
function groupByBaseline(runs: Run[]): RawLine[] {
  const sorted = [...runs].sort((a, b) => a.y - b.y || a.x0 - b.x0);
  const lines: RawLine[] = [];
  let current: RawLine | null = null;
  for (const run of sorted) {
    if (current && sameBaseline(current, run)) {
      current.runs.push(run);
      if (run.size > current.size) [current.y, current.size] = [run.y, run.size];
    } else {
      current = { runs: [run], y: run.y, size: run.size };
      lines.push(current);
    }
  }
  for (const line of lines) {
    line.runs.sort((a, b) => a.x0 - b.x0);
    line.y = dominantBaseline(line.runs);
  }
  return lines;
}

/** The baseline of the line's largest characters (a superscript does not move it). */
function dominantBaseline(runs: Run[]): number {
  const biggest = Math.max(...runs.map((r) => r.size));
  return median(runs.filter((r) => r.size >= biggest * 0.9).map((r) => r.y));
}

/**
 * Unicode's superscript forms: digits, signs and the lowercase letters that have one (no superscript q). Not capitals:
 * a raised small capital is lettering (the A of the LaTeX logo), not an exponent.
 */
const SUPERSCRIPTS: Readonly<Record<string, string>> = Object.fromEntries(
  [...'0123456789+-−=()abcdefghijklmnoprstuvwxyz'].map((c, i) => [c, [...'⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻ'][i]!]),
);

/**
 * A run set smaller and raised above its line's baseline (an exponent, a footnote mark) in superscript characters
 * when Unicode has them all: "aⁿ + bⁿ = cⁿ", "¹The current tagging", not "an + bn = cn" and "1The current tagging".
 */
function asSuperscript(run: Run, base: { y: number; size: number } | undefined): string {
  if (!base || run.size > 0.85 * base.size || base.y - run.y < 0.2 * base.size) return run.text;
  // Maths italic letters (𝑛) are letters here: NFKC makes them plain before they are raised.
  const text = run.text.trim().normalize('NFKC');
  const raised = [...text].map((c) => SUPERSCRIPTS[c]);
  return text.length > 0 && text.length <= 6 && raised.every(Boolean) ? raised.join('') : run.text;
}

/** Joins runs placed left to right, inserting a space where the gap or the runs say so; reversed for RTL. */
function joinRuns(runs: Run[], rtl: boolean, base?: { y: number; size: number }): string {
  const spaced = runs.map((run, i) => {
    const previous = runs[i - 1];
    if (!previous) return false;
    return previous.spaceAfter || run.spaceBefore || run.x0 - previous.x1 > 0.15 * Math.min(previous.size, run.size);
  });
  const order = runs.map((_, i) => i);
  if (rtl) order.reverse();
  let text = '';
  for (const [k, i] of order.entries()) {
    const run = runs[i]!;
    // Between neighbours k-1 and k the gap is the one recorded on whichever of the two is further right.
    const gap = k === 0 ? false : rtl ? spaced[i + 1]! : spaced[i]!;
    const piece = asSuperscript(run, base);
    text = gap && piece === run.text ? joinWords(text, piece) : text + piece;
  }
  return text;
}

function isRtl(runs: Run[]): boolean {
  let rtl = 0;
  let ltr = 0;
  for (const run of runs) {
    const letters = run.text.replace(/[\s\p{P}\p{N}]/gu, '').length;
    if (run.rtl) rtl += letters;
    else ltr += letters;
  }
  return rtl > ltr;
}

// ---------------------------------------------------------------- running headers, footers, page numbers

const pageNumberKeys = [
  /^(page|p\.|pg\.?|seite|página|pagina)? ?#+( ?(of|\/|de|von|sur) ?#+)?$/,
  /^[-–—] ?#+ ?[-–—]$/,
  /^[[(]#+[\])]$/,
  /^(?=[ivxlcdm]{1,7}$)m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$/,
];

/** A line's identity for repetition: case, spacing and digits ignored, so "Page 3" matches "Page 4". */
function repetitionKey(text: string): string {
  return text.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();
}

function isPageNumberKey(key: string): boolean {
  return pageNumberKeys.some((pattern) => pattern.test(key));
}

interface MarginLine {
  page: number;
  line: RawLine;
  key: string;
  /** In the top or bottom margin zone of the page (else it is the page's very first or last line). */
  inZone: boolean;
}

/** The first and last lines of each page, up to three at each end, while they are in the margin zones. */
function marginLines(page: PdfPageText, lines: RawLine[]): MarginLine[] {
  const found = new Map<RawLine, MarginLine>();
  const take = (index: number, fromEnd: boolean) => {
    const line = lines[index]!;
    const inZone = fromEnd ? line.y >= page.height * (1 - marginZone) : line.y <= page.height * marginZone;
    const edge = index === 0 || index === lines.length - 1;
    if (!inZone && !edge) return false;
    if (!found.has(line)) found.set(line, { page: page.page, line, key: repetitionKey(joinRuns(line.runs, false)), inZone });
    return true;
  };
  const limit = Math.min(3, lines.length);
  for (let i = 0; i < limit; i += 1) if (!take(i, false)) break;
  for (let i = 0; i < limit; i += 1) if (!take(lines.length - 1 - i, true)) break;
  return [...found.values()];
}

/**
 * Runs to drop: margin-zone lines whose text (digits aside) recurs on at least three pages, or on two pages
 * when that is half of the pages with text; bare page numbers in the margin zones or on the page's very
 * first or last line, also when they stand at the far end of a running header ("3 CITATIONS ........ 2").
 */
function runningRuns(candidates: MarginLine[], pagesWithText: number): Set<Run> {
  const pagesByKey = new Map<string, Set<number>>();
  for (const c of candidates.filter((c) => c.inZone)) {
    if (!pagesByKey.has(c.key)) pagesByKey.set(c.key, new Set());
    pagesByKey.get(c.key)!.add(c.page);
  }
  const drop = new Set<Run>();
  for (const c of candidates) {
    const pages = pagesByKey.get(c.key)?.size ?? 0;
    const repeats = c.inZone && (pages >= 3 || (pages >= 2 && pages >= pagesWithText / 2));
    if (repeats || isPageNumberKey(c.key)) {
      for (const run of c.line.runs) drop.add(run);
      continue;
    }
    const segments = segmentsOf(c.line);
    const first = segments[0];
    const last = segments.at(-1);
    const second = segments[1];
    const beforeLast = segments.at(-2);
    const farFrom = (a: Segment, b: Segment) => Math.max(a.x0 - b.x1, b.x0 - a.x1) >= 4 * a.size;
    // Outside the margin zone only a two-part line (title … number) counts, not the last row of a table.
    const parts = 1 + segments.slice(1).filter((s, i) => s.x0 - segments[i]!.x1 >= cellGap * s.size).length;
    if (!c.inZone && parts !== 2) continue;
    for (const [end, neighbour] of [
      [first, second],
      [last, beforeLast],
    ] as const) {
      if (!end || !neighbour || !farFrom(end, neighbour)) continue;
      if (isPageNumberKey(repetitionKey(joinRuns(end.runs, false)))) for (const run of end.runs) drop.add(run);
    }
  }
  return drop;
}

// ---------------------------------------------------------------- segments and regions (XY-cut)

/** Runs on one baseline with no wide gap between them: a piece of one column's line, or a table cell. */
interface Segment {
  runs: Run[];
  x0: number;
  x1: number;
  y: number;
  top: number;
  bottom: number;
  size: number;
}

function makeSegment(runs: Run[]): Segment {
  const size = Math.max(...runs.map((r) => r.size));
  const y = dominantBaseline(runs);
  return {
    runs,
    x0: Math.min(...runs.map((r) => r.x0)),
    x1: Math.max(...runs.map((r) => r.x1)),
    y,
    top: Math.min(...runs.map((r) => r.y - 0.8 * r.size)),
    bottom: Math.max(...runs.map((r) => r.y + 0.2 * r.size)),
    size,
  };
}

/** Splits a printed line where the gap is wider than 0.6 em: between columns, or between table cells. */
function segmentsOf(line: RawLine): Segment[] {
  const segments: Segment[] = [];
  let current: Run[] = [];
  let right = -Infinity;
  for (const run of line.runs) {
    const last = current.at(-1);
    if (last && run.x0 - right > 0.6 * Math.max(last.size, run.size)) {
      segments.push(makeSegment(current));
      current = [];
    }
    current.push(run);
    right = Math.max(right, run.x1);
  }
  if (current.length) segments.push(makeSegment(current));
  return segments;
}

/** Groups segments into visual lines (same baseline), each sorted left to right. */
function linesOfSegments(segments: Segment[]): Segment[][] {
  const sorted = [...segments].sort((a, b) => a.y - b.y || a.x0 - b.x0);
  const lines: Segment[][] = [];
  for (const segment of sorted) {
    const current = lines.at(-1);
    const first = current?.[0];
    if (current && first && sameBaseline(first, segment)) current.push(segment);
    else lines.push([segment]);
  }
  for (const line of lines) line.sort((a, b) => a.x0 - b.x0);
  return lines;
}

interface ColumnCut {
  left: Segment[];
  right: Segment[];
  /** Full-width items that cross the gutter (titles, wide figures and captions). */
  spanning: Segment[];
}

/** Gutter candidates tested per region, fewest crossings and widest first; bounds the work on busy pages. */
const maxGutterCandidates = 8;

/**
 * A vertical gutter that splits a region into two columns. Candidates are x-ranges, at least half an em
 * wide and away from the region's outer 15%, that at most a quarter of the lines cross; the lines that do
 * cross are full-width items. The first candidate (fewest crossings, then widest) whose two sides look like
 * columns (see looksLikeColumns) wins; tables fail that test and are read row by row.
 */
function findColumnCut(segments: Segment[]): ColumnCut | null {
  if (segments.length < 3) return null;
  const x0 = Math.min(...segments.map((s) => s.x0));
  const x1 = Math.max(...segments.map((s) => s.x1));
  const width = x1 - x0;
  const minGap = 0.5 * median(segments.map((s) => s.size));
  const maxCrossing = Math.floor(0.25 * linesOfSegments(segments).length);

  // Sweep the segments' x-ranges into pieces of constant coverage; a gutter is an inner piece few lines cross.
  const events = segments.flatMap((s) => [
    { x: s.x0, d: 1 },
    { x: s.x1, d: -1 },
  ]);
  events.sort((a, b) => a.x - b.x || a.d - b.d);
  const candidates: Array<{ from: number; to: number; depth: number }> = [];
  let depth = 0;
  for (let i = 0; i < events.length; i += 1) {
    depth += events[i]!.d;
    const next = events[i + 1];
    if (!next || next.x <= events[i]!.x) continue;
    const [from, to] = [events[i]!.x, next.x];
    const at = (from + to) / 2;
    if (depth <= maxCrossing && to - from >= minGap && at >= x0 + 0.15 * width && at <= x1 - 0.15 * width) candidates.push({ from, to, depth });
  }
  candidates.sort((a, b) => a.depth - b.depth || b.to - b.from - (a.to - a.from));

  for (const gap of candidates.slice(0, maxGutterCandidates)) {
    const cut: ColumnCut = { left: [], right: [], spanning: [] };
    for (const segment of segments) {
      if (segment.x1 <= gap.from) cut.left.push(segment);
      else if (segment.x0 >= gap.to) cut.right.push(segment);
      else cut.spanning.push(segment);
    }
    if (cut.left.length && cut.right.length && looksLikeColumns(cut)) return cut;
  }
  return null;
}

/**
 * Two columns, not one table: the sides are of comparable width (the narrower at least 45% of the wider),
 * and either both read as prose (most of each side's text is in segments of 20+ characters at least half
 * as wide as the side's widest segments) or the sides' lines mostly do not share exact baselines (independent
 * columns of headings, lists or small tables). A table's cells share baselines row by row and are short,
 * so a table is read row by row.
 */
function looksLikeColumns({ left, right }: ColumnCut): boolean {
  const side = (segments: Segment[]) => {
    const x0 = Math.min(...segments.map((s) => s.x0));
    const width = Math.max(...segments.map((s) => s.x1)) - x0;
    const wide = quantile(
      segments.map((s) => s.x1 - s.x0),
      0.9,
    );
    let prose = 0;
    let total = 0;
    for (const segment of segments) {
      const chars = segment.runs.reduce((n, r) => n + r.text.length, 0);
      total += chars;
      if (chars >= 20 && segment.x1 - segment.x0 >= 0.5 * wide) prose += chars;
    }
    return { width, lines: linesOfSegments(segments), prose: prose / Math.max(1, total) };
  };
  const l = side(left);
  const r = side(right);
  if (l.lines.length + r.lines.length < 3) return false;
  if (Math.min(l.width, r.width) / Math.max(l.width, r.width) < 0.45) return false;
  if (l.prose >= 0.5 && r.prose >= 0.5) return true;
  const [fewer, more] = l.lines.length <= r.lines.length ? [l.lines, r.lines] : [r.lines, l.lines];
  const rowMate = (a: Segment, b: Segment) => Math.abs(a.y - b.y) <= 0.2 * Math.min(a.size, b.size);
  const aligned = fewer.filter((line) => more.some((other) => rowMate(line[0]!, other[0]!))).length;
  return fewer.length >= 2 && aligned / fewer.length < 0.5;
}

/** Splits segments at every horizontal gap that no segment spans. */
function horizontalBands(segments: Segment[]): Segment[][] {
  const sorted = [...segments].sort((a, b) => a.top - b.top);
  const bands: Segment[][] = [];
  let bottom = -Infinity;
  for (const segment of sorted) {
    const current = bands.at(-1);
    if (current && segment.top < bottom) current.push(segment);
    else bands.push([segment]);
    bottom = Math.max(bottom, segment.bottom);
  }
  return bands;
}

/** A leaf region of the page and where it sits in the cut tree ("" = no column cut above it). */
interface Region {
  segments: Segment[];
  path: string;
}

/**
 * Recursive XY-cut. A column cut is tried first, over the whole region, so two columns are never sliced
 * into bands and interleaved. Full-width items crossing the gutter divide the columns into slices: each
 * slice is read left column, then right column, and the full-width item sits between slices. Without a
 * column cut the region is split at horizontal gaps and each band is cut again.
 */
function cutRegions(segments: Segment[], path: string, rtl: boolean): Region[] {
  if (segments.length <= 1) return [{ segments, path }];
  const cut = findColumnCut(segments);
  if (cut) {
    const leftSide = new Set(cut.left);
    const columns = (slice: Segment[]): Region[] => {
      const left = slice.filter((s) => leftSide.has(s));
      const right = slice.filter((s) => !leftSide.has(s));
      const [first, second] = rtl ? [right, left] : [left, right];
      return [...(first.length ? cutRegions(first, `${path}0`, rtl) : []), ...(second.length ? cutRegions(second, `${path}1`, rtl) : [])];
    };
    const regions: Region[] = [];
    let rest = [...cut.left, ...cut.right];
    for (const separator of [...cut.spanning].sort((a, b) => a.top - b.top)) {
      const above = rest.filter((s) => s.y < separator.y);
      rest = rest.filter((s) => s.y >= separator.y);
      regions.push(...columns(above), { segments: [separator], path });
    }
    regions.push(...columns(rest));
    return regions;
  }
  const bands = horizontalBands(segments);
  if (bands.length <= 1) return [{ segments, path }];
  return bands.flatMap((band) => cutRegions(band, path, rtl));
}

// ---------------------------------------------------------------- lines → paragraphs

interface Line {
  text: string;
  /** Table cells, when the line is a row of three or more cells. */
  cells: string[] | null;
  x0: number;
  x1: number;
  y: number;
  size: number;
  path: string;
  page: number;
}

/** A gap this many font sizes wide between pieces of one line separates table cells. */
const cellGap = 1.2;

function regionLines(region: Region, page: number): Line[] {
  return linesOfSegments(region.segments).map((segments) => {
    const runs = segments.flatMap((s) => s.runs);
    const rtl = isRtl(runs);
    const cellGroups: Segment[][] = [];
    for (const segment of segments) {
      const last = cellGroups.at(-1);
      const previous = last?.at(-1);
      if (last && previous && segment.x0 - previous.x1 < cellGap * Math.max(previous.size, segment.size)) last.push(segment);
      else cellGroups.push([segment]);
    }
    const ordered = rtl ? [...cellGroups].reverse() : cellGroups;
    const cells = ordered.map((group) => {
      const parts = (rtl ? [...group].reverse() : group).map((s) => joinRuns(s.runs, rtl, s));
      return parts.reduce((acc, part) => joinWords(acc, part), '');
    });
    const chars = runs.reduce((n, r) => n + r.text.length, 0);
    const size = runs.reduce((n, r) => n + r.size * r.text.length, 0) / Math.max(1, chars);
    return {
      text: cells.reduce((acc, part) => joinWords(acc, part), ''),
      cells: cells.length >= 3 ? cells : null,
      x0: segments[0]!.x0,
      x1: segments.at(-1)!.x1,
      y: median(segments.map((s) => s.y)),
      size,
      path: region.path,
      page,
    };
  });
}

/** A paragraph under construction: its lines are joined at the end, when the whole vocabulary is known. */
interface Draft {
  kind: 'paragraph' | 'list-item' | 'table-row';
  lines: string[];
  size: number;
  page: number;
  /** Starts right after a column or page break, so it may continue the paragraph before it. */
  afterBreak: boolean;
  /** Its last line ends where a dropped soft hyphen would (see droppedHyphenGap). */
  endsInDroppedHyphen?: boolean;
}

/** A bullet glyph starts a list item and is dropped; a number or letter with "." or ")" starts one and stays. */
const bullet = /^([•◦▪▫●○■□‣⁃∙·∗*])\s+(?=\S)/u;
const numbered = /^(\d{1,2}|[a-z]|[ivx]{1,4})[.)]\s+(?=\S)|^\((\d{1,2}|[a-z]|[ivx]{1,4})\)\s+(?=\S)/u;
const dotLeader = /\s*(?:[.·…]\s?){4,}\s*(\d+|[ivxlc]+)?\s*$/iu;
const sentenceEnd = /[.!?:;…"”’»)\]]$/u;

function similarSize(a: number, b: number): boolean {
  return Math.max(a, b) / Math.min(a, b) <= 1.12;
}

/** Typical baseline-to-baseline distance for each font size on the page. */
function leadings(lines: Line[]): Map<number, number> {
  const deltas = new Map<number, number[]>();
  for (let i = 1; i < lines.length; i += 1) {
    const a = lines[i - 1]!;
    const b = lines[i]!;
    const delta = b.y - a.y;
    if (a.path !== b.path || !similarSize(a.size, b.size) || delta <= 0 || delta > 3 * b.size) continue;
    const key = sizeKey(b.size);
    if (!deltas.has(key)) deltas.set(key, []);
    deltas.get(key)!.push(delta);
  }
  return new Map([...deltas].map(([key, values]) => [key, quantile(values, 0.25)]));
}

function pageDrafts(lines: Line[]): Draft[] {
  const leading = leadings(lines);
  const edges = new Map<string, { left: number; right: number; aligned: boolean; justified: boolean }>();
  for (const path of new Set(lines.map((l) => l.path))) {
    const own = lines.filter((l) => l.path === path);
    const left = Math.min(...own.map((l) => l.x0));
    const right = Math.max(...own.map((l) => l.x1));
    const size = median(own.map((l) => l.size));
    const aligned = own.filter((l) => l.x0 - left < 0.3 * size).length >= own.length / 2;
    // Justified: many of the long lines end exactly at the right edge (ragged text rarely lines up).
    const long = own.filter((l) => l.x1 >= right - 0.2 * (right - left));
    const flush = long.filter((l) => right - l.x1 <= flushTolerance * l.size).length;
    edges.set(path, { left, right, aligned, justified: flush >= 3 && flush >= 0.3 * long.length });
  }
  const endsInDroppedHyphen = (line: Line) => {
    const edge = edges.get(line.path)!;
    const gap = (edge.right - line.x1) / line.size;
    return edge.justified && !line.cells && /\p{Ll}$/u.test(line.text) && gap >= droppedHyphenGap.min && gap <= droppedHyphenGap.max;
  };

  const normalGap = (from: Line, to: Line) => {
    const delta = to.y - from.y;
    const lead = leading.get(sizeKey(to.size)) ?? 1.25 * to.size;
    return delta > 0 && delta <= lead * 1.35 + 0.05 * to.size;
  };
  const drafts: Draft[] = [];
  let current: Draft | null = null;
  for (const [i, line] of lines.entries()) {
    const previous = lines[i - 1];
    const next = lines[i + 1];
    const edge = edges.get(line.path)!;
    const bulletMark = bullet.exec(line.text);
    const listMark = bulletMark ?? numbered.exec(line.text);
    const text = bulletMark ? line.text.slice(bulletMark[0].length) : line.text;
    const tocEntry = dotLeader.exec(line.text);
    if (tocEntry) {
      // A table-of-contents entry: its own item, without the dot leader and the page number.
      drafts.push({ kind: 'list-item', lines: [line.text.slice(0, tocEntry.index).trim()], size: line.size, page: line.page, afterBreak: false });
      current = null;
      continue;
    }
    if (line.cells) {
      drafts.push({ kind: 'table-row', lines: [line.cells.join(' | ')], size: line.size, page: line.page, afterBreak: false });
      current = null;
      continue;
    }
    let breakReason: 'none' | 'soft' | 'hard' = 'hard';
    if (previous && current) {
      const indented = (l: Line) => l.x0 - edge.left > 0.8 * l.size;
      const atLeft = (l: Line) => l.x0 - edge.left <= 0.3 * l.size;
      // First-line indent: this line is indented, the one before is not, and the paragraph goes on at the left edge.
      const firstLineIndent =
        edge.aligned && indented(line) && atLeft(previous) && !!next && next.path === line.path && atLeft(next) && normalGap(line, next);
      const previousShort = previous.x1 < edge.right - 0.2 * (edge.right - edge.left);
      if (line.path !== previous.path) breakReason = 'soft';
      else if (!similarSize(line.size, previous.size) || !normalGap(previous, line)) breakReason = 'hard';
      else if (listMark || firstLineIndent) breakReason = 'hard';
      else if (previousShort && sentenceEnd.test(previous.text)) breakReason = 'hard';
      else breakReason = 'none';
    }
    if (breakReason === 'none' && current) {
      // Justified text goes on at the left edge (a list item at its hanging indent); centred lines do not.
      const continuesAtEdge = line.x0 - edge.left <= 0.3 * line.size || current.kind === 'list-item';
      if (current.endsInDroppedHyphen && continuesAtEdge && /^\p{Ll}/u.test(text)) current.lines[current.lines.length - 1] += softHyphen;
      current.lines.push(text);
    } else {
      const kind = listMark ? 'list-item' : 'paragraph';
      current = { kind, lines: [text], size: line.size, page: line.page, afterBreak: breakReason === 'soft' || !previous };
      drafts.push(current);
    }
    current.endsInDroppedHyphen = endsInDroppedHyphen(line);
  }
  return drafts;
}

// ---------------------------------------------------------------- vertical and sideways text

/** Vertical (top-to-bottom) text: columns read right to left, each column top to bottom. */
function verticalDrafts(runs: PdfTextRun[], page: number): Draft[] {
  const items = runs
    .map((r) => ({ run: r, text: cleanRunText(r.text).trim(), center: r.x + r.width / 2 }))
    .filter((i) => i.text)
    .sort((a, b) => b.center - a.center || a.run.y - b.run.y);
  const columns: (typeof items)[] = [];
  for (const item of items) {
    const current = columns.at(-1);
    const first = current?.[0];
    if (current && first && Math.abs(first.center - item.center) <= 0.5 * Math.max(first.run.width, item.run.width, 1)) current.push(item);
    else columns.push([item]);
  }
  const lines = columns.map((column) =>
    column
      .sort((a, b) => a.run.y - b.run.y)
      .map((i) => i.text)
      .join(''),
  );
  if (!lines.length) return [];
  const size = median(items.map((i) => i.run.fontSize));
  return [{ kind: 'paragraph', lines, size, page, afterBreak: true }];
}

/** Text set at an angle (margin stamps, rotated labels): kept, one paragraph per page, after the page's text. */
function sidewaysDrafts(runs: PdfTextRun[], page: number): Draft[] {
  const texts = runs.map((r) => cleanRunText(r.text).trim()).filter(Boolean);
  if (!texts.length) return [];
  const text = texts.reduce((acc, t) => joinWords(acc, t), '');
  return [{ kind: 'paragraph', lines: [text], size: median(runs.map((r) => r.fontSize)), page, afterBreak: true }];
}

// ---------------------------------------------------------------- the document

/** A page whose text is mostly control characters: its fonts have no Unicode map, and it cannot be read. */
function isUndecodable(page: PdfPageText): boolean {
  const visible = page.runs.filter((r) => r.text.trim());
  const chars = visible.reduce((n, r) => n + r.text.replace(/\s/g, '').length, 0);
  const control = visible.reduce((n, r) => n + countControl(r.text), 0);
  return chars > 0 && control / chars > undecodableShare;
}

/** The readable pages with TeX fonts' ligature, quote and dash codes read as such (tex-font-codes.ts). */
function withTexCodesRead(pages: PdfPageText[], undecodable: ReadonlySet<number>): PdfPageText[] {
  const readable = pages.filter((page) => !undecodable.has(page.page));
  const encoding = texEncodingOf(readable.flatMap((page) => page.runs.map((r) => r.text)));
  if (encoding === null) return pages;
  return pages.map((page) => (undecodable.has(page.page) ? page : { ...page, runs: page.runs.map((r) => ({ ...r, text: decodeTexCodes(r.text, encoding) })) }));
}

/** Lays out all pages of a document. Pages must be in order; pages without runs are allowed. */
export function layoutPdfPages(input: PdfPageText[]): PdfLayout {
  const undecodable = new Set(input.filter(isUndecodable).map((page) => page.page));
  const undecodablePages = [...undecodable];
  const pages = withTexCodesRead(input, undecodable);
  const prepared = pages.map((page) => {
    if (undecodable.has(page.page)) {
      return { page, horizontal: [] as Run[], vertical: [] as PdfTextRun[], sideways: [] as PdfTextRun[], lines: [] as RawLine[] };
    }
    const visible = page.runs.filter((r) => r.text.trim());
    const vertical = visible.filter((r) => r.dir === 'ttb');
    const sideways = visible.filter((r) => r.dir !== 'ttb' && !r.upright);
    const horizontal: Run[] = [];
    for (const raw of page.runs) {
      if (raw.dir === 'ttb' || !raw.upright) continue;
      const run = toRun(raw);
      if (run) horizontal.push(run);
      // A whitespace-only run is the extractor's word space: it marks the run before it.
      else if (/^\s+$/.test(raw.text) && horizontal.length) horizontal.at(-1)!.spaceAfter = true;
    }
    // Fake bold's copies painted over each other would read "TTTeTeesesststt".
    return { page, horizontal, vertical, sideways, lines: groupByBaseline(withoutOverprint(horizontal)) };
  });

  const pagesWithText = prepared.filter((p) => p.lines.length > 0).length;
  const drop = runningRuns(
    prepared.flatMap((p) => marginLines(p.page, p.lines)),
    pagesWithText,
  );

  const drafts: Draft[] = [];
  for (const { page, lines, vertical, sideways } of prepared) {
    const kept = lines.map((line) => ({ ...line, runs: line.runs.filter((run) => !drop.has(run)) })).filter((line) => line.runs.length);
    const segments = kept.flatMap(segmentsOf);
    const rtl = isRtl(segments.flatMap((s) => s.runs));
    const regions = cutRegions(segments, '', rtl);
    const pageLines = regions.flatMap((region) => regionLines(region, page.page));
    const horizontal = pageDrafts(pageLines);
    const chars = (drafts: Draft[]) => drafts.reduce((n, d) => n + d.lines.join('').length, 0);
    const columns = verticalDrafts(vertical, page.page);
    // Whichever writing direction carries most of the page's text is read first.
    const upright = chars(columns) > chars(horizontal) ? [...columns, ...horizontal] : [...horizontal, ...columns];
    const pageBlocks = [...upright, ...sidewaysDrafts(sideways, page.page)];
    const first = pageBlocks[0];
    if (first) first.afterBreak = true;
    drafts.push(...pageBlocks);
  }

  return { blocks: withRunInLabels(finishBlocks(drafts)), undecodablePages };
}

/** A paper's run-in label at the start of a paragraph ("Abstract User acceptance of…"), before a capital. */
const runInLabel = /^(Abstract|ABSTRACT|Summary|SUMMARY|Keywords|KEYWORDS|Index Terms)(?:\s*[.:—–-])?\s+(?=[\p{Lu}\d])/u;

/**
 * Splits a run-in label off the paragraph it starts, as a heading of its own: left in, "Abstract" became the first
 * word of the first sentence, of its card and of a concept ("Abstract User acceptance").
 */
function withRunInLabels(blocks: SourceBlock[]): SourceBlock[] {
  return blocks.flatMap((block) => {
    const label = block.kind === 'paragraph' ? runInLabel.exec(block.text) : null;
    if (!label) return [block];
    const heading: SourceBlock = { kind: 'heading', text: label[1]!, level: 2, ...(block.page !== undefined ? { page: block.page } : {}) };
    return [heading, { ...block, text: block.text.slice(label[0].length) }];
  });
}

/** The font size most of the text is set in (weighted by characters). */
function bodySize(drafts: Draft[]): number {
  const weight = new Map<number, number>();
  for (const d of drafts) {
    const key = sizeKey(d.size);
    weight.set(key, (weight.get(key) ?? 0) + d.lines.join(' ').length);
  }
  let best = 0;
  let bestWeight = -1;
  for (const [key, w] of weight) {
    if (w > bestWeight) [best, bestWeight] = [key, w];
  }
  return best;
}

function isHeading(draft: Draft, body: number): boolean {
  const text = draft.lines.join(' ');
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  const large = draft.size >= body * headingRatio;
  return draft.kind !== 'table-row' && large && text.length <= maxHeadingChars && letters >= 2 && draft.lines.length <= 4;
}

function finishBlocks(drafts: Draft[]): SourceBlock[] {
  const body = bodySize(drafts);
  const headingSizes = [...new Set(drafts.filter((d) => isHeading(d, body)).map((d) => sizeKey(d.size)))].sort((a, b) => b - a);

  // A paragraph cut by a column or page break continues when it stopped mid-sentence and the next starts lowercase.
  const continues = (last: Draft | undefined, draft: Draft): last is Draft =>
    !!last &&
    draft.afterBreak &&
    draft.kind === 'paragraph' &&
    last.kind === 'paragraph' &&
    !isHeading(last, body) &&
    !isHeading(draft, body) &&
    similarSize(last.size, draft.size) &&
    !sentenceEnd.test(last.lines.at(-1)!) &&
    /^\p{Ll}/u.test(draft.lines[0]!);
  // A footnote set in smaller type at a column's foot may sit between the two halves of a paragraph.
  const isFootnote = (draft: Draft | undefined) => !!draft && draft.kind === 'paragraph' && draft.size < body / headingRatio;
  const merged: Draft[] = [];
  for (const draft of drafts) {
    const last = merged.at(-1);
    const beforeFootnote = isFootnote(last) && !isFootnote(draft) ? merged.at(-2) : undefined;
    const target = continues(last, draft) ? last : continues(beforeFootnote, draft) ? beforeFootnote : null;
    if (target) {
      if (target.endsInDroppedHyphen) target.lines[target.lines.length - 1] += softHyphen;
      target.lines.push(...draft.lines);
      target.endsInDroppedHyphen = draft.endsInDroppedHyphen;
    } else {
      merged.push({ ...draft, lines: [...draft.lines] });
    }
  }

  const vocabulary = vocabularyOf(merged);
  return merged
    .map((draft): SourceBlock => {
      const text = joinLines(draft.lines, vocabulary);
      if (isHeading(draft, body)) {
        const level = Math.min(maxHeadingLevel, headingSizes.indexOf(sizeKey(draft.size)) + 1);
        return { kind: 'heading', text, level, page: draft.page };
      }
      return { kind: draft.kind, text, page: draft.page };
    })
    .filter((block) => block.text.length > 0);
}

// ---------------------------------------------------------------- hyphenation

const softHyphen = '\u00ad';
const lineEndHyphen = /(\p{L}[\p{L}\p{M}'’-]*)[-\u2010\u00ad]$/u;
const wordPattern = /\p{L}[\p{L}\p{M}]*(?:[-\u2010]\p{L}[\p{L}\p{M}]*)*/gu;

/** Every word the document writes inside a line (the halves of words broken at a line end excluded), lowercased. */
function vocabularyOf(drafts: Draft[]): Set<string> {
  const words = new Set<string>();
  for (const draft of drafts) {
    for (const [i, line] of draft.lines.entries()) {
      let body = lineEndHyphen.test(line) ? line.replace(/\S+$/u, '') : line;
      if (i > 0 && lineEndHyphen.test(draft.lines[i - 1]!)) body = body.replace(/^\S+/u, '');
      for (const match of body.matchAll(wordPattern)) words.add(match[0].toLowerCase().replace(/\u2010/g, '-'));
    }
  }
  return words;
}

/** Joins a paragraph's lines, resolving hyphens at line ends by the rule above. */
export function joinLines(lines: string[], vocabulary: ReadonlySet<string> = new Set()): string {
  let text = '';
  for (const raw of lines) {
    const line = raw.trim();
    if (!line) continue;
    if (!text) {
      text = line;
      continue;
    }
    // A soft hyphen (often inferred, see droppedHyphenGap) joins the halves unless the document writes both
    // as words of their own and never the joined word ("industrious" / "little" stays two words).
    if (text.endsWith(softHyphen)) {
      const before = text.slice(0, -1);
      const fragment = /[\p{L}\p{M}]+$/u.exec(before)?.[0].toLowerCase() ?? '';
      const next = /^[\p{L}\p{M}]+/u.exec(line)?.[0].toLowerCase() ?? '';
      const twoWords = vocabulary.has(fragment) && vocabulary.has(next) && !vocabulary.has(fragment + next);
      text = /^\p{Ll}/u.test(line) && !twoWords ? before + line : joinWords(before, line);
      continue;
    }
    const hyphen = lineEndHyphen.exec(text);
    if (hyphen) {
      const fragment = hyphen[1]!;
      const next = /^[\p{L}\p{M}]+/u.exec(line)?.[0] ?? '';
      if (/^\p{Ll}/u.test(line)) {
        const joined = `${fragment}${next}`.toLowerCase();
        const hyphenated = `${fragment}-${next}`.toLowerCase();
        const keep =
          /[-\u2010]/u.test(fragment) ||
          (vocabulary.has(hyphenated) && !vocabulary.has(joined)) ||
          ((compoundPrefixes.has(fragment.toLowerCase()) || compoundSuffixes.has(next.toLowerCase())) && !vocabulary.has(joined));
        text = keep ? `${text.slice(0, -1)}-${line}` : text.slice(0, -1) + line;
      } else {
        text = `${text.slice(0, -1)}-${line}`;
      }
      continue;
    }
    if (/[—–]$/u.test(text) && !/\s[—–]$/u.test(text)) {
      text += line;
      continue;
    }
    // A range or compound broken after its hyphen ("2026-" / "2027", "10-" / "12x"): one token again, hyphen kept.
    if (/\d-$/u.test(text) && /^[\p{L}\d]/u.test(line)) {
      text += line;
      continue;
    }
    text = joinWords(text, line);
  }
  return text.endsWith(softHyphen) ? text.slice(0, -1) : text;
}
