/**
 * The contract end to end on both transports: a valid call comes back typed, an invalid payload or an
 * unknown method is refused with a typed FocalError, and progress events reach the client.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type FocalClient, type Transport } from '../shared/client';
import { ipcChannel, methodNames, type TaskProgress } from '../shared/contract';
import { FocalError } from '../shared/errors';
import { createHttpTransport } from '../shared/http-transport';
import { startWebHost, type WebHost } from '../server/web-host';
import { registerIpcTransport, type IpcMainLike, type IpcSenderEvent } from './ipc-transport';
import { repoModelsDir } from './services/compose';
import { createEventHub } from './services/event-hub';
import { createServices } from './services';

const APP_URL = 'file:///app/out/renderer/index.html';

function servicesForTest() {
  const events = createEventHub();
  let n = 0;
  const services = createServices({ version: '9.9.9', platform: 'test', runtime: 'vitest', newId: () => `t${++n}`, emit: events.emit, modelsDir: repoModelsDir() });
  return { ...services, events };
}

/** An ipcMain stand-in that calls the registered handlers the way Electron would, cloning payloads. */
function ipcClient(senderUrl = APP_URL, parent: unknown = null): { client: FocalClient; channels: string[]; close: () => Promise<void> } {
  const { impl, events, close } = servicesForTest();
  const handlers = new Map<string, (event: IpcSenderEvent, input: unknown) => Promise<unknown>>();
  const ipc: IpcMainLike = { handle: (channel, listener) => void handlers.set(channel, listener), removeHandler: (channel) => void handlers.delete(channel) };
  registerIpcTransport(ipc, impl, (url) => url === APP_URL);
  const transport: Transport = {
    kind: 'ipc',
    invoke: async (method, input) => structuredClone(await handlers.get(ipcChannel.method(method))!({ senderFrame: { url: senderUrl, parent } }, structuredClone(input))) as never,
    subscribe: (event, listener) => events.subscribe((name, payload) => name === event && listener(structuredClone(payload))),
  };
  return { client: createClient(transport), channels: [...handlers.keys()], close };
}

async function expectFocalError(promise: Promise<unknown>, code: string): Promise<FocalError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(FocalError);
  expect((error as FocalError).code).toBe(code);
  expect((error as FocalError).message.length).toBeGreaterThan(10);
  return error as FocalError;
}

