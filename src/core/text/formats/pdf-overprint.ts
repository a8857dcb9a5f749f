/**
 * Fake bold: some PDFs make text bold by painting it two to four times, each copy nudged a fraction of a point.
 * pdf.js reports every copy, split wherever the copies' glyphs interleave, and read in order they make
 * "TTTeTeesesststt" — a sentence nobody wrote, and a card nobody wants. Here each glyph painted again where the
 * same glyph of another run already stands is dropped (pdfplumber's `dedupe_chars` does the same for the same
 * reason), and the runs are cut around what was dropped.
 *
 * pdf.js gives runs, not glyphs: a glyph's place is estimated by sharing its run's width evenly among its
 * characters. The estimate can be off by a fraction of a character, so a glyph counts as painted again when it
 * lies within half a character of the same glyph of another run; never against its own run, where the same
 * letter twice ("ll") is two letters. Pages without two runs starting on the same spot are left as they are.
 */

import type { Run } from './pdf-layout';

/** Copies of fake bold are nudged by well under this (points, and share of the font size). */
const NUDGE_POINTS = 1;
const NUDGE_OF_SIZE = 0.1;
/** A glyph's estimated place may be off by this share of its run's mean character width. */
const PLACE_SLACK = 0.5;
/** Grid cells for the glyph search, in points: no larger tolerance than this is used. */
const CELL = 8;

const nudge = (size: number) => Math.min(NUDGE_POINTS, NUDGE_OF_SIZE * size);

/** Whether two runs start with the same character on (nearly) the same spot: the sign of fake bold. */
function hasOverprint(runs: readonly Run[]): boolean {
  const starts = new Map<string, Run[]>();
  for (const run of runs) {
    if (run.rtl) continue;
    const first = run.text[0]!;
    const row = Math.round(run.y);
    for (const near of [row - 1, row, row + 1]) {
      for (const other of starts.get(`${first}|${near}`) ?? []) {
        const tolerance = nudge(Math.min(run.size, other.size));
        if (Math.abs(other.x0 - run.x0) <= tolerance && Math.abs(other.y - run.y) <= tolerance) return true;
      }
    }
    const key = `${first}|${row}`;
    const list = starts.get(key);
    if (list) list.push(run);
    else starts.set(key, [run]);
  }
  return false;
}

interface Glyph {
  run: number;
  x: number;
  y: number;
  /** How far its place may be off: half its run's mean character width. */
  slack: number;
}

/** The runs with every glyph painted again over the same glyph of an earlier run taken out. */
export function withoutOverprint(runs: Run[]): Run[] {
  if (!hasOverprint(runs)) return runs;
  const grid = new Map<string, Glyph[]>();
  const out: Run[] = [];
  runs.forEach((run, r) => {
    if (run.rtl) {
      out.push(run);
      return;
    }
    const chars = Array.from(run.text);
    const width = (run.x1 - run.x0) / chars.length;
    const slack = Math.min(CELL, Math.max(nudge(run.size), PLACE_SLACK * width));
    const yTolerance = Math.min(CELL, 2 * nudge(run.size));
    const kept = chars.map((char, i) => {
      if (/\s/.test(char)) return true;
      const x = run.x0 + i * width;
      const cx = Math.floor(x / CELL);
      const cy = Math.floor(run.y / CELL);
      for (let dx = -1; dx <= 1; dx++) {
        for (let dy = -1; dy <= 1; dy++) {
          for (const glyph of grid.get(`${char}|${cx + dx}|${cy + dy}`) ?? []) {
            if (glyph.run !== r && Math.abs(glyph.x - x) <= Math.max(slack, glyph.slack) && Math.abs(glyph.y - run.y) <= yTolerance) return false;
          }
        }
      }
      const key = `${char}|${cx}|${cy}`;
      const glyph = { run: r, x, y: run.y, slack };
      const list = grid.get(key);
      if (list) list.push(glyph);
      else grid.set(key, [glyph]);
      return true;
    });
    if (kept.every(Boolean)) {
      out.push(run);
      return;
    }
    out.push(...piecesOf(run, chars, kept, width));
  });
  return out;
}

/** The stretches of a run's kept characters, each a run of its own at its estimated place. */
function piecesOf(run: Run, chars: readonly string[], kept: readonly boolean[], width: number): Run[] {
  const pieces: Run[] = [];
  let i = 0;
  while (i < chars.length) {
    if (!kept[i]) {
      i++;
      continue;
    }
    let end = i;
    while (end < chars.length && kept[end]) end++;
    // Spaces at either end say where words part; the piece itself starts and ends on a glyph.
    let first = i;
    let last = end - 1;
    while (first <= last && /\s/.test(chars[first]!)) first++;
    while (last >= first && /\s/.test(chars[last]!)) last--;
    if (first <= last) {
      pieces.push({
        ...run,
        text: chars.slice(first, last + 1).join(''),
        x0: run.x0 + first * width,
        x1: run.x0 + (last + 1) * width,
        spaceBefore: first > i || (i === 0 && run.spaceBefore),
        spaceAfter: last < end - 1 || (end === chars.length && run.spaceAfter),
      });
    }
    i = end;
  }
  return pieces;
}
