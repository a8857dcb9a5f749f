/**
 * The review heatmap's layout: one column per week (Monday on top), one cell per study day from the first
 * day shown to today, each shaded by how many reviews it had.
 */
import type { DayActivity } from '../../../core/scheduling/statistics';
import { dayKey, dayNumber, weekdayOf } from './calendar-days';

export interface HeatmapCell {
  day: string;
  /** Column: weeks since the first shown week. */
  week: number;
  /** Row: 0 Monday … 6 Sunday. */
  weekday: number;
  reviews: number;
  timeMs: number;
  /** Shade: 0 for no reviews, 1–4 from few to many. */
  level: number;
}

/** A month's name goes above the column holding its first day. */
export interface MonthMark {
  week: number;
  month: number;
}

export interface HeatmapGrid {
  weeks: number;
  cells: HeatmapCell[];
  months: MonthMark[];
  totalReviews: number;
  activeDays: number;
  busiest: HeatmapCell | null;
}

export const HEAT_LEVELS = 5;

/** Month names closer than this many columns would overlap; the earlier one is dropped. */
const MONTH_GAP_WEEKS = 3;

/** Shade 1–4 by which quarter of `reference` the day's reviews reach (the top shade from the reference up); 0 for none. */
export function heatLevel(reviews: number, reference: number): number {
  if (reviews <= 0) return 0;
  if (reference <= 0) return HEAT_LEVELS - 1;
  return Math.min(HEAT_LEVELS - 1, 1 + Math.floor(((HEAT_LEVELS - 1) * reviews) / reference));
}

/** What a day is shaded against: the 95th percentile of days with reviews, so one marathon day does not wash out the rest. */
export function heatReference(counts: readonly number[]): number {
  const active = counts.filter((count) => count > 0).sort((a, b) => a - b);
  if (!active.length) return 0;
  return active[Math.min(active.length - 1, Math.floor(active.length * 0.95))]!;
}

export function heatmapGrid(activity: readonly DayActivity[], firstDay: string, today: string): HeatmapGrid {
  const first = dayNumber(firstDay);
  const last = dayNumber(today);
  const monday = first - weekdayOf(first);
  const byDay = new Map(activity.map((day) => [day.day, day]));
  const cells: HeatmapCell[] = [];
  for (let day = first; day <= last; day++) {
    const key = dayKey(day);
    const found = byDay.get(key);
    cells.push({ day: key, week: Math.floor((day - monday) / 7), weekday: weekdayOf(day), reviews: found?.reviews ?? 0, timeMs: found?.timeMs ?? 0, level: 0 });
  }
  const reference = heatReference(cells.map((cell) => cell.reviews));
  let busiest: HeatmapCell | null = null;
  let totalReviews = 0;
  let activeDays = 0;
  for (const cell of cells) {
    cell.level = heatLevel(cell.reviews, reference);
    totalReviews += cell.reviews;
    if (cell.reviews > 0) activeDays++;
    if (cell.reviews > (busiest?.reviews ?? 0)) busiest = cell;
  }
  return { weeks: last >= first ? Math.floor((last - monday) / 7) + 1 : 0, cells, months: monthMarks(cells), totalReviews, activeDays, busiest };
}

function monthMarks(cells: readonly HeatmapCell[]): MonthMark[] {
  const marks: MonthMark[] = [];
  const first = cells[0];
  if (first) marks.push({ week: 0, month: Number(first.day.slice(5, 7)) - 1 });
  for (const cell of cells) {
    if (cell !== first && cell.day.endsWith('-01')) marks.push({ week: cell.week, month: Number(cell.day.slice(5, 7)) - 1 });
  }
  return marks.filter((mark, i) => !(marks[i + 1] && marks[i + 1]!.week - mark.week < MONTH_GAP_WEEKS));
}

export interface HeatmapLayout {
  /** A cell's side in pixels. */
  cell: number;
  /** The first week column drawn: 0, unless the width holds only the latest weeks at the smallest cells. */
  firstWeek: number;
  /** Where the first column starts: after the weekday names, and centred when the cells reach their largest. */
  left: number;
  top: number;
  /** The chart's whole height: month names, seven rows, the colour key. */
  height: number;
}

const WEEKDAY_LABELS_PX = 34;
const MONTH_LABELS_PX = 22;
const KEY_PX = 30;
const MIN_CELL_PX = 8;
const MAX_CELL_PX = 20;

/** Square cells as large as `width` allows for `weeks` columns, within bounds; too narrow a width drops the oldest weeks. */
export function heatmapLayout(width: number, weeks: number): HeatmapLayout {
  const room = Math.max(0, width - WEEKDAY_LABELS_PX - 8);
  const cell = Math.min(MAX_CELL_PX, Math.max(MIN_CELL_PX, Math.floor(room / Math.max(1, weeks))));
  const shown = Math.max(1, Math.min(weeks, Math.floor(room / cell)));
  const left = WEEKDAY_LABELS_PX + Math.max(0, Math.floor((room - cell * shown) / 2));
  return { cell, firstWeek: weeks - shown, left, top: MONTH_LABELS_PX, height: MONTH_LABELS_PX + 7 * cell + KEY_PX };
}