describe('the IPC transport', () => {
  it('registers exactly one channel per contract method', () => {
    expect(ipcClient().channels.sort()).toEqual(methodNames.map((m) => ipcChannel.method(m)).sort());
  });

  it('answers a valid call with typed data', async () => {
    const info = await ipcClient().client.api['app.info']({});
    expect(info).toMatchObject({ name: 'Focal', version: '9.9.9', transport: 'ipc' });
  });

  it('refuses an invalid payload with a typed invalid-payload error', async () => {
    const { api } = ipcClient().client;
    const error = await expectFocalError(api['library.parse']({ name: 42, bytes: 'not bytes' } as never), 'invalid-payload');
    expect(error.message).toMatch(/name/);
    await expectFocalError(api['app.info']({ extra: true } as never), 'invalid-payload');
    await expectFocalError(api['tasks.cancel'](null as never), 'invalid-payload');
  });

  it('optimises a schedule in main, saying plainly when the history is too short', async () => {
    const { client, close } = ipcClient();
    const result = await client.api['schedule.optimise']({ log: [], settings: {}, currentWeights: null });
    expect(result).toMatchObject({ kind: 'too-little-history', trainingReviews: 0, message: expect.stringMatching(/Too little history/) });
    await expectFocalError(client.api['schedule.optimise']({ log: [{ kind: 'review' }], settings: {}, currentWeights: null } as never), 'invalid-payload');
    await close();
  });

  it('calls a text file given as an Anki package another kind of file, and a broken .apkg damaged', async () => {
    const { client, close } = ipcClient();
    const text = new TextEncoder().encode('front;back\n');
    await expect(client.api['interop.importAnki']({ name: 'deck.txt', bytes: text, settings: {} })).rejects.toMatchObject({
      code: 'unsupported-format',
      message: '“deck.txt” is not an Anki package: Anki exports decks as .apkg files (File → Export).',
    });
    await expect(client.api['interop.importAnki']({ name: 'deck.apkg', bytes: text, settings: {} })).rejects.toMatchObject({ code: 'malformed' });
    await close();
  });

  it('refuses calls from a frame that is not the app’s own top-level page', async () => {
    await expectFocalError(ipcClient('https://example.com/').client.api['app.info']({}), 'unauthorized');
    await expectFocalError(ipcClient(APP_URL, { url: APP_URL }).client.api['app.info']({}), 'unauthorized');
  });

  it('delivers progress events for long work', async () => {
    const { client, close } = ipcClient();
    const seen: TaskProgress[] = [];
    client.on('task.progress', (p) => seen.push(p));
    const line = 'Mitochondria turn nutrients into usable energy for the cell.\n\n';
    // 4 MiB: long enough for several progress events, well inside the parse's time limit on a busy 2-core machine.
    const bytes = new TextEncoder().encode(line.repeat(Math.ceil((4 * 1024 * 1024) / line.length)));
    const document = await client.api['library.parse']({ name: 'big-notes.txt', bytes });
    expect(document.byteSize).toBe(bytes.byteLength);
    expect(document.sentences.length).toBeGreaterThan(60_000);
    expect(seen.at(-1)).toMatchObject({ title: 'Reading big-notes.txt', state: 'done', method: 'library.parse' });
    expect(seen.some((p) => p.state === 'running' && p.done > 0 && p.total !== null && p.done < p.total)).toBe(true);
    await close();
  }, 60_000);
});

describe('the HTTP transport', () => {
  let host: WebHost;
  let rendererDir: string;
  let client: FocalClient;
  let closeServices: () => Promise<void>;

  beforeAll(async () => {
    rendererDir = await mkdtemp(join(tmpdir(), 'focal-roundtrip-'));
    await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Focal</title>');
    const { impl, events, close } = servicesForTest();
    closeServices = close;
    host = await startWebHost({ rendererDir, services: impl, events });
    client = createClient(createHttpTransport({ baseUrl: host.origin, headers: { Authorization: `Bearer ${host.secret}` } }));
  });

  afterAll(async () => {
    await host.close();
    await closeServices();
    await rm(rendererDir, { recursive: true, force: true });
  });

  it('answers a valid call with typed data, bytes included', async () => {
    expect(await client.api['app.info']({})).toMatchObject({ name: 'Focal', transport: 'http' });
    const bytes = new TextEncoder().encode('Cells divide. Then they grow.');
    const document = await client.api['library.parse']({ name: 'abc.txt', bytes });
    expect(document.contentHash).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(document.sentences.map((s) => s.text)).toEqual(['Cells divide.', 'Then they grow.']);
  });

  it('refuses an invalid payload with a typed invalid-payload error', async () => {
    const error = await expectFocalError(client.api['library.parse']({ name: '', bytes: [1, 2] } as never), 'invalid-payload');
    expect(error.message).toMatch(/bytes/);
    await expectFocalError(client.api['tasks.cancel']({ taskId: 7 } as never), 'invalid-payload');
  });

  it('refuses a method outside the contract with unknown-method', async () => {
    const response = await fetch(`${host.origin}/api/call/constructor`, { method: 'POST', headers: { Authorization: `Bearer ${host.secret}` }, body: '{"payload":{},"blobs":[]}\n' });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
  });

  it('refuses a call without the launch secret with a typed unauthorized error', async () => {
    const stranger = createClient(createHttpTransport({ baseUrl: host.origin }));
    await expectFocalError(stranger.api['app.info']({}), 'unauthorized');
  });
});
