import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logger.ts';
import { RENDERER_CSP } from '../services/csp.ts';
import { createTestBackend, jsonl, nativeTrade, type TestBackend } from '../services/testing.ts';
import { startBridge, type Bridge } from './server.ts';
import { injectToken, resolveInside } from './static.ts';

type Reply = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

/** Raw HTTP, so Host and Origin can be set to anything (fetch forbids changing Host). */
function send(port: number, path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers ?? {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

let backend: TestBackend;
let bridge: Bridge;
let staticDir: string;
const TOKEN = 'test-token-0123456789';

beforeAll(async () => {
  backend = await createTestBackend();
  staticDir = await mkdtemp(join(tmpdir(), 'qthink-static-'));
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><html><head><title>QThink</title></head><body><div id="root"></div></body></html>');
  await writeFile(join(staticDir, 'app.js'), 'console.log(1)');
  bridge = await startBridge({ dispatcher: backend.dispatcher, logger: createLogger('bridge-test'), port: 0, token: TOKEN, staticDir });
});

afterAll(async () => {
  await bridge.close();
  await backend.cleanup();
  await rm(staticDir, { recursive: true, force: true });
});

const host = () => `127.0.0.1:${bridge.port}`;
const api = (channel: string, body: unknown, headers: Record<string, string> = {}) =>
  send(bridge.port, `/api/${channel}`, {
    method: 'POST',
    headers: { Host: host(), 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}`, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('the loopback bridge', () => {
  it('listens on 127.0.0.1 on a system-chosen port and prints a URL with the token', () => {
    expect(bridge.port).toBeGreaterThan(0);
    expect(bridge.url).toBe(`http://127.0.0.1:${bridge.port}/?token=${TOKEN}`);
  });

  it('a valid round trip answers 200 with the envelope', async () => {
    const reply = await api('app.info', {});
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: true, value: { mode: 'browser', version: '9.9.9' } });
  });

  it('a missing or wrong token is 401', async () => {
    const missing = await api('app.info', {}, { Authorization: '' });
    expect(missing.status).toBe(401);
    expect(JSON.parse(missing.body)).toMatchObject({ ok: false, error: { kind: 'unauthorized' } });
    expect((await api('app.info', {}, { Authorization: 'Bearer wrong-token-0123456789' })).status).toBe(401);
    expect((await api('app.info', {}, { Authorization: `Bearer ${TOKEN}x` })).status).toBe(401);
  });

  it('a foreign Host is 403 (DNS rebinding)', async () => {
    for (const badHost of ['evil.example', `evil.example:${bridge.port}`, '127.0.0.1:1', `0.0.0.0:${bridge.port}`]) {
      const reply = await api('app.info', {}, { Host: badHost });
      expect(reply.status).toBe(403);
      expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    }
    expect((await api('app.info', {}, { Host: `localhost:${bridge.port}` })).status).toBe(200);
  });

  it('a foreign Origin is 403, the page\'s own origin is fine', async () => {
    expect((await api('app.info', {}, { Origin: 'https://evil.example' })).status).toBe(403);
    expect((await api('app.info', {}, { Origin: `http://localhost:${bridge.port}` })).status).toBe(403);
    expect((await api('app.info', {}, { Origin: 'null' })).status).toBe(403);
    expect((await api('app.info', {}, { Origin: `http://${host()}` })).status).toBe(200);
  });

  it('an unknown channel is 404 with a typed error', async () => {
    const reply = await api('fs.readFile', { path: '/etc/passwd' });
    expect(reply.status).toBe(404);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { kind: 'not_found' } });
  });

  it('an invalid payload is 400 with a typed error', async () => {
    for (const body of [{ files: [] }, { files: [{ name: 'x' }] }, '{not json']) {
      const reply = await api('import.files', body);
      expect(reply.status).toBe(400);
      expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { kind: 'invalid_request' } });
    }
  });

  it('API calls must be POST', async () => {
    const reply = await send(bridge.port, '/api/app.info', { headers: { Host: host(), Authorization: `Bearer ${TOKEN}` } });
    expect(reply.status).toBe(405);
  });

  it('a cookie alone does not authorise an API call without our Origin (no cross-site requests)', async () => {
    const cookie = `qthink_token=${TOKEN}`;
    expect((await api('app.info', {}, { Authorization: '', Cookie: cookie })).status).toBe(401);
    expect((await api('app.info', {}, { Authorization: '', Cookie: cookie, Origin: `http://${host()}` })).status).toBe(200);
  });

  it('progress streams as NDJSON, then the result', async () => {
    const reply = await api(
      'import.files',
      { files: [{ name: 'day.jsonl', text: jsonl([nativeTrade({ id: 'S1' })]) }] },
      { Accept: 'application/x-ndjson' },
    );
    expect(reply.status).toBe(200);
    expect(String(reply.headers['content-type'])).toContain('application/x-ndjson');
    const lines = reply.body.trim().split('\n').map((line) => JSON.parse(line) as { progress?: unknown; result?: { ok: boolean } });
    expect(lines.some((line) => line.progress !== undefined)).toBe(true);
    expect(lines[lines.length - 1]?.result).toMatchObject({ ok: true });
    await api('staging.unstage', {});
  });

  it('the page needs the token; the first load sets a strict cookie and injects the token, with the CSP header', async () => {
    const noToken = await send(bridge.port, '/', { headers: { Host: host() } });
    expect(noToken.status).toBe(401);
    expect(noToken.body).toContain('qthink serve');
    const page = await send(bridge.port, `/?token=${TOKEN}`, { headers: { Host: host() } });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toBe(RENDERER_CSP);
    expect(String(page.headers['set-cookie'])).toMatch(/qthink_token=.*HttpOnly; SameSite=Strict/);
    expect(page.body).toContain(`<meta name="qthink-token" content="${TOKEN}">`);
    const asset = await send(bridge.port, '/app.js', { headers: { Host: host(), Cookie: `qthink_token=${TOKEN}` } });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toContain('text/javascript');
    const traversal = await send(bridge.port, '/..%2f..%2fetc%2fpasswd', { headers: { Host: host(), Cookie: `qthink_token=${TOKEN}` } });
    expect(traversal.status).toBe(404);
  });

  it('static helpers: paths never leave the root; the token goes into the head', () => {
    expect(resolveInside('/srv/app', '/../../etc/passwd')).toBeNull();
    expect(resolveInside('/srv/app', '/%2e%2e/x')).toBeNull();
    expect(resolveInside('/srv/app', '/assets/app.js')).toBe('/srv/app/assets/app.js');
    expect(resolveInside('/srv/app', '/a%00b')).toBeNull();
    expect(injectToken('<head></head>', 'abc')).toContain('<meta name="qthink-token" content="abc">');
  });

  it('without a fixed token each run gets a random one', async () => {
    const other = await startBridge({ dispatcher: backend.dispatcher, logger: createLogger('bridge-test'), staticDir: null });
    expect(other.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(other.token).not.toBe(TOKEN);
    await other.close();
  });
});
