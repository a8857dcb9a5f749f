/**
 * How large the graph's labels are drawn at a zoom, and which of them are drawn (pure: the Cytoscape adapter
 * applies it). Labels keep about the same size on screen as the zoom changes, so the fitted view of a large
 * graph is still readable; labels that would collide are left out, the most important ones kept.
 */

/** Label sizes change in steps of a quarter of a doubling: restyling on every zoom event would redraw every node. */
export const STEPS_PER_DOUBLING = 4;
/** Zoomed in past 2×, labels grow with the zoom again (their size in graph units stops shrinking). */
export const MIN_LABEL_STEP = -4;
/** Zoomed out past 1/16, labels shrink on screen (and vanish under the canvas's smallest drawn font size). */
export const MAX_LABEL_STEP = 16;

/** The size step for a zoom: the step whose scale is nearest 1/zoom, so that labels keep their size on screen. */
export function labelStep(zoom: number): number {
  const step = Math.round(-Math.log2(Math.max(zoom, 1e-6)) * STEPS_PER_DOUBLING);
  return Math.min(MAX_LABEL_STEP, Math.max(MIN_LABEL_STEP, step));
}

/** How many times its base size, in graph units, a label of that step is drawn. */
export function stepScale(step: number): number {
  return 2 ** (step / STEPS_PER_DOUBLING);
}

/**
 * Where nodes at `xs` (graph units), each with a label `widths[i]` pixels wide centred on it (0 for none) and a body
 * `halves[i]` graph units wide each side (0 when not given), reach across at `zoom`, in pixels; and the graph x of
 * that span's middle.
 */
export function spanAcross(xs: readonly number[], widths: readonly number[], zoom: number, halves: readonly number[] = []): { left: number; right: number; middle: number } {
  let left = Infinity;
  let right = -Infinity;
  xs.forEach((x, i) => {
    const reach = Math.max(widths[i]! / 2, (halves[i] ?? 0) * zoom);
    left = Math.min(left, x * zoom - reach);
    right = Math.max(right, x * zoom + reach);
  });
  return { left, right, middle: (left + right) / 2 / zoom };
}

/**
 * The largest zoom (up to `most`) at which those nodes and labels span at most `room` pixels across. Labels keep
 * their size on screen whatever the zoom, so fitting the nodes alone cut the outermost labels at the canvas's
 * edges. The span grows with the zoom, so the zoom is found by bisection; where even the labels alone are wider
 * than the room, the nodes' own extent decides.
 */
export function fitAcross(xs: readonly number[], widths: readonly number[], room: number, most: number, halves: readonly number[] = []): number {
  const fits = (zoom: number) => {
    const { left, right } = spanAcross(xs, widths, zoom, halves);
    return right - left <= room;
  };
  if (fits(most)) return most;
  let low = 0;
  let high = most;
  for (let i = 0; i < 40; i++) {
    const middle = (low + high) / 2;
    if (fits(middle)) low = middle;
    else high = middle;
  }
  return low > 0 ? low : Math.min(most, room / Math.max(1, Math.max(...xs) - Math.min(...xs)));
}

/** A node's label, centred on it below its body (or, where that has no room, above it), `margin` away. */
export interface LabelCandidate {
  id: string;
  x: number;
  y: number;
  /** Half the node's height, in graph units: the label starts below that. */
  half: number;
  /** The label's box at scale 1 (its base font size), its padding included. */
  width: number;
  height: number;
}

export interface FitOptions {
  /** Graph units from the node's body to its label at scale 1. */
  margin: number;
  /** The least room between two labels at scale 1. */
  gap: number;
  /** How many candidates at the front are drawn whatever they overlap (the selected node, the keyboard's). */
  always?: number;
}

interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export type LabelSide = 'below' | 'above';

/**
 * The labels drawn at `scale`, and on which side of their node: in the order given (most important first), each
 * label whose box, below its node or else above it, stays `gap` away from every label kept before it. A grid of
 * cells finds the kept boxes near a candidate, so a view of thousands of nodes is placed in about linear time.
 */
export function labelsThatFit(candidates: readonly LabelCandidate[], scale: number, options: FitOptions): Map<string, LabelSide> {
  const kept = new Map<string, LabelSide>();
  if (candidates.length === 0) return kept;
  const gap = options.gap * scale;
  const boxOf = (c: LabelCandidate, side: LabelSide): Box => {
    const height = c.height * scale;
    const top = side === 'below' ? c.y + c.half + options.margin * scale : c.y - c.half - options.margin * scale - height;
    return { x1: c.x - (c.width * scale) / 2, y1: top, x2: c.x + (c.width * scale) / 2, y2: top + height };
  };
  // Cells about as large as a label, so that a box touches only a few of them.
  const cell = Math.max(1e-6, candidates.reduce((sum, c) => sum + (c.width + c.height) * scale, 0) / candidates.length);
  const grid = new Map<string, Box[]>();
  const cellsOf = (b: Box): string[] => {
    const keys: string[] = [];
    for (let i = Math.floor((b.x1 - gap) / cell); i <= Math.floor((b.x2 + gap) / cell); i++) {
      for (let j = Math.floor((b.y1 - gap) / cell); j <= Math.floor((b.y2 + gap) / cell); j++) keys.push(`${i},${j}`);
    }
    return keys;
  };
  const always = options.always ?? 0;
  const clear = (box: Box, cells: string[]) =>
    cells.every((key) => (grid.get(key) ?? []).every((other) => box.x2 + gap <= other.x1 || other.x2 + gap <= box.x1 || box.y2 + gap <= other.y1 || other.y2 + gap <= box.y1));
  candidates.forEach((candidate, i) => {
    const side = (['below', 'above'] as const).find((s) => i < always || clear(boxOf(candidate, s), cellsOf(boxOf(candidate, s))));
    if (!side) return;
    kept.set(candidate.id, side);
    const box = boxOf(candidate, side);
    for (const key of cellsOf(box)) {
      const inCell = grid.get(key);
      if (inCell) inCell.push(box);
      else grid.set(key, [box]);
    }
  });
  return kept;
}
