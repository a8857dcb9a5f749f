/**
 * Hostile input at the boundary: thousands of random and malicious payloads (wrong types, huge strings,
 * prototype-pollution keys, deep nesting, unknown methods) thrown at both transports get typed errors
 * only — no crash, no hang, and no change to anything.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodes, isErrorData } from '../shared/errors';
import { ipcChannel, methodNames } from '../shared/contract';
import { startWebHost, type WebHost } from '../server/web-host';
import { registerIpcTransport, type IpcMainLike, type IpcSenderEvent } from './ipc-transport';
import { createNodeServices } from './services/compose';
import type { ServiceImpl } from './services/dispatch';

const APP_URL = 'file:///app/index.html';

/** Values a hostile page could send: anything JSON can carry, plus keys that target prototypes, nested deep. */
const hostileValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(null, true, false, 0, -1, 1e308, Number.NaN, '', '__proto__', 'constructor'),
    fc.string({ maxLength: 64 }),
    fc.string({ minLength: 10_000, maxLength: 20_000 }),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'prototype', 'name', 'bytes', 'taskId', 'log', 'documents', 'x'), tie('value'), { maxKeys: 5 }),
  ),
})).value;

/** Deep, but within what Electron can serialise at all (structured clone gives up in the sender beyond a few thousand levels). */
const deepNesting = fc.integer({ min: 50, max: 1_000 }).map((depth) => {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = { nested: value };
  return value;
});

const anyMethod = fc.oneof(fc.constantFrom(...methodNames), fc.string({ maxLength: 40 }), fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty'));

let services: ReturnType<typeof createNodeServices>;
let host: WebHost;
let rendererDir: string;

beforeAll(async () => {
  rendererDir = await mkdtemp(join(tmpdir(), 'focal-hostile-'));
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html>');
  services = createNodeServices();
  host = await startWebHost({ rendererDir, services: services.impl, events: services.events });
});

afterAll(async () => {
  await host.close();
  await services.close();
  await rm(rendererDir, { recursive: true, force: true });
});

function expectTypedError(answer: unknown): void {
  expect(typeof answer).toBe('object');
  const envelope = answer as { ok: boolean; error?: unknown };
  if (envelope.ok) return;
  expect(isErrorData(envelope.error)).toBe(true);
  expect(errorCodes).toContain((envelope.error as { code: string }).code);
}

describe('hostile payloads', () => {
  it('over IPC get typed errors only, and leave Object.prototype alone', async () => {
    const handlers = new Map<string, (event: IpcSenderEvent, input: unknown) => Promise<unknown>>();
    const ipc: IpcMainLike = { handle: (channel, listener) => void handlers.set(channel, listener), removeHandler: () => {} };
    registerIpcTransport(ipc, services.impl as ServiceImpl, (url) => url === APP_URL);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...methodNames), fc.oneof(hostileValue, deepNesting), async (method, payload) => {
        // Skip the few payloads that happen to be valid: a valid call is not what this test is about.
        if (method === 'app.info' && payload !== null && typeof payload === 'object' && Object.keys(payload).length === 0) return;
        const answer = await handlers.get(ipcChannel.method(method))!({ senderFrame: { url: APP_URL, parent: null } }, structuredClone(payload));
        expectTypedError(answer);
      }),
      { numRuns: 1500 },
    );
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.keys(Object.prototype)).toEqual([]);
  });

  it('over HTTP get typed errors only, whatever the method name or body', async () => {
    await fc.assert(
      fc.asyncProperty(anyMethod, fc.oneof(hostileValue.map((v) => JSON.stringify({ payload: v, blobs: [] }) + '\n'), fc.string({ maxLength: 200 }), fc.constant('{"payload":{"__proto__":{"polluted":1}},"blobs":[]}\n')), async (method, body) => {
        const response = await fetch(`${host.origin}/api/call/${encodeURIComponent(method)}`, { method: 'POST', headers: { Authorization: `Bearer ${host.secret}` }, body });
        expect(response.status).toBeLessThan(500);
        expectTypedError(await response.json());
      }),
      { numRuns: 600 },
    );
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    // The host is still answering normally afterwards.
    const info = await fetch(`${host.origin}/api/call/app.info`, { method: 'POST', headers: { Authorization: `Bearer ${host.secret}` }, body: '{"payload":{},"blobs":[]}\n' });
    expect(await info.json()).toMatchObject({ ok: true });
  }, 60_000);
});
