import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES } from '../shared/contract';
import { encodeFrame } from '../shared/wire-frame';
import { createNodeServices } from '../main/services/compose';
import { startWebHost, type WebHost } from './web-host';

let host: WebHost;
let rendererDir: string;
let closeServices: () => Promise<void>;
let services: ReturnType<typeof createNodeServices>;

beforeAll(async () => {
  const root = await mkdtemp(join(tmpdir(), 'focal-web-'));
  rendererDir = join(root, 'renderer');
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Focal</title>');
  await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(root, 'secret.txt'), 'outside the renderer');
  services = createNodeServices();
  closeServices = services.close;
  host = await startWebHost({ rendererDir, services: services.impl, events: services.events });
});

afterAll(async () => {
  await host.close();
  await closeServices();
  await rm(join(rendererDir, '..'), { recursive: true, force: true });
});

/** A raw request, so that Host and Origin can be set the way a hostile page or rebinding attack would. */
function rawRequest(path: string, headers: Record<string, string> = {}, method = 'GET', body?: Uint8Array) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: host.port, path, method, agent: false, headers: { Host: `127.0.0.1:${host.port}`, ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const auth = () => ({ Authorization: `Bearer ${host.secret}` });

describe('the local web host', () => {
  it('listens on 127.0.0.1 only and prints an address with the launch key', () => {
    expect(host.server.address()).toMatchObject({ address: '127.0.0.1' });
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?key=${host.secret}`);
    expect(host.secret.length).toBeGreaterThanOrEqual(32);
  });

  it('refuses the API and the event stream without the launch secret', async () => {
    const api = await rawRequest('/api/call/app.info', {}, 'POST', encodeFrame({}));
    expect(api.status).toBe(401);
    expect(JSON.parse(api.body)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect((await rawRequest('/api/events')).status).toBe(401);
    expect((await rawRequest('/api/events?key=guess')).status).toBe(401);
    // A key is never taken from a cookie: the browser would send it to every port of 127.0.0.1.
    const cookie = await rawRequest('/api/call/app.info', { Cookie: `focal_session_${host.port}=${host.secret}` }, 'POST', encodeFrame({}));
    expect(cookie.status).toBe(401);
  });

  it('serves the page to anyone on this machine, and hands the printed key to it in the fragment, setting no cookie', async () => {
    const page = await rawRequest('/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Focal</title>');
    expect(page.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    const login = await rawRequest(`/?key=${host.secret}`);
    expect(login.status).toBe(303);
    expect(login.headers['location']).toBe(`/#key=${host.secret}`);
    expect(login.headers['set-cookie']).toBeUndefined();
    // A wrong key is dropped, so a stale address does not replace the key the page keeps.
    const wrong = await rawRequest('/?key=not-the-key');
    expect(wrong.status).toBe(303);
    expect(wrong.headers['location']).toBe('/');
  });

  it('refuses a request from a non-loopback address even with the secret', async () => {
    const spoof = (req: { socket: object }) => Object.defineProperty(req.socket, 'remoteAddress', { value: '192.168.4.20', configurable: true });
    host.server.prependListener('request', spoof);
    try {
      const response = await rawRequest('/api/call/app.info', auth(), 'POST', encodeFrame({}));
      expect(response.status).toBe(403);
      expect(JSON.parse(response.body)).toMatchObject({ error: { code: 'unauthorized' } });
    } finally {
      host.server.removeListener('request', spoof);
    }
  });

  it('refuses another origin and another host name even with the secret', async () => {
    const foreign = await rawRequest('/api/call/app.info', { ...auth(), Origin: 'https://evil.example' }, 'POST', encodeFrame({}));
    expect(foreign.status).toBe(403);
    const rebound = await rawRequest('/', { ...auth(), Host: `attacker.example:${host.port}` });
    expect(rebound.status).toBe(421);
    // The page too: under a rebound name it is not served at all.
    expect((await rawRequest('/assets/app.js', { Host: `attacker.example:${host.port}` })).status).toBe(421);
    const same = await rawRequest('/api/call/app.info', { ...auth(), Origin: `http://127.0.0.1:${host.port}` }, 'POST', encodeFrame({}));
    expect(same.status).toBe(200);
  });

  it('says a port in use is in use, as a usage error with what to do', async () => {
    await expect(startWebHost({ rendererDir, services: services.impl, events: services.events, port: host.port })).rejects.toMatchObject({
      code: 'usage',
      message: expect.stringContaining(`Port ${host.port} on 127.0.0.1 is in use`),
    });
  });

  it('serves only files inside the renderer folder', async () => {
    expect((await rawRequest('/assets/app.js', auth())).status).toBe(200);
    expect((await rawRequest('/../secret.txt', auth())).status).toBe(404);
    expect((await rawRequest('/%2e%2e/secret.txt', auth())).status).toBe(404);
    expect((await rawRequest('/assets/..%2f..%2fsecret.txt', auth())).status).toBe(404);
    // Broken percent-encoding names no file: not found, not a server error.
    expect((await rawRequest('/%E0%A4%A', auth())).status).toBe(404);
  });

  it('refuses a body larger than the contract allows before reading it', async () => {
    const response = await rawRequest('/api/call/library.parse', { ...auth(), 'Content-Length': String(MAX_FILE_BYTES * 2) }, 'POST');
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body)).toMatchObject({ error: { code: 'too-large' } });
  });

  it('streams progress events to an authorised page (the key in the stream’s address: EventSource sends no headers)', async () => {
    const controller = new AbortController();
    const stream = await fetch(`${host.origin}/api/events?key=${encodeURIComponent(host.secret)}`, { signal: controller.signal });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = stream.body!.getReader();
    const call = fetch(`${host.origin}/api/call/library.parse`, {
      method: 'POST',
      headers: auth(),
      body: encodeFrame({ name: 'notes.txt', bytes: new TextEncoder().encode('Cells divide.') }) as Uint8Array<ArrayBuffer>,
    });
    let text = '';
    while (!text.includes('"state":"done"')) text += new TextDecoder().decode((await reader.read()).value);
    expect(text).toContain('event: task.progress');
    expect((await call).status).toBe(200);
    controller.abort();
  });
});
