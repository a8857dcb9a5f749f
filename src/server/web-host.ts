/**
 * The local web host: the built renderer and the same main-process services, over HTTP on loopback.
 * It is guarded like a desktop app's IPC: a per-launch secret, loopback only, Host and Origin checked.
 */
import { randomBytes } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { MAX_FILE_BYTES } from '../shared/contract';
import { contentSecurityPolicy } from '../shared/csp';
import { FocalError, type Envelope, type ErrorCode } from '../shared/errors';
import { decodeFrame } from '../shared/wire-frame';
import { dispatch, type ServiceImpl } from '../main/services/dispatch';
import type { EventHub } from '../main/services/event-hub';
import { checkPlace, checkRequest, secretsEqual, type GuardVerdict, type RequestFacts } from './request-guard';

/** Room for the frame header beside the largest file the contract accepts. */
const MAX_BODY_BYTES = MAX_FILE_BYTES + 1024 * 1024;
const API_PREFIX = '/api/call/';
const EVENTS_PATH = '/api/events';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

const statusForCode: Partial<Record<ErrorCode, number>> = {
  'invalid-payload': 400,
  'unknown-method': 404,
  unauthorized: 401,
  'too-large': 413,
  internal: 500,
};

export interface WebHostOptions {
  rendererDir: string;
  services: ServiceImpl;
  events: EventHub;
  port?: number;
  /** Fixed only in tests; a fresh random secret otherwise. */
  secret?: string;
}

export interface WebHost {
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  readonly secret: string;
  /** The underlying server, bound to 127.0.0.1 only. */
  readonly server: Server;
  close(): Promise<void>;
}

function factsOf(request: IncomingMessage, url: URL): RequestFacts {
  return {
    remoteAddress: request.socket.remoteAddress,
    host: request.headers.host,
    origin: request.headers.origin,
    authorization: request.headers.authorization,
    addressKey: url.pathname === EVENTS_PATH ? (url.searchParams.get('key') ?? undefined) : undefined,
  };
}

function securityHeaders(response: ServerResponse): void {
  response.setHeader('Content-Security-Policy', contentSecurityPolicy());
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('X-Frame-Options', 'DENY');
  response.setHeader('Referrer-Policy', 'no-referrer');
  response.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  response.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

function sendEnvelope(response: ServerResponse, envelope: Envelope<unknown>, status?: number): void {
  status ??= envelope.ok ? 200 : (statusForCode[envelope.error.code] ?? 422);
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(JSON.stringify(envelope));
}

function sendError(response: ServerResponse, code: ErrorCode, message: string, status?: number): void {
  sendEnvelope(response, { ok: false, error: { code, message } }, status);
}

async function readBody(request: IncomingMessage, limit: number): Promise<Uint8Array> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limit) throw new FocalError('too-large', `A request may carry at most ${limit} bytes.`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.byteLength;
    if (size > limit) throw new FocalError('too-large', `A request may carry at most ${limit} bytes.`);
    chunks.push(chunk);
  }
  const body = Buffer.concat(chunks, size);
  return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const secret = options.secret ?? randomBytes(24).toString('base64url');
  const rendererDir = normalize(options.rendererDir);
  await stat(join(rendererDir, 'index.html')).catch(() => {
    throw new FocalError('not-found', `The renderer is not built (${join(rendererDir, 'index.html')} is missing): run \`npm run build\`.`);
  });
  let port = 0;

  async function serveStatic(request: IncomingMessage, response: ServerResponse, pathname: string): Promise<void> {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    let relative: string;
    try {
      relative = pathname === '/' ? 'index.html' : decodeURIComponent(pathname.slice(1));
    } catch {
      // Broken percent-encoding ("/%E0%A4%A") names no file here.
      response.writeHead(404).end();
      return;
    }
    const file = normalize(join(rendererDir, relative));
    if (!file.startsWith(rendererDir + sep)) {
      response.writeHead(404).end();
      return;
    }
    try {
      const body = await readFile(file);
      response.writeHead(200, {
        'Content-Type': contentTypes[extname(file)] ?? 'application/octet-stream',
        'Cache-Control': extname(file) === '.html' ? 'no-store' : 'private, max-age=3600',
      });
      response.end(request.method === 'HEAD' ? undefined : body);
    } catch {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
    }
  }

  function serveEvents(request: IncomingMessage, response: ServerResponse): void {
    response.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    response.write(': connected\n\n');
    const unsubscribe = options.events.subscribe((event, payload) => {
      response.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
    });
    const keepAlive = setInterval(() => response.write(': keep-alive\n\n'), 15_000);
    request.on('close', () => {
      clearInterval(keepAlive);
      unsubscribe();
    });
  }

  async function serveCall(request: IncomingMessage, response: ServerResponse, method: string): Promise<void> {
    if (request.method !== 'POST') {
      response.writeHead(405, { Allow: 'POST' }).end();
      return;
    }
    let input: unknown;
    try {
      input = decodeFrame(await readBody(request, MAX_BODY_BYTES));
    } catch (thrown) {
      const error = thrown instanceof FocalError ? thrown : new FocalError('invalid-payload', 'The request body could not be read.');
      sendError(response, error.code, error.message);
      if (error.code === 'too-large') request.destroy();
      return;
    }
    sendEnvelope(response, await dispatch(options.services, method, input, { transport: 'http' }));
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    securityHeaders(response);
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const facts = factsOf(request, url);
    const place = checkPlace(facts, port);
    if (!place.allowed) return refuse(response, url, place);

    // The printed address carries the key in its query; the page is sent on with it in the fragment, which no
    // request carries, and keeps it itself (src/renderer/transport/web-key.ts). A wrong key is dropped.
    const key = url.searchParams.get('key');
    if (key !== null && url.pathname === '/') {
      response.writeHead(303, { Location: secretsEqual(key, secret) ? `/#key=${encodeURIComponent(secret)}` : '/', 'Cache-Control': 'no-store' });
      response.end();
      return;
    }
    // The page and its scripts are the same for everyone; what they can reach (the API) asks for the key.
    if (!url.pathname.startsWith('/api/')) return serveStatic(request, response, url.pathname);

    const verdict = checkRequest(facts, port, secret);
    if (!verdict.allowed) return refuse(response, url, verdict);
    if (url.pathname === EVENTS_PATH) return serveEvents(request, response);
    if (url.pathname.startsWith(API_PREFIX)) return serveCall(request, response, url.pathname.slice(API_PREFIX.length));
    return sendError(response, 'unknown-method', 'No such endpoint.', 404);
  }

  function refuse(response: ServerResponse, url: URL, verdict: Extract<GuardVerdict, { allowed: false }>): void {
    if (url.pathname.startsWith('/api/')) sendError(response, 'unauthorized', verdict.reason, verdict.status);
    else response.writeHead(verdict.status, { 'Content-Type': 'text/plain; charset=utf-8' }).end(verdict.reason);
  }

  const server: Server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) sendError(response, 'internal', 'The web host failed to answer.', 500);
      else response.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new FocalError('usage', `Port ${options.port} on 127.0.0.1 is in use: Focal may be running already (open the address it printed), or start it with --port and another number. Your library is kept per address, so use the same port each time.`)
          : error,
      ),
    );
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/?key=${secret}`,
    origin,
    port,
    secret,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
