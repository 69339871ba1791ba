import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../shared/ipc/contract.ts';
import { createLogger } from '../logger.ts';
import type { Dispatcher } from '../services/dispatch.ts';
import { createTestBackend, type TestBackend } from '../services/testing.ts';
import { startBridge, type Bridge } from './server.ts';

/**
 * The bridge against clients that make mistakes or misbehave: bad addresses, oversized bodies, bodies that
 * trickle or never come. Timeouts are shrunk through the server options so nothing here sleeps for long.
 */
const TOKEN = 'limits-token-0123456789';
const KiB = 1024;
const SMALL = { maxImportBodyBytes: 256 * KiB, maxBodyBytes: 16 * KiB, headersTimeoutMs: 300, bodyTimeoutMs: 700, bodyIdleTimeoutMs: 250 };

let backend: TestBackend;
let small: Bridge;
let standard: Bridge;

beforeAll(async () => {
  backend = await createTestBackend();
  const logger = createLogger('bridge-limits-test');
  small = await startBridge({ dispatcher: backend.dispatcher, logger, token: TOKEN, staticDir: null, limits: SMALL });
  standard = await startBridge({ dispatcher: backend.dispatcher, logger, token: TOKEN, staticDir: null });
});

afterAll(async () => {
  await small.close();
  await standard.close();
  await backend.cleanup();
});

type RawReply = { status: number | null; interim: number[]; body: string; closed: boolean; elapsedMs: number };

/**
 * Raw HTTP over a socket, so a test can send a body slowly, not at all, or not finish the headers.
 * `trickle` writes one byte every `trickleMs` after the head until the server answers or closes.
 */
function raw(port: number, head: string, options: { body?: string; trickleMs?: number; deadlineMs?: number } = {}): Promise<RawReply> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = connect(port, '127.0.0.1');
    let received = '';
    let trickle: NodeJS.Timeout | undefined;
    let done = false;
    const finish = (closed: boolean) => {
      if (done) return;
      done = true;
      clearInterval(trickle);
      clearTimeout(deadline);
      socket.destroy();
      const responses = [...received.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((match) => Number(match[1]));
      const final = responses.filter((status) => status >= 200);
      const bodyStart = received.lastIndexOf('\r\n\r\n');
      resolve({
        status: final[0] ?? null,
        interim: responses.filter((status) => status < 200),
        body: bodyStart >= 0 ? received.slice(bodyStart + 4) : '',
        closed,
        elapsedMs: Date.now() - started,
      });
    };
    const deadline = setTimeout(() => finish(false), options.deadlineMs ?? 5_000);
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('utf8');
    });
    socket.on('close', () => finish(true));
    socket.on('connect', () => {
      socket.write(head);
      if (options.body !== undefined) socket.write(options.body);
      if (options.trickleMs !== undefined) {
        trickle = setInterval(() => {
          if (!socket.destroyed) socket.write('x');
        }, options.trickleMs);
      }
    });
  });
}

const postHead = (port: number, path: string, headers: Record<string, string> = {}) =>
  [`POST ${path} HTTP/1.1`, `Host: 127.0.0.1:${port}`, `Authorization: Bearer ${TOKEN}`, 'Content-Type: application/json', ...Object.entries(headers).map(([key, value]) => `${key}: ${value}`), '', ''].join('\r\n');

type Reply = { status: number; body: string };

