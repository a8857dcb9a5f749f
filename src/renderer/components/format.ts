/** Human-readable counts, progress amounts, file sizes and durations. */
import type { TaskProgress } from '../../shared/contract';

/** "1 card", "2 cards", "1,204 sentences": a count with its noun in the right number. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString()} ${count === 1 ? one : many}`;
}

/** A card's prompt cut to fit a line of a message or a button's label. */
export const cardExcerpt = (text: string): string => (text.length > 60 ? `${text.slice(0, 57).trimEnd()}…` : text);

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

export function formatAmount(done: number, total: number | null, unit: TaskProgress['unit']): string {
  // Nothing counted and nothing known yet (a worker starting, a model loading): no "0 items" to puzzle over.
  if (done === 0 && total === null) return '';
  if (unit === 'bytes') return total === null ? formatBytes(done) : `${formatBytes(done)} of ${formatBytes(total)}`;
  // The noun agrees with the last number: "1 page", "1 of 1 item", "1 of 3 items".
  const one = unit.slice(0, -1);
  return total === null ? plural(done, one) : `${done.toLocaleString()} of ${plural(total, one)}`;
}

/** "0 min" for none, "45 s", "2 min 30 s" (under ten minutes), "12 min", "1 h 5 min". */
export function formatDuration(ms: number): string {
  const seconds = Math.round(Math.max(0, ms) / 1000);
  // Time was spent, too little to round to a second (a quick card): "0 min" would say none was.
  if (seconds === 0) return ms > 0 ? 'under 1 s' : '0 min';
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 600) {
    const rest = seconds % 60;
    return rest ? `${Math.floor(seconds / 60)} min ${rest} s` : `${seconds / 60} min`;
  }
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
}

/** A text cut to `max` characters with "…", for quoting in a line of status. */
export function shortened(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max).trimEnd()}…` : flat;
}
