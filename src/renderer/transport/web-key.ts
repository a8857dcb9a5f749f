/**
 * The web host's launch key, as the page keeps it. The host's address hands it over once in the fragment
 * (`/#key=…`, never sent to any server); the page keeps it in localStorage and sends it as a bearer token.
 * Not a cookie: browsers send a host's cookies to every port of it, so a cookie for 127.0.0.1 would reach any
 * other local server the browser visits. localStorage belongs to one origin, port included.
 */
const STORED_KEY = 'focal.webKey';

export interface KeyPlace {
  readonly hash: string;
  /** Drops the fragment from the address bar, so the key is not left on screen or in the history. */
  forgetHash(): void;
}

export interface WebKey {
  /** The key to send: the one the address handed over, else the one kept. */
  key: string | undefined;
  /** The key kept from an earlier launch or tab, when the address handed over another one (to fall back to). */
  kept: string | undefined;
  /** Keeps the key the address handed over, once the host has accepted it; does nothing for the kept one. */
  keep(): void;
}

/**
 * Takes the key from the address's fragment, or the key kept last time. A key from the address is kept only once
 * the host accepts it (`keep`): any page could link to "/#key=nonsense", and kept at once, it locked every tab out.
 */
export function takeWebKey(place: KeyPlace, storage: Pick<Storage, 'getItem' | 'setItem'>): WebKey {
  const kept = storage.getItem(STORED_KEY) ?? undefined;
  const given = new URLSearchParams(place.hash.replace(/^#/, '')).get('key');
  if (!given) return { key: kept, kept: undefined, keep: () => {} };
  place.forgetHash();
  return { key: given, kept: kept !== given ? kept : undefined, keep: () => storage.setItem(STORED_KEY, given) };
}