function post(port: number, path: string, body: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, path, method: 'POST', headers: { Host: `127.0.0.1:${port}`, Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json', ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const errorKind = (body: string) => (JSON.parse(body) as { ok: boolean; error?: { kind: string } }).error?.kind;

describe('the bridge refuses malformed addresses', () => {
  it('a malformed percent-encoding in the path is 400 with a JSON error, never 500', async () => {
    for (const path of ['/api/%E0%A4%A', '/api/%', '/api/%zz', '/api/app.info%C0']) {
      const reply = await post(standard.port, path, '{}');
      expect(reply.status, path).toBe(400);
      expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { kind: 'invalid_request', message: expect.stringContaining('percent-encoding') } });
    }
    // Without the token it is the token that is missing: nothing about the path is looked at first.
    expect((await post(standard.port, '/api/%E0%A4%A', '{}', { Authorization: '' })).status).toBe(401);
  });

  it('a malformed page address is not found, never 500', async () => {
    const reply = await raw(standard.port, [`GET /%E0%A4%A?token=${TOKEN} HTTP/1.1`, `Host: 127.0.0.1:${standard.port}`, 'Connection: close', '', ''].join('\r\n'));
    expect(reply.status).toBe(404);
  });

  it('an absolute-form request target that is not a URL is 400, never 500', async () => {
    const reply = await raw(standard.port, [`POST http://[::1/api/app.info HTTP/1.1`, `Host: 127.0.0.1:${standard.port}`, `Authorization: Bearer ${TOKEN}`, 'Content-Length: 2', 'Connection: close', '', '{}'].join('\r\n'));
    expect(reply.status).toBe(400);
  });

  it('no client mistake answers 500: random paths, methods and bodies, on real and made-up channels', async () => {
    const pathChar = fc.constantFrom(...'abcz.%/?=&-_~+'.split(''), '%E0', '%A4', '%C0', '%80', '%FF', '%00', '%2F', '%2e');
    const garbage = fc.array(pathChar, { maxLength: 24 }).map((parts) => parts.join(''));
    const path = fc.oneof(garbage, fc.tuple(fc.constantFrom(...CHANNELS), fc.oneof(fc.constant(''), garbage)).map(([name, tail]) => `${name}${tail}`));
    await fc.assert(
      fc.asyncProperty(
        path.map((rest) => `/api/${rest}`),
        fc.constantFrom('POST', 'GET', 'PUT', 'DELETE', 'OPTIONS'),
        fc.constantFrom('', '{}', '{', 'null', '[]', '"x"', '{"files":[]}', '{"files":[{"name":"a","text":1}]}', '{"ids":[1]}', '\u0000\u00ff'),
        fc.constantFrom('application/json', 'application/x-ndjson'),
        async (target, method, body, accept) => {
          const status = await new Promise<number>((resolve, reject) => {
            // Content-Length always: node's client would send a GET body unframed, a mistake of the test's own.
            const headers = { Host: `127.0.0.1:${small.port}`, Authorization: `Bearer ${TOKEN}`, Accept: accept, 'Content-Length': String(Buffer.byteLength(body)) };
            const req = httpRequest({ host: '127.0.0.1', port: small.port, path: target, method, headers }, (res) => {
              res.resume();
              res.on('end', () => resolve(res.statusCode ?? 0));
            });
            req.on('error', reject);
            req.end(body);
          });
          // 501 is the honest answer for a desktop-only channel (import.pick, export.save) in browser mode.
          expect(status === 500 || status > 501, `${method} ${target} ${JSON.stringify(body)} → ${status}`).toBe(false);
        },
      ),
      { numRuns: 200 },
    );
    await post(small.port, '/api/staging.unstage', '{}');
  });
});

