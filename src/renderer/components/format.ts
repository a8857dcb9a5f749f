/** Human-readable counts, progress amounts, file sizes and durations. */

/** "1 card", "2 cards", "1,204 sentences": a count with its noun in the right number. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString()} ${count === 1 ? one : many}`;
}

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

export function formatAmount(done: number, total: number | null, unit: 'bytes' | 'pages' | 'items' | 'steps'): string {
  // Nothing counted and nothing known yet (a worker starting, a model loading): no "0 items" to puzzle over.
  if (done === 0 && total === null) return '';
  if (unit === 'bytes') return total === null ? formatBytes(done) : `${formatBytes(done)} of ${formatBytes(total)}`;
  // The noun agrees with the last number: "1 page", "1 of 1 item", "1 of 3 items".
  const one = unit.slice(0, -1);
  return total === null ? plural(done, one) : `${done.toLocaleString()} of ${plural(total, one)}`;
}

/** "45 s", "3 min", "1 h 20 min". */
export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
