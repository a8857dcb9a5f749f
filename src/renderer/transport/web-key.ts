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

/** Takes the key from the address's fragment when it carries one, keeping it; otherwise the key kept last time. */
export function takeWebKey(place: KeyPlace, storage: Pick<Storage, 'getItem' | 'setItem'>): string | undefined {
  const given = new URLSearchParams(place.hash.replace(/^#/, '')).get('key');
  if (given) {
    storage.setItem(STORED_KEY, given);
    place.forgetHash();
    return given;
  }
  return storage.getItem(STORED_KEY) ?? undefined;
}

