import { describe, expect, it } from 'vitest';
import { checkRequest, isLoopbackAddress, type RequestFacts } from './request-guard';

const PORT = 4100;
const SECRET = 'launch-secret';
const good: RequestFacts = {
  remoteAddress: '127.0.0.1',
  host: `127.0.0.1:${PORT}`,
  origin: undefined,
  authorization: `Bearer ${SECRET}`,
  addressKey: undefined,
};

describe('the web host’s request guard', () => {
  it('knows loopback addresses, IPv4-mapped ones included', () => {
    for (const address of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1']) expect(isLoopbackAddress(address)).toBe(true);
    for (const address of ['10.0.0.5', '192.168.1.2', '::ffff:10.0.0.5', 'fe80::1', '', undefined]) expect(isLoopbackAddress(address)).toBe(false);
  });

  it('lets the app’s own page in with the bearer secret, or the event stream with the key in its address', () => {
    expect(checkRequest(good, PORT, SECRET)).toEqual({ allowed: true });
    expect(checkRequest({ ...good, authorization: undefined, addressKey: SECRET }, PORT, SECRET)).toEqual({ allowed: true });
    expect(checkRequest({ ...good, host: `localhost:${PORT}`, origin: `http://localhost:${PORT}` }, PORT, SECRET)).toEqual({ allowed: true });
  });

  it('refuses any non-loopback address, even with the secret', () => {
    expect(checkRequest({ ...good, remoteAddress: '192.168.0.7' }, PORT, SECRET)).toMatchObject({ allowed: false, status: 403 });
  });

  it('refuses a missing or wrong secret', () => {
    expect(checkRequest({ ...good, authorization: undefined }, PORT, SECRET)).toMatchObject({ allowed: false, status: 401 });
    expect(checkRequest({ ...good, authorization: 'Bearer guess' }, PORT, SECRET)).toMatchObject({ allowed: false, status: 401 });
    expect(checkRequest({ ...good, authorization: undefined, addressKey: 'guess' }, PORT, SECRET)).toMatchObject({ allowed: false, status: 401 });
    // The key is never read from a cookie: browsers send 127.0.0.1's cookies to every port of it.
    const withCookie = { ...good, authorization: undefined, cookie: `focal_session_${PORT}=${SECRET}` } as RequestFacts;
    expect(checkRequest(withCookie, PORT, SECRET)).toMatchObject({ allowed: false, status: 401 });
  });

  it('refuses foreign host names (DNS rebinding) and foreign origins', () => {
    expect(checkRequest({ ...good, host: `evil.example:${PORT}` }, PORT, SECRET)).toMatchObject({ allowed: false, status: 421 });
    expect(checkRequest({ ...good, host: '127.0.0.1:9999' }, PORT, SECRET)).toMatchObject({ allowed: false, status: 421 });
    expect(checkRequest({ ...good, origin: 'https://evil.example' }, PORT, SECRET)).toMatchObject({ allowed: false, status: 403 });
    expect(checkRequest({ ...good, origin: 'null' }, PORT, SECRET)).toMatchObject({ allowed: false, status: 403 });
  });
});
