/**
 * The stats screen's charts as chart options: pure functions of the statistics, the theme's colours and
 * the size drawn at, so each is redrawn by calling it again.
 */
import type { CardCounts, DayActivity, RetentionBand } from '../../../core/scheduling/statistics';
import { mixColors, type ChartFrame, type ChartPalette } from '../../components/charts/chart-palette';
import type { ChartOption } from '../../components/charts/echarts-chart';
import { plural } from '../../components/format';
import { dayKey, dayNumber } from './calendar-days';
import { HEAT_LEVELS, type HeatmapGrid, type HeatmapLayout } from './heatmap-grid';
import { bandLabel, formatDuration, formatPercent, type DayFormat } from './stats-format';

type CountedState = Exclude<keyof CardCounts, 'total'>;

/** The card states in the order the screen lists them, each with its colour. */
export const CARD_STATES: ReadonlyArray<{ key: CountedState; label: string; color: (palette: ChartPalette) => string }> = [
  { key: 'new', label: 'New', color: (p) => p.accent },
  { key: 'learning', label: 'Learning', color: (p) => p.heat },
  { key: 'review', label: 'Review', color: (p) => p.success },
  { key: 'relearning', label: 'Relearning', color: (p) => p.danger },
  { key: 'suspended', label: 'Suspended', color: (p) => p.textMuted },
  { key: 'buried', label: 'Buried', color: (p) => p.borderStrong },
];

/** The shades of the heatmap, from no reviews (the sunken surface) to the most (the accent). */
export function heatColors(palette: ChartPalette): string[] {
  return Array.from({ length: HEAT_LEVELS }, (_, level) => (level === 0 ? palette.surfaceSunken : mixColors(palette.surfaceSunken, palette.accent, [0, 0.3, 0.52, 0.76, 1][level]!)));
}

/** The index of the hovered item, whichever shape the tooltip hands over. */
function hoveredIndex(params: unknown): number {
  const item: unknown = Array.isArray(params) ? params[0] : params;
  return typeof item === 'object' && item !== null && typeof (item as { dataIndex?: unknown }).dataIndex === 'number' ? (item as { dataIndex: number }).dataIndex : 0;
}

function tooltipLine(title: string, detail: string): string {
  return `<div style="font-weight:600;margin-bottom:2px">${title}</div><div>${detail}</div>`;
}

function base(p: ChartPalette): ChartOption {
  return {
    animationDuration: 450,
    animationDurationUpdate: 200,
    textStyle: { fontFamily: p.fontFamily, color: p.textMuted },
    tooltip: {
      confine: true,
      backgroundColor: p.surface,
      borderColor: p.border,
      borderWidth: 1,
      padding: [8, 12],
      textStyle: { color: p.text, fontSize: 12, fontFamily: p.fontFamily },
      extraCssText: 'border-radius: 8px; box-shadow: 0 6px 20px rgba(0, 0, 0, 0.18);',
    },
  };
}

/** The tooltip of a bar chart: the hovered bar's column shaded in `tint`, its text from the bar's index. */
function barTooltip(p: ChartPalette, tint: string, text: (index: number) => string): ChartOption['tooltip'] {
  return {
    ...base(p).tooltip,
    trigger: 'axis',
    axisPointer: { type: 'shadow', shadowStyle: { color: mixColors(p.surface, tint, 0.08) } },
    formatter: (params: unknown) => text(hoveredIndex(params)),
  };
}

function axisStyle(p: ChartPalette) {
  return {
    axisLine: { show: true, lineStyle: { color: p.border } },
    axisTick: { show: false },
    axisLabel: { color: p.textMuted, fontSize: 11 },
    splitLine: { show: true, lineStyle: { color: p.border, type: 'dashed' as const } },
  };
}

