/**
 * Who may talk to the web host: only this machine (loopback), only with this launch's secret, and only
 * under the host's own name (against DNS rebinding) and from its own origin (against other pages).
 */
import { timingSafeEqual } from 'node:crypto';

export interface RequestFacts {
  remoteAddress: string | undefined;
  host: string | undefined;
  origin: string | undefined;
  authorization: string | undefined;
  /** The key in the event stream's address (`/api/events?key=…`): EventSource cannot send headers. */
  addressKey: string | undefined;
}

export type GuardVerdict =
  | { allowed: true }
  | { allowed: false; status: 401 | 403 | 421; reason: string };

export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return v4 === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

export function secretsEqual(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The key a request carries: a bearer token, never a cookie. Browsers send a host's cookies to every port of it,
 * so a cookie for 127.0.0.1 would hand this launch's key to any other local server the browser visits.
 */
export function presentedSecret(facts: RequestFacts): string | undefined {
  return facts.authorization?.match(/^Bearer (.+)$/)?.[1] ?? facts.addressKey;
}

/** The names this host answers to; anything else in `Host` or `Origin` is refused. */
export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`];
}

/** Checks everything but the secret: which machine, which host name, which origin. */
export function checkPlace(facts: RequestFacts, port: number): GuardVerdict {
  if (!isLoopbackAddress(facts.remoteAddress)) {
    return { allowed: false, status: 403, reason: 'Focal’s web host answers only this computer.' };
  }
  const hosts = allowedHosts(port);
  if (!facts.host || !hosts.includes(facts.host.toLowerCase())) {
    return { allowed: false, status: 421, reason: 'This request was addressed to a host name Focal does not use.' };
  }
  if (facts.origin !== undefined && !hosts.some((host) => facts.origin === `http://${host}`)) {
    return { allowed: false, status: 403, reason: 'Requests from other web pages are refused.' };
  }
  return { allowed: true };
}

export function checkRequest(facts: RequestFacts, port: number, secret: string): GuardVerdict {
  const place = checkPlace(facts, port);
  if (!place.allowed) return place;
  const given = presentedSecret(facts);
  if (given === undefined || !secretsEqual(given, secret)) {
    return { allowed: false, status: 401, reason: 'Open Focal with the address that “npm start” (or “npm run web”) printed: it carries this launch’s key.' };
  }
  return { allowed: true };
}
