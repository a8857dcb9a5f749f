/**
 * Orders strings by their UTF-16 code units, as `<` does: the same order on every machine and locale (unlike
 * `localeCompare`), for ties broken by ids and keys so that results never depend on where they were computed.
 */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
