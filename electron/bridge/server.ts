import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fail, isChannel, type Channel, type Result } from '../../shared/ipc/contract.ts';
import type { ErrorKind } from '../../shared/ipc/schemas.ts';
import { RENDERER_CSP } from '../services/csp.ts';
import type { Dispatcher } from '../services/dispatch.ts';
import type { Logger } from '../logger.ts';
import { declaresTooLarge, DEFAULT_LIMITS, maxBodyBytesFor, readBoundedBody, type BridgeLimits } from './body.ts';
import { serveStatic } from './static.ts';

export { DEFAULT_LIMITS, type BridgeLimits } from './body.ts';
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
  /** Body sizes and timeouts; tests shrink them, `qthink serve` uses DEFAULT_LIMITS. */
  readonly limits?: Partial<BridgeLimits>;
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
  // The journal cannot be read or written (damage, a full or read-only disk): the service, not the request, is at fault.
  io: 503,
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
  const limits: BridgeLimits = { ...DEFAULT_LIMITS, ...options.limits };
  let port = 0;

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
    const url = parseUrl(request.url ?? '/', host);
    if (url === null) return sendResult(response, fail('invalid_request', 'The address is not a valid URL.'));
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
      const channel = decodePath(url.pathname.slice('/api/'.length));
      if (channel === null) {
        return sendResult(response, fail('invalid_request', 'The address has a malformed percent-encoding (a % not followed by valid UTF-8 bytes).'));
      }
      if (!isChannel(channel)) {
        return sendResult(response, fail('not_found', `Unknown action "${printable(channel.slice(0, 80))}".`));
      }
      const payload = await readPayload(request, response, channel, limits, log);
      if (payload === NO_PAYLOAD) return;
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

  const server = createServer({
    // Node's own clocks back up the body timers (readBoundedBody): slow headers get node's 408, and no
    // request takes longer than headers plus body time to arrive (the answer may take as long as the work
    // does). Node checks them once per interval, 30 s by default, too coarse for a 10 s timeout.
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.headersTimeoutMs + limits.bodyTimeoutMs,
    connectionsCheckingInterval: Math.max(10, Math.min(1000, Math.floor(limits.headersTimeoutMs / 4))),
  });
  const onRequest = (request: IncomingMessage, response: ServerResponse) => {
    handle(request, response).catch((error: unknown) => {
      log.error('request failed', error);
      if (!response.headersSent) sendResult(response, fail('internal', 'The QThink server hit an unexpected error; try again.'));
      else response.end();
    });
  };
  server.on('request', onRequest);
  // `Expect: 100-continue` (curl, for bodies over 1 MB): the request is handled as usual and the client is
  // told to go on only when the body is about to be read, so an oversized body is refused before it is sent.
  server.on('checkContinue', onRequest);

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

const NO_PAYLOAD = Symbol('answered');

/**
 * The JSON body of an API call, read within the channel's size and time limits; NO_PAYLOAD when the request
 * has been answered instead (413 too large, 408 too slow, 400 not JSON) or the client has gone.
 */
async function readPayload(request: IncomingMessage, response: ServerResponse, channel: Channel, limits: BridgeLimits, log: Logger): Promise<unknown> {
  const maxBytes = maxBodyBytesFor(channel, limits);
  if (declaresTooLarge(request.headers['content-length'], maxBytes)) {
    refuseTooLarge(response, channel, maxBytes);
    return NO_PAYLOAD;
  }
  if (request.headers.expect?.toLowerCase() === '100-continue') response.writeContinue();
  const body = await readBoundedBody(request, { maxBytes, idleTimeoutMs: limits.bodyIdleTimeoutMs, totalTimeoutMs: limits.bodyTimeoutMs });
  switch (body.kind) {
    case 'aborted':
      return NO_PAYLOAD;
    case 'too_large':
      refuseTooLarge(response, channel, maxBytes);
      return NO_PAYLOAD;
    case 'timeout': {
      log.warn(`request body for ${channel} timed out (${body.reason})`);
      response.statusCode = 408;
      response.setHeader('Connection', 'close');
      const seconds = (body.reason === 'idle' ? limits.bodyIdleTimeoutMs : limits.bodyTimeoutMs) / 1000;
      const message = body.reason === 'idle' ? `The request body stopped arriving for ${seconds} s; try again.` : `The request body took longer than ${seconds} s to arrive; try again.`;
      sendJson(response, fail('invalid_request', message));
      return NO_PAYLOAD;
    }
    case 'ok':
      try {
        return body.text === '' ? {} : (JSON.parse(body.text) as unknown);
      } catch {
        sendResult(response, fail('invalid_request', 'The request body is not valid JSON.'));
        return NO_PAYLOAD;
      }
  }
}

/** The request target as a URL, or null when it is not one (an absolute-form target with a bad host). */
function parseUrl(target: string, host: string): URL | null {
  try {
    return new URL(target, `http://${host}`);
  } catch {
    return null;
  }
}

/** `decodeURIComponent` that answers null instead of throwing URIError on a bad %-sequence. */
function decodePath(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** Control characters in a path are shown as `\u…`, never echoed raw into a message. */
function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * 413 with the limit in words. The body is not read: `Connection: close` makes node drop the socket once
 * the answer is out, instead of reading the rest of the body to reuse the connection.
 */
function refuseTooLarge(response: ServerResponse, channel: string, maxBytes: number) {
  response.statusCode = 413;
  response.setHeader('Connection', 'close');
  const limit = maxBytes >= 1024 * 1024 ? `${Math.floor(maxBytes / (1024 * 1024))} MiB` : `${Math.floor(maxBytes / 1024)} KiB`;
  const advice =
    channel === 'import.files'
      ? 'import fewer or smaller files at a time, or import very large files with `qthink import` or the desktop app.'
      : 'this action never needs that much.';
  sendJson(response, fail('invalid_request', `The request is larger than ${limit}, the most the browser bridge accepts for ${channel}; ${advice}`));
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
