/**
 * Where nodes go around a layout the person has already seen (pure: the Cytoscape adapter applies it). A new
 * node starts beside the placed nodes it is linked to, so the force layout only has to make room locally; and
 * nodes whose boxes overlap are pushed apart, so no node is drawn on top of another.
 */

export interface Point {
  x: number;
  y: number;
}

/** A node's box around its middle: how far it reaches left, right, up and down (a label below it reaches further down). */
export interface NodeBox extends Point {
  id: string;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** About 137.5°: successive new nodes around one place point in directions that never line up. */
const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

/**
 * Starting positions for the nodes of `ids` without one in `placed`: each at the middle of its positioned
 * neighbours, `spacing` away in a direction of its own; nodes linked to none of them start one after another
 * on a ring `spacing` outside the placed nodes, and their own neighbours start around them. Deterministic.
 */
export function seedPositions(
  ids: readonly string[],
  edges: ReadonlyArray<{ source: string; target: string }>,
  placed: Readonly<Record<string, Point>>,
  spacing: number,
): Record<string, Point> {
  const neighbours = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const { source, target } of edges) {
    if (source === target) continue;
    neighbours.get(source)?.push(target);
    neighbours.get(target)?.push(source);
  }
  const at = new Map<string, Point>(ids.filter((id) => placed[id]).map((id) => [id, placed[id]!]));
  const middle = centre([...at.values()]);
  const reach = Math.max(0, ...[...at.values()].map((p) => Math.hypot(p.x - middle.x, p.y - middle.y))) + spacing;
  const seeded: Record<string, Point> = {};
  let waiting = ids.filter((id) => !at.has(id));
  let outside = 0;
  while (waiting.length > 0) {
    // One ring of new nodes at a time, each placed from the nodes positioned in the rings before it.
    const ring = waiting.filter((id) => neighbours.get(id)!.some((other) => at.has(other)));
    if (ring.length === 0) {
      const angle = GOLDEN_ANGLE * outside++;
      ring.push(waiting[0]!);
      at.set(waiting[0]!, { x: middle.x + reach * Math.cos(angle), y: middle.y + reach * Math.sin(angle) });
      seeded[waiting[0]!] = at.get(waiting[0]!)!;
    } else {
      const positions = ring.map((id, i) => {
        const base = centre(neighbours.get(id)!.flatMap((other) => (at.has(other) ? [at.get(other)!] : [])));
        const angle = GOLDEN_ANGLE * (Object.keys(seeded).length + i);
        return { x: base.x + spacing * Math.cos(angle), y: base.y + spacing * Math.sin(angle) };
      });
      ring.forEach((id, i) => {
        at.set(id, positions[i]!);
        seeded[id] = positions[i]!;
      });
    }
    const done = new Set(ring);
    waiting = waiting.filter((id) => !done.has(id));
  }
  return seeded;
}

function centre(points: readonly Point[]): Point {
  if (points.length === 0) return { x: 0, y: 0 };
  return { x: points.reduce((sum, p) => sum + p.x, 0) / points.length, y: points.reduce((sum, p) => sum + p.y, 0) / points.length };
}

/** The pairs of boxes (as indexes, first < second) less than `gap` apart, found by sweeping along x. */
export function overlappingPairs(boxes: readonly NodeBox[], gap = 0): Array<[number, number]> {
  const order = boxes.map((_, i) => i).sort((a, b) => boxes[a]!.x - boxes[a]!.left - (boxes[b]!.x - boxes[b]!.left));
  const pairs: Array<[number, number]> = [];
  for (let k = 0; k < order.length; k++) {
    const a = boxes[order[k]!]!;
    for (let m = k + 1; m < order.length; m++) {
      const b = boxes[order[m]!]!;
      if (b.x - b.left >= a.x + a.right + gap) break;
      if (b.y - b.top < a.y + a.bottom + gap && a.y - a.top < b.y + b.bottom + gap) {
        pairs.push(order[k]! < order[m]! ? [order[k]!, order[m]!] : [order[m]!, order[k]!]);
      }
    }
  }
  return pairs;
}

/**
 * Moves overlapping boxes apart until every two are at least `gap` apart, each pair along the axis that needs
 * the shorter move, half each way. Should pushing alone not settle it, the whole layout is spread a little about
 * its middle and pushed again, which always ends. Returns the new middles by id; boxes that were apart stay put.
 */
export function separate(boxes: readonly NodeBox[], gap: number, rounds = 50): Record<string, Point> {
  const moving = boxes.map((box) => ({ ...box }));
  for (let spread = 0; spread < 100; spread++) {
    for (let round = 0; round < rounds; round++) {
      const pairs = overlappingPairs(moving, gap);
      if (pairs.length === 0) return Object.fromEntries(moving.map((box) => [box.id, { x: box.x, y: box.y }]));
      for (const [i, j] of pairs) pushApart(moving[i]!, moving[j]!, gap, i < j);
    }
    const middle = centre(moving);
    for (const box of moving) {
      box.x = middle.x + (box.x - middle.x) * 1.1;
      box.y = middle.y + (box.y - middle.y) * 1.1;
    }
  }
  return Object.fromEntries(moving.map((box) => [box.id, { x: box.x, y: box.y }]));
}

/** Moves two boxes apart along the axis that needs the shorter move; boxes at the same middle part by their order. */
function pushApart(a: NodeBox, b: NodeBox, gap: number, aFirst: boolean): void {
  const aLeftOfB = b.x > a.x || (b.x === a.x && aFirst);
  const aAboveB = b.y > a.y || (b.y === a.y && aFirst);
  const alongX = aLeftOfB ? a.x + a.right + gap - (b.x - b.left) : b.x + b.right + gap - (a.x - a.left);
  const alongY = aAboveB ? a.y + a.bottom + gap - (b.y - b.top) : b.y + b.bottom + gap - (a.y - a.top);
  if (alongX <= 0 || alongY <= 0) return;
  // A hair past touching, so that rounding never leaves the pair overlapping.
  if (alongX <= alongY) {
    const step = ((alongX + 0.01) / 2) * (aLeftOfB ? 1 : -1);
    a.x -= step;
    b.x += step;
  } else {
    const step = ((alongY + 0.01) / 2) * (aAboveB ? 1 : -1);
    a.y -= step;
    b.y += step;
  }
}
