/**
 * The one module that imports ECharts: only the pieces the app draws (bars, a heatmap with its piecewise
 * colour key, a grid, tooltips) on the canvas renderer, so the bundle carries no more of the library than
 * it uses. Canvas drawing needs no eval and no inline script, so it runs under the app's CSP.
 */
import { BarChart, HeatmapChart, type BarSeriesOption, type HeatmapSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  TooltipComponent,
  VisualMapPiecewiseComponent,
  type GridComponentOption,
  type TooltipComponentOption,
  type VisualMapComponentOption,
} from 'echarts/components';
import { init, use, type ComposeOption, type ECharts } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

/** Everything a chart in the app may be given: the parts registered below, and nothing else. */
export type ChartOption = ComposeOption<BarSeriesOption | HeatmapSeriesOption | GridComponentOption | TooltipComponentOption | VisualMapComponentOption>;

export interface ChartHandle {
  /** Draws `option`; `replace` starts from scratch (new colours), otherwise it is merged (new size). */
  draw(option: ChartOption, replace: boolean): void;
  resize(): void;
  dispose(): void;
}

let registered = false;

function register(): void {
  if (registered) return;
  use([BarChart, HeatmapChart, GridComponent, TooltipComponent, VisualMapPiecewiseComponent, CanvasRenderer]);
  registered = true;
}

/** Whether the person asked their system for less motion: charts are then drawn at once, without growing into place. */
function reducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** A chart drawn into `element`, which must have a size (the chart fills it). */
export function createChart(element: HTMLElement): ChartHandle {
  register();
  const chart: ECharts = init(element, null, { renderer: 'canvas' });
  return {
    draw: (option, replace) => chart.setOption({ ...option, animation: !reducedMotion() }, { notMerge: replace, lazyUpdate: !replace }),
    resize: () => chart.resize(),
    dispose: () => chart.dispose(),
  };
}
