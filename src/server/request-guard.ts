/**
 * Who may talk to the web host: only this machine (loopback), only with this launch's secret, and only
 * under the host's own name (against DNS rebinding) and from its own origin (against other pages).
 */
import { timingSafeEqual } from 'node:crypto';

/**
 * The session cookie's name, with the host's port: browsers keep cookies by host alone, so two Focal hosts at once
 * (two profiles, or a test run beside the app) would otherwise overwrite each other's key.
 */
export function sessionCookie(port: number): string {
  return `focal_session_${port}`;
}

export interface RequestFacts {
  remoteAddress: string | undefined;
  host: string | undefined;
  origin: string | undefined;
  cookie: string | undefined;
  authorization: string | undefined;
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

export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

export function presentedSecret(facts: RequestFacts, port: number): string | undefined {
  const bearer = facts.authorization?.match(/^Bearer (.+)$/)?.[1];
  return bearer ?? readCookie(facts.cookie, sessionCookie(port));
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
  const given = presentedSecret(facts, port);
  if (given === undefined || !secretsEqual(given, secret)) {
    return { allowed: false, status: 401, reason: 'Open Focal with the address that `npm run web` printed; it carries this launch’s key.' };
  }
  return { allowed: true };
}
