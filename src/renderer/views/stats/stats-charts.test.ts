import { describe, expect, it } from 'vitest';
import { RETENTION_BANDS, type RetentionBand } from '../../../core/scheduling/statistics';
import type { ChartFrame, ChartPalette } from '../../components/charts/chart-palette';
import { heatmapGrid, heatmapLayout } from './heatmap-grid';
import { cardStatesOption, forecastOption, heatColors, heatmapOption, retentionOption, timeSpentOption } from './stats-charts';
import { DayFormat } from './stats-format';

const palette: ChartPalette = {
  text: '#111111',
  textMuted: '#666666',
  border: '#dddddd',
  borderStrong: '#cccccc',
  surface: '#ffffff',
  surfaceSunken: '#eeeeee',
  accent: '#3355dd',
  success: '#22aa44',
  danger: '#dd4411',
  heat: '#ffd43b',
  fontFamily: 'system-ui',
};
const frame: ChartFrame = { palette, width: 600, height: 240 };

// The option's parts as this test reads them (the chart library's own types are unions too wide to index).
interface Series {
  data: unknown[];
  label: { formatter: (params: { dataIndex: number }) => string };
}
const seriesOf = (option: object) => (option as { series: Series[] }).series[0]!;

describe('chart options', () => {
  it('shade the heatmap from the sunken surface to the accent colour', () => {
    const colors = heatColors(palette);
    expect(colors).toHaveLength(5);
    expect(colors[0]).toBe('#eeeeee');
    expect(colors[4]).toBe('#3355dd');
  });

  it('draw retention as percentages and label empty bands "no data"', () => {
    const bands: RetentionBand[] = RETENTION_BANDS.map((band, i) => ({ ...band, reviews: i === 0 ? 8 : 0, passed: i === 0 ? 7 : 0, retention: i === 0 ? 7 / 8 : null }));
    const series = seriesOf(retentionOption(bands, frame));
    expect(series.data).toEqual([87.5, 0, 0, 0, 0]);
    expect(series.label.formatter({ dataIndex: 0 })).toBe('87.5%');
    expect(series.label.formatter({ dataIndex: 1 })).toBe('no data');
  });

  it('colour each card state and label it with its count', () => {
    const counts = { new: 3, learning: 2, review: 1200, relearning: 1, suspended: 0, buried: 1, total: 1207 };
    const series = seriesOf(cardStatesOption(counts, frame));
    expect(series.data).toEqual([
      { value: 3, itemStyle: { color: '#3355dd' } },
      { value: 2, itemStyle: { color: '#ffd43b' } },
      { value: 1200, itemStyle: { color: '#22aa44' } },
      { value: 1, itemStyle: { color: '#dd4411' } },
      { value: 0, itemStyle: { color: '#666666' } },
      { value: 1, itemStyle: { color: '#cccccc' } },
    ]);
    expect(series.label.formatter({ dataIndex: 2 })).toBe((1200).toLocaleString());
  });

  it('label the forecast from today onwards', () => {
    const option = forecastOption([4, 0, 2], '2025-03-14', frame, new DayFormat('en-US')) as { xAxis: { data: string[] } };
    expect(option.xAxis.data).toEqual(['Today', 'Mar 15', 'Mar 16']);
    expect(seriesOf(option).data).toEqual([4, 0, 2]);
  });

  it('draw only the latest weeks of the heatmap when the card is too narrow for all of them', () => {
    const grid = heatmapGrid([{ day: '2025-03-14', reviews: 3, timeMs: 1 }], '2024-03-11', '2025-03-14');
    const layout = heatmapLayout(300, grid.weeks);
    const option = heatmapOption(grid, layout, { ...frame, width: 300 }, new DayFormat('en-US')) as { xAxis: { data: string[] } };
    const shown = grid.weeks - layout.firstWeek;
    expect(option.xAxis.data).toHaveLength(shown);
    const data = seriesOf(option).data as number[][];
    expect(data.at(-1)).toEqual([shown - 1, 4, 4]);
    expect(Math.min(...data.map(([week]) => week!))).toBe(0);
  });

  it('count time in seconds while no day reaches two minutes, in minutes after', () => {
    const axisUnit = (option: object) => (option as { yAxis: { axisLabel: { formatter: string } } }).yAxis.axisLabel.formatter;
    const first = [{ day: '2026-11-29', reviews: 0, timeMs: 0 }, { day: '2026-11-30', reviews: 6, timeMs: 12_000 }];
    expect(axisUnit(timeSpentOption(first, frame, new DayFormat('en-GB')))).toBe('{value} s');
    expect(seriesOf(timeSpentOption(first, frame, new DayFormat('en-GB'))).data).toEqual([0, 12]);
    const later = [...first, { day: '2026-12-01', reviews: 40, timeMs: 9 * 60_000 }];
    expect(axisUnit(timeSpentOption(later, frame, new DayFormat('en-GB')))).toBe('{value} min');
    expect(seriesOf(timeSpentOption(later, frame, new DayFormat('en-GB'))).data).toEqual([0, 0.2, 9]);
  });
});
