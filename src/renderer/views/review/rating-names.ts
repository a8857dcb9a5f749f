/**
 * What a screen reader says for the review's buttons: the action first, then when the card comes back and its
 * key ("Again, in 1 minute (key 1)"), while the buttons keep showing the short interval above the name.
 */

const UNITS: Record<string, [one: string, many: string]> = {
  m: ['minute', 'minutes'],
  h: ['hour', 'hours'],
  d: ['day', 'days'],
  mo: ['month', 'months'],
  y: ['year', 'years'],
};

/** A rating button's interval label ("<1m", "10m", "1.5h", "3d", "1.5mo", "2y") in words; unknown forms as they are. */
export function spokenInterval(label: string): string {
  if (label === '<1m') return 'less than a minute';
  const match = /^(\d+(?:\.\d+)?)(mo|m|h|d|y)$/.exec(label);
  if (!match) return label;
  const [, amount, unit] = match;
  const [one, many] = UNITS[unit!]!;
  return `${amount} ${amount === '1' ? one : many}`;
}

export function ratingButtonName(rating: string, intervalLabel: string, key: string): string {
  return `${rating}, in ${spokenInterval(intervalLabel)} (key ${key})`;
}