describe('the bridge bounds request bodies', () => {
  it('a Content-Length over the limit (200 MB) is refused with 413 before the body is read', async () => {
    // Only the head is sent: the answer must not wait for 200 MB that never come.
    const reply = await raw(standard.port, postHead(standard.port, '/api/import.files', { 'Content-Length': String(200 * 1000 * 1000) }));
    expect(reply.status).toBe(413);
    expect(reply.closed).toBe(true);
    expect(reply.elapsedMs).toBeLessThan(2_000);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { kind: 'invalid_request', message: expect.stringContaining('64 MiB') } });
  });

  it('Expect: 100-continue with an oversized Content-Length gets 413 and no 100 Continue, so the body is never sent', async () => {
    const reply = await raw(standard.port, postHead(standard.port, '/api/import.files', { 'Content-Length': String(200 * 1000 * 1000), Expect: '100-continue' }));
    expect(reply.interim).toEqual([]);
    expect(reply.status).toBe(413);
  });

  it('Expect: 100-continue within the limit gets 100 Continue, then the answer', async () => {
    const body = '{}';
    const reply = await raw(standard.port, postHead(standard.port, '/api/app.info', { 'Content-Length': String(body.length), Expect: '100-continue', Connection: 'close' }), { body });
    expect(reply.interim).toEqual([100]);
    expect(reply.status).toBe(200);
  });

  it('an import may carry more than other channels: each channel\'s limit is known before the body is read', async () => {
    const padding = 'x'.repeat(100 * KiB);
    const importBody = JSON.stringify({ files: [{ name: 'notes.txt', text: padding }] });
    const imported = await post(small.port, '/api/import.files', importBody);
    expect(imported.status).not.toBe(413);
    const other = await post(small.port, '/api/journal.list', JSON.stringify({ padding }));
    expect(other.status).toBe(413);
    expect(JSON.parse(other.body)).toMatchObject({ ok: false, error: { kind: 'invalid_request', message: expect.stringContaining('16 KiB') } });
    await post(small.port, '/api/staging.unstage', '{}');
  });

  it('a chunked body that streams past the limit is cut off with 413', async () => {
    const reply = await new Promise<Reply>((resolve, reject) => {
      const req = httpRequest({
        host: '127.0.0.1',
        port: small.port,
        path: '/api/import.files',
        method: 'POST',
        headers: { Host: `127.0.0.1:${small.port}`, Authorization: `Bearer ${TOKEN}`, 'Transfer-Encoding': 'chunked' },
      });
      let answered = false;
      req.on('response', (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      });
      req.on('error', (error) => (answered ? undefined : reject(error)));
      const chunk = Buffer.alloc(16 * KiB, 0x61);
      let sent = 0;
      const pump = () => {
        // Keeps sending until the server answers: it must answer long before 64 MB.
        while (!answered && sent < 64 * 1024 * KiB) {
          sent += chunk.length;
          if (!req.write(chunk)) return req.once('drain', pump);
        }
        if (!answered) req.end();
      };
      pump();
    });
    expect(reply.status).toBe(413);
    expect(errorKind(reply.body)).toBe('invalid_request');
  });
});

describe('the bridge times out slow bodies', () => {
  it('a body that trickles in one byte at a time gets 408 within the body timeout', async () => {
    const reply = await raw(small.port, postHead(small.port, '/api/import.files', { 'Content-Length': '100000' }), { trickleMs: 50 });
    expect(reply.status).toBe(408);
    expect(reply.closed).toBe(true);
    expect(reply.elapsedMs).toBeGreaterThanOrEqual(SMALL.bodyTimeoutMs - 50);
    expect(reply.elapsedMs).toBeLessThan(SMALL.bodyTimeoutMs + 1_000);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { kind: 'invalid_request', message: expect.stringContaining('took longer') } });
  });

  it('a Content-Length with no body gets 408 after the idle timeout', async () => {
    const reply = await raw(small.port, postHead(small.port, '/api/app.info', { 'Content-Length': '2' }));
    expect(reply.status).toBe(408);
    expect(reply.closed).toBe(true);
    expect(reply.elapsedMs).toBeLessThan(SMALL.bodyIdleTimeoutMs + 1_000);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { message: expect.stringContaining('stopped arriving') } });
  });

  it('headers that never finish are cut off by the headers timeout', async () => {
    const reply = await raw(small.port, `POST /api/app.info HTTP/1.1\r\nHost: 127.0.0.1:${small.port}\r\n`);
    expect(reply.closed).toBe(true);
    expect(reply.status === null || reply.status === 408).toBe(true);
    expect(reply.elapsedMs).toBeLessThan(SMALL.headersTimeoutMs + 1_500);
  });

  it('a slow answer is not a slow request: work that outlasts the timeouts still answers 200', async () => {
    const slowDispatcher: Dispatcher = async () => {
      await new Promise((resolve) => setTimeout(resolve, SMALL.headersTimeoutMs + SMALL.bodyTimeoutMs + 500));
      return { ok: true, value: { slow: true } };
    };
    const slow = await startBridge({ dispatcher: slowDispatcher, logger: createLogger('bridge-limits-test'), token: TOKEN, staticDir: null, limits: SMALL });
    try {
      const reply = await post(slow.port, '/api/app.info', '{}');
      expect(reply.status).toBe(200);
      expect(JSON.parse(reply.body)).toEqual({ ok: true, value: { slow: true } });
    } finally {
      await slow.close();
    }
  });

  it('after all of the above the bridge still answers a normal call', async () => {
    for (const bridge of [small, standard]) {
      const reply = await post(bridge.port, '/api/app.info', '{}');
      expect(reply.status).toBe(200);
    }
  });
});
