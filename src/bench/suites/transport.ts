import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '../../shared/client';
import { createHttpTransport } from '../../shared/http-transport';
import { createNodeServices } from '../../main/services/compose';
import { startWebHost } from '../../server/web-host';
import { ratioAgainst, timeRuns, type Benchmark } from '../harness';

const CALLS = 200;

/** Sequential `app.info` calls through the whole web-host path, against a bare loopback HTTP echo (the floor). */
export const httpTransportBenchmark: Benchmark = {
  name: 'transport.http',
  async run({ runs }) {
    const rendererDir = await mkdtemp(join(tmpdir(), 'focal-bench-'));
    await writeFile(join(rendererDir, 'index.html'), '<!doctype html>');
    const { impl, events } = createNodeServices();
    const host = await startWebHost({ rendererDir, services: impl, events });
    const floor = createServer((request, response) => {
      request.resume();
      request.on('end', () => response.end('{"ok":true,"value":{}}'));
    });
    await new Promise<void>((resolve) => floor.listen(0, '127.0.0.1', resolve));
    const floorUrl = `http://127.0.0.1:${(floor.address() as AddressInfo).port}/`;
    try {
      const client = createClient(createHttpTransport({ baseUrl: host.origin, headers: { Authorization: `Bearer ${host.secret}` } }));
      const ours = await timeRuns(async () => {
        for (let i = 0; i < CALLS; i++) await client.api['app.info']({});
      }, runs);
      const bare = await timeRuns(async () => {
        for (let i = 0; i < CALLS; i++) await (await fetch(floorUrl, { method: 'POST', body: '{}' })).json();
      }, runs);
      return {
        name: 'transport.http',
        description: `${CALLS} sequential app.info calls over the web host (guard, frame, schema, envelope), against a bare loopback echo`,
        ...ours,
        figures: { microsecondsPerCall: Math.round((ours.medianMs * 1000) / CALLS) },
        against: ratioAgainst(ours, 'bare node:http echo on loopback', bare),
      };
    } finally {
      await host.close();
      floor.closeAllConnections();
      await new Promise((resolve) => floor.close(resolve));
      await rm(rendererDir, { recursive: true, force: true });
    }
  },
};
