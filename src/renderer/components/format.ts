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
  const show = unit === 'bytes' ? formatBytes : (n: number) => n.toLocaleString();
  const suffix = unit === 'bytes' ? '' : ` ${unit}`;
  return total === null ? `${show(done)}${suffix}` : `${show(done)} of ${show(total)}${suffix}`;
}