/** Plot areas keep their axis labels inside these margins (the default lets labels run to the canvas edge, clipping descenders). */
const PLOT_GRID = { left: 4, right: 12, top: 24, bottom: 6, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' } as const;

export function heatmapOption(grid: HeatmapGrid, layout: HeatmapLayout, frame: ChartFrame, format: DayFormat): ChartOption {
  const p = frame.palette;
  const first = layout.firstWeek;
  const weeks = grid.weeks - first;
  const cells = first > 0 ? grid.cells.filter((cell) => cell.week >= first) : grid.cells;
  const months = new Map(grid.months.filter((mark) => mark.week >= first).map((mark) => [mark.week - first, format.month(mark.month)]));
  const gridWidth = layout.cell * weeks;
  return {
    ...base(p),
    tooltip: {
      ...base(p).tooltip,
      formatter: (params: unknown) => {
        const cell = cells[hoveredIndex(params)];
        if (!cell) return '';
        return tooltipLine(format.fullDay(cell.day), cell.reviews ? `${plural(cell.reviews, 'review')} · ${formatDuration(cell.timeMs)}` : 'No reviews');
      },
    },
    grid: { left: layout.left, top: layout.top, width: gridWidth, height: layout.cell * 7, outerBoundsMode: 'none' },
    xAxis: {
      type: 'category',
      position: 'top',
      data: Array.from({ length: weeks }, (_, week) => String(week)),
      axisLine: { show: false },
      axisTick: { show: false },
      splitLine: { show: false },
      axisLabel: { interval: 0, align: 'left', color: p.textMuted, fontSize: 11, margin: 6, formatter: (value: string) => months.get(Number(value)) ?? '' },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: Array.from({ length: 7 }, (_, weekday) => format.weekday(weekday)),
      axisLine: { show: false },
      axisTick: { show: false },
      splitLine: { show: false },
      axisLabel: { interval: 0, color: p.textMuted, fontSize: 10, margin: 8, formatter: (value: string, index: number) => (index % 2 === 0 ? value : '') },
    },
    visualMap: {
      type: 'piecewise',
      seriesIndex: 0,
      dimension: 2,
      pieces: heatColors(p).map((color, level) => ({ value: level, color })),
      orient: 'horizontal',
      right: Math.max(0, frame.width - layout.left - gridWidth),
      top: layout.top + layout.cell * 7 + 10,
      padding: 0,
      itemWidth: 11,
      itemHeight: 11,
      itemGap: 3,
      showLabel: false,
      text: ['More', 'Less'],
      textGap: 6,
      textStyle: { color: p.textMuted, fontSize: 11 },
      selectedMode: false,
      hoverLink: false,
    },
    series: [
      {
        type: 'heatmap',
        data: cells.map((cell) => [cell.week - first, cell.weekday, cell.level]),
        itemStyle: { borderColor: p.surface, borderWidth: Math.max(1, Math.round(layout.cell / 6)), borderRadius: Math.max(2, Math.round(layout.cell / 5)) },
        emphasis: { itemStyle: { borderColor: p.text, borderWidth: 1 } },
        progressive: 0,
      },
    ],
  };
}

/** Cards due on each of the next days; the first bar (today) includes overdue cards. */
export function forecastOption(forecast: readonly number[], today: string, frame: ChartFrame, format: DayFormat): ChartOption {
  const p = frame.palette;
  const first = dayNumber(today);
  const days = forecast.map((_, i) => dayKey(first + i));
  return {
    ...base(p),
    tooltip: barTooltip(p, p.accent, (i) => tooltipLine(i === 0 ? 'Today, with overdue cards' : format.fullDay(days[i]!), `${plural(forecast[i] ?? 0, 'card')} due`)),
    grid: PLOT_GRID,
    xAxis: { type: 'category', data: days.map((day, i) => (i === 0 ? 'Today' : format.day(day))), ...axisStyle(p), splitLine: { show: false }, axisLabel: { color: p.textMuted, fontSize: 11, interval: 6 } },
    yAxis: { type: 'value', minInterval: 1, ...axisStyle(p), axisLine: { show: false } },
    series: [{ type: 'bar', data: [...forecast], barCategoryGap: '28%', itemStyle: { color: p.accent, borderRadius: [3, 3, 0, 0] } }],
  };
}

/**
 * Time spent reviewing on each of the given days, in minutes, or in seconds while no day reaches two minutes (a
 * first week's "0.05 min" said less than "3 s").
 */
export function timeSpentOption(days: readonly DayActivity[], frame: ChartFrame, format: DayFormat): ChartOption {
  const p = frame.palette;
  const last = days.length - 1;
  const inSeconds = Math.max(0, ...days.map((day) => day.timeMs)) < 120_000;
  const [unitMs, unit] = inSeconds ? [1000, 's'] : [60_000, 'min'];
  return {
    ...base(p),
    tooltip: barTooltip(p, p.success, (i) => {
      const day = days[i];
      return day ? tooltipLine(format.fullDay(day.day), day.reviews ? `${formatDuration(day.timeMs)} · ${plural(day.reviews, 'review')}` : 'No reviews') : '';
    }),
    grid: PLOT_GRID,
    xAxis: {
      type: 'category',
      data: days.map((day, i) => (i === last ? 'Today' : format.day(day.day))),
      ...axisStyle(p),
      splitLine: { show: false },
      // Label every seventh day counted back from today, so today's is always shown.
      axisLabel: { color: p.textMuted, fontSize: 11, interval: (index: number) => (last - index) % 7 === 0 },
    },
    yAxis: { type: 'value', ...axisStyle(p), axisLine: { show: false }, axisLabel: { color: p.textMuted, fontSize: 11, formatter: `{value} ${unit}` } },
    series: [{ type: 'bar', data: days.map((day) => Math.round((10 * day.timeMs) / unitMs) / 10), barCategoryGap: '28%', itemStyle: { color: p.success, borderRadius: [3, 3, 0, 0] } }],
  };
}

/** True retention per interval band as bars of percentages, the number of reviews under each; empty bands read "no data". */
export function retentionOption(bands: readonly RetentionBand[], frame: ChartFrame): ChartOption {
  const p = frame.palette;
  return {
    ...base(p),
    tooltip: barTooltip(p, p.success, (i) => {
      const band = bands[i];
      if (!band) return '';
      const detail = band.retention === null ? 'No reviews yet' : `${formatPercent(band.retention)} remembered · ${band.passed.toLocaleString()} of ${plural(band.reviews, 'review')}`;
      return tooltipLine(`${bandLabel(band)} since the last review`, detail);
    }),
    grid: { ...PLOT_GRID, top: 28 },
    xAxis: {
      type: 'category',
      data: bands.map((band) => bandLabel(band)),
      ...axisStyle(p),
      splitLine: { show: false },
      axisLabel: {
        interval: 0,
        color: p.textMuted,
        fontSize: 11,
        lineHeight: 16,
        formatter: (value: string, index: number) => `{name|${value}}\n{count|${bands[index]?.reviews ? plural(bands[index]!.reviews, 'review') : 'no reviews'}}`,
        rich: { name: { color: p.text, fontSize: 11, fontWeight: 500 }, count: { color: p.textMuted, fontSize: 10 } },
      },
    },
    yAxis: { type: 'value', min: 0, max: 100, interval: 25, ...axisStyle(p), axisLine: { show: false }, axisLabel: { color: p.textMuted, fontSize: 11, formatter: '{value}%' } },
    series: [
      {
        type: 'bar',
        data: bands.map((band) => (band.retention === null ? 0 : Math.round(band.retention * 1000) / 10)),
        barMaxWidth: 56,
        itemStyle: { color: p.success, borderRadius: [4, 4, 0, 0] },
        label: {
          show: true,
          position: 'top',
          fontSize: 11,
          color: p.text,
          formatter: (params: unknown) => {
            const band = bands[hoveredIndex(params)];
            return band?.retention === null || !band ? 'no data' : formatPercent(band.retention);
          },
        },
      },
    ],
  };
}

/** Cards by state as horizontal bars, one colour per state, each labelled with its count. */
export function cardStatesOption(counts: CardCounts, frame: ChartFrame): ChartOption {
  const p = frame.palette;
  const total = Math.max(1, CARD_STATES.reduce((sum, state) => sum + counts[state.key], 0));
  return {
    ...base(p),
    tooltip: {
      ...base(p).tooltip,
      trigger: 'item',
      formatter: (params: unknown) => {
        const state = CARD_STATES[hoveredIndex(params)];
        return state ? tooltipLine(state.label, `${plural(counts[state.key], 'card')} · ${formatPercent(counts[state.key] / total)}`) : '';
      },
    },
    grid: { ...PLOT_GRID, right: 48, top: 4 },
    xAxis: { type: 'value', minInterval: 1, ...axisStyle(p), axisLine: { show: false }, axisLabel: { show: false } },
    yAxis: { type: 'category', inverse: true, data: CARD_STATES.map((state) => state.label), ...axisStyle(p), splitLine: { show: false }, axisLabel: { color: p.text, fontSize: 12, margin: 12 } },
    series: [
      {
        type: 'bar',
        data: CARD_STATES.map((state) => ({ value: counts[state.key], itemStyle: { color: state.color(p) } })),
        barCategoryGap: '32%',
        itemStyle: { borderRadius: [0, 4, 4, 0] },
        label: { show: true, position: 'right', color: p.text, fontSize: 11, formatter: (params: unknown) => counts[CARD_STATES[hoveredIndex(params)]?.key ?? 'new'].toLocaleString() },
      },
    ],
  };
}
