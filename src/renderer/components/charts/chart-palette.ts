/**
 * The colours charts draw with, read from the theme's CSS variables at draw time (a canvas cannot use
 * `var(--…)`), so light and dark both come from styles.css and nowhere else.
 */

export interface ChartPalette {
  text: string;
  textMuted: string;
  border: string;
  borderStrong: string;
  surface: string;
  surfaceSunken: string;
  accent: string;
  success: string;
  danger: string;
  heat: string;
  fontFamily: string;
}

/** What a chart's option is built from: the colours and the size it is drawn at. */
export interface ChartFrame {
  palette: ChartPalette;
  width: number;
  height: number;
}

const VARIABLES: Record<Exclude<keyof ChartPalette, 'fontFamily'>, string> = {
  text: '--text',
  textMuted: '--text-muted',
  border: '--border',
  borderStrong: '--border-strong',
  surface: '--surface',
  surfaceSunken: '--surface-sunken',
  accent: '--accent',
  success: '--success',
  danger: '--danger',
  heat: '--heat-color',
};

/** The palette in effect for `element` (its inherited custom properties and font). */
export function readChartPalette(element: Element): ChartPalette {
  const style = getComputedStyle(element);
  const palette = { fontFamily: style.fontFamily } as ChartPalette;
  for (const [key, variable] of Object.entries(VARIABLES) as Array<[keyof typeof VARIABLES, string]>) {
    palette[key] = style.getPropertyValue(variable).trim() || '#888888';
  }
  return palette;
}

function parseHex(color: string): [number, number, number] | null {
  const match = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim());
  if (!match) return null;
  const hex = match[1]!.length === 3 ? [...match[1]!].map((c) => c + c).join('') : match[1]!;
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

/** `from` moved a fraction `t` of the way to `to`, channel by channel in sRGB (as CSS `color-mix(in srgb …)`); `to` when either is not a hex colour. */
export function mixColors(from: string, to: string, t: number): string {
  const a = parseHex(from);
  const b = parseHex(to);
  if (!a || !b) return to;
  const channel = (i: number) => Math.round(a[i]! + (b[i]! - a[i]!) * Math.min(1, Math.max(0, t)));
  return `#${[0, 1, 2].map((i) => channel(i).toString(16).padStart(2, '0')).join('')}`;
}
