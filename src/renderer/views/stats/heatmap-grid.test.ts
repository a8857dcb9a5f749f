import { describe, expect, it } from 'vitest';
import { heatLevel, heatReference, heatmapGrid, heatmapLayout } from './heatmap-grid';

describe('the heatmap grid', () => {
  it('lays days out in week columns with Monday on top, from the first day to today', () => {
    // 2025-03-03 was a Monday, 2025-03-14 a Friday.
    const grid = heatmapGrid([{ day: '2025-03-05', reviews: 7, timeMs: 70_000 }], '2025-03-03', '2025-03-14');
    expect(grid.weeks).toBe(2);
    expect(grid.cells).toHaveLength(12);
    expect(grid.cells[0]).toMatchObject({ day: '2025-03-03', week: 0, weekday: 0, reviews: 0, level: 0 });
    expect(grid.cells[2]).toMatchObject({ day: '2025-03-05', week: 0, weekday: 2, reviews: 7, level: 4 });
    expect(grid.cells.at(-1)).toMatchObject({ day: '2025-03-14', week: 1, weekday: 4 });
    expect(grid).toMatchObject({ totalReviews: 7, activeDays: 1, busiest: { day: '2025-03-05' } });
  });

  it('puts a first day that is not a Monday in its own row of the first column', () => {
    const grid = heatmapGrid([], '2025-03-06', '2025-03-10');
    expect(grid.cells.map((c) => [c.week, c.weekday])).toEqual([[0, 3], [0, 4], [0, 5], [0, 6], [1, 0]]);
    expect(grid.busiest).toBeNull();
  });

  it('names each month above the week holding its first day, dropping a first name too close to the next', () => {
    const grid = heatmapGrid([], '2024-03-25', '2024-06-10');
    expect(grid.months).toEqual([
      { week: 1, month: 3 },
      { week: 5, month: 4 },
      { week: 9, month: 5 },
    ]);
    expect(heatmapGrid([], '2024-03-04', '2024-04-10').months[0]).toEqual({ week: 0, month: 2 });
  });

  it("shades days by the quarter of a busy day's reviews they reach", () => {
    expect(heatLevel(0, 100)).toBe(0);
    expect(heatLevel(1, 100)).toBe(1);
    expect(heatLevel(24, 100)).toBe(1);
    expect(heatLevel(25, 100)).toBe(2);
    expect(heatLevel(60, 100)).toBe(3);
    expect(heatLevel(75, 100)).toBe(4);
    expect(heatLevel(100, 100)).toBe(4);
    expect(heatLevel(500, 100)).toBe(4);
    expect(heatReference([0, 0, 3])).toBe(3);
    // One marathon day among forty ordinary ones does not set the scale.
    expect(heatReference([...Array(40).fill(20), 900])).toBe(20);
  });
});

describe('the heatmap layout', () => {
  it('makes square cells that fill the width, within bounds, and centres them when they cannot grow', () => {
    const wide = heatmapLayout(2000, 53);
    expect(wide.cell).toBe(20);
    expect(wide.left - 34).toBe(Math.floor((2000 - 42 - 53 * 20) / 2));
    const normal = heatmapLayout(900, 53);
    expect(normal.cell).toBe(16);
    expect(normal.height).toBe(22 + 7 * 16 + 30);
    expect(normal.firstWeek).toBe(0);
  });

  it('drops the oldest weeks when even the smallest cells do not fit', () => {
    const narrow = heatmapLayout(300, 53);
    expect(narrow.cell).toBe(8);
    expect(narrow.firstWeek).toBe(53 - Math.floor((300 - 42) / 8));
    expect(narrow.left + (53 - narrow.firstWeek) * 8).toBeLessThanOrEqual(300);
  });
});
