/** Human-readable amounts for progress and file sizes. */
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
  const show = unit === 'bytes' ? formatBytes : (n: number) => n.toLocaleString();
  const suffix = unit === 'bytes' ? '' : ` ${unit}`;
  return total === null ? `${show(done)}${suffix}` : `${show(done)} of ${show(total)}${suffix}`;
}

/** "45 s", "3 min", "1 h 20 min". */
export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
