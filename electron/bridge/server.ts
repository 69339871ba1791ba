import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fail, isChannel, type Result } from '../../shared/ipc/contract.ts';
import type { ErrorKind } from '../../shared/ipc/schemas.ts';
import { RENDERER_CSP } from '../services/csp.ts';
import type { Dispatcher } from '../services/dispatch.ts';
import type { Logger } from '../logger.ts';
import { serveStatic } from './static.ts';

/** Imports carry whole files in the body; above this the request is refused rather than buffered. */
export const MAX_BODY_BYTES = 256 * 1024 * 1024;
export const TOKEN_COOKIE = 'qthink_token';
const NDJSON = 'application/x-ndjson';

export type BridgeOptions = {
  readonly dispatcher: Dispatcher;
  readonly logger: Logger;
  /** 0 or absent: a free port chosen by the system. */
  readonly port?: number;
  /** Fixed token for tests; otherwise 32 random bytes per run. */
  readonly token?: string;
  /** The built renderer (dist/renderer); null serves only the API. */
  readonly staticDir: string | null;
};

export type Bridge = {
  readonly port: number;
  readonly token: string;
  /** The URL to open, token included. */
  readonly url: string;
  close(): Promise<void>;
};

const STATUS: Readonly<Record<ErrorKind, number>> = {
  invalid_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  import_rejected: 422,
  unsupported: 501,
  io: 500,
  internal: 500,
};

/**
 * The loopback bridge of browser mode: the same contract and services as Electron IPC, reachable only from
 * this machine and only with the per-run token. Host is checked against DNS rebinding, Origin against other
 * sites' pages, and a cookie alone never authorises a request without a matching Origin.
 */
export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const log = options.logger;
  let port = 0;

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      log.error('request failed', error);
      if (!response.headersSent) sendResult(response, fail('internal', 'The QThink server hit an unexpected error; try again.'));
      else response.end();
    });
  });

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    setCommonHeaders(response);
    const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
    const host = request.headers.host ?? '';
    if (!allowedHosts.includes(host)) {
      return sendResult(response, fail('forbidden', 'This server only answers on 127.0.0.1; open the URL `qthink serve` printed.'));
    }
    const origin = request.headers.origin;
    if (origin !== undefined && origin !== `http://${host}`) {
      return sendResult(response, fail('forbidden', 'Requests from other sites are refused.'));
    }
    const url = new URL(request.url ?? '/', `http://${host}`);
    const auth = authOf(request, url, token);

    if (url.pathname.startsWith('/api/')) {
      if (request.method !== 'POST') {
        response.setHeader('Allow', 'POST');
        response.statusCode = 405;
        return sendJson(response, fail('invalid_request', 'Use POST for API calls.'));
      }
      // A cookie is sent by the browser on its own; only trust it when the page making the call is ours.
      if (auth === 'none' || (auth === 'cookie' && origin === undefined)) {
        return sendResult(response, fail('unauthorized', 'Missing or wrong access token: open the URL that `qthink serve` printed.'));
      }
      const channel = decodeURIComponent(url.pathname.slice('/api/'.length));
      if (!isChannel(channel)) {
        return sendResult(response, fail('not_found', `Unknown action "${channel.slice(0, 80)}".`));
      }
      const body = await readBody(request);
      if (body === 'too_large') {
        response.statusCode = 413;
        return sendJson(response, fail('invalid_request', 'The request is too large; import fewer or smaller files at a time.'));
      }
      let payload: unknown;
      try {
        payload = body === '' ? {} : JSON.parse(body);
      } catch {
        return sendResult(response, fail('invalid_request', 'The request body is not valid JSON.'));
      }
      if ((request.headers.accept ?? '').includes(NDJSON)) return streamCall(response, options.dispatcher, channel, payload);
      return sendResult(response, await options.dispatcher(channel, payload));
    }

    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.statusCode = 405;
      return sendJson(response, fail('invalid_request', 'Only GET is served here.'));
    }
    if (auth === 'none') {
      response.statusCode = 401;
      response.setHeader('Content-Type', 'text/plain; charset=utf-8');
      return response.end('QThink Journal: this address needs its access token. Open the full URL that `qthink serve` printed (it ends in ?token=…).\n');
    }
    if (auth === 'query') {
      response.setHeader('Set-Cookie', `${TOKEN_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict`);
    }
    if (!options.staticDir) {
      response.statusCode = 404;
      response.setHeader('Content-Type', 'text/plain; charset=utf-8');
      return response.end('The app is not built: run `npm run build:renderer`, then start `qthink serve` again.\n');
    }
    return serveStatic(options.staticDir, url.pathname, token, request.method === 'HEAD', response);
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

type Auth = 'bearer' | 'cookie' | 'query' | 'none';

function authOf(request: IncomingMessage, url: URL, token: string): Auth {
  const header = request.headers.authorization ?? '';
  if (header.startsWith('Bearer ') && sameToken(header.slice('Bearer '.length).trim(), token)) return 'bearer';
  const query = url.searchParams.get('token');
  if (query !== null && sameToken(query, token)) return 'query';
  const cookie = cookieValue(request.headers.cookie ?? '', TOKEN_COOKIE);
  if (cookie !== null && sameToken(cookie, token)) return 'cookie';
  return 'none';
}

function sameToken(given: string, token: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieValue(header: string, name: string): string | null {
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return null;
}

async function readBody(request: IncomingMessage): Promise<string | 'too_large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) return 'too_large';
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Progress as NDJSON lines `{ "progress": … }`, then one `{ "result": … }` line with the envelope. */
async function streamCall(response: ServerResponse, dispatcher: Dispatcher, channel: string, payload: unknown) {
  response.statusCode = 200;
  response.setHeader('Content-Type', `${NDJSON}; charset=utf-8`);
  response.flushHeaders();
  const result = await dispatcher(channel, payload, (event) => response.write(`${JSON.stringify({ progress: event })}\n`));
  response.end(`${JSON.stringify({ result })}\n`);
}

function sendResult(response: ServerResponse, result: Result<unknown>) {
  response.statusCode = result.ok ? 200 : STATUS[result.error.kind];
  sendJson(response, result);
}

function sendJson(response: ServerResponse, body: unknown) {
  response.setHeader('Content-Type', 'application/json; charset=utf-8');
  response.end(JSON.stringify(body));
}

function setCommonHeaders(response: ServerResponse) {
  response.setHeader('Content-Security-Policy', RENDERER_CSP);
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Referrer-Policy', 'no-referrer');
  response.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  response.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  response.setHeader('Cache-Control', 'no-store');
}
