import { describe, expect, it } from 'vitest';
import { checkRequest, isLoopbackAddress, readCookie, type RequestFacts } from './request-guard';

const PORT = 4100;
const SECRET = 'launch-secret';
const good: RequestFacts = {
  remoteAddress: '127.0.0.1',
  host: `127.0.0.1:${PORT}`,
  origin: undefined,
  cookie: `other=1; focal_session_${PORT}=${SECRET}`,
  authorization: undefined,
};

describe('the web host’s request guard', () => {
  it('knows loopback addresses, IPv4-mapped ones included', () => {
    for (const address of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1']) expect(isLoopbackAddress(address)).toBe(true);
    for (const address of ['10.0.0.5', '192.168.1.2', '::ffff:10.0.0.5', 'fe80::1', '', undefined]) expect(isLoopbackAddress(address)).toBe(false);
  });

  it('lets the app’s own page in with the session cookie or the bearer secret', () => {
    expect(checkRequest(good, PORT, SECRET)).toEqual({ allowed: true });
    expect(checkRequest({ ...good, cookie: undefined, authorization: `Bearer ${SECRET}` }, PORT, SECRET)).toEqual({ allowed: true });
    expect(checkRequest({ ...good, host: `localhost:${PORT}`, origin: `http://localhost:${PORT}` }, PORT, SECRET)).toEqual({ allowed: true });
  });

  it('refuses any non-loopback address, even with the secret', () => {
    expect(checkRequest({ ...good, remoteAddress: '192.168.0.7' }, PORT, SECRET)).toMatchObject({ allowed: false, status: 403 });
  });

  it('refuses a missing or wrong secret', () => {
    expect(checkRequest({ ...good, cookie: undefined }, PORT, SECRET)).toMatchObject({ allowed: false, status: 401 });
    expect(checkRequest({ ...good, cookie: `focal_session_${PORT}=guess` }, PORT, SECRET)).toMatchObject({ allowed: false, status: 401 });
    // Another host's cookie (another port) is not this one's key, even when it holds the same value.
    expect(checkRequest({ ...good, cookie: `focal_session_${PORT + 1}=${SECRET}` }, PORT, SECRET)).toMatchObject({ allowed: false, status: 401 });
    expect(checkRequest({ ...good, cookie: undefined, authorization: 'Bearer guess' }, PORT, SECRET)).toMatchObject({ allowed: false, status: 401 });
  });

  it('refuses foreign host names (DNS rebinding) and foreign origins', () => {
    expect(checkRequest({ ...good, host: `evil.example:${PORT}` }, PORT, SECRET)).toMatchObject({ allowed: false, status: 421 });
    expect(checkRequest({ ...good, host: '127.0.0.1:9999' }, PORT, SECRET)).toMatchObject({ allowed: false, status: 421 });
    expect(checkRequest({ ...good, origin: 'https://evil.example' }, PORT, SECRET)).toMatchObject({ allowed: false, status: 403 });
    expect(checkRequest({ ...good, origin: 'null' }, PORT, SECRET)).toMatchObject({ allowed: false, status: 403 });
  });

  it('reads one cookie out of a header of several', () => {
    expect(readCookie('a=1; focal_session=x=y; b=2', 'focal_session')).toBe('x=y');
    expect(readCookie(undefined, 'focal_session')).toBeUndefined();
  });
});
