import { protocol } from 'electron';
import { readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { APP_SCHEME } from '../../shared/ipc/electronChannels.ts';
import { resolveInside } from '../bridge/static.ts';
import { RENDERER_CSP } from '../services/csp.ts';

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/**
 * Serves the built renderer on app://qthink/ with the CSP header. A custom standard scheme gives the page
 * a real origin (file:// would share one with every local file) that the IPC layer can check.
 */
export function registerAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'qthink') return new Response('not found', { status: 404 });
    let file = resolveInside(rendererDir, url.pathname === '/' ? '/index.html' : url.pathname);
    if (file === null) return new Response('not found', { status: 404 });
    if (!(await isFile(file))) {
      if (extname(url.pathname) !== '') return new Response('not found', { status: 404 });
      file = join(rendererDir, 'index.html');
    }
    const body = await readFile(file);
    return new Response(body, {
      headers: {
        'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
        'Content-Security-Policy': RENDERER_CSP,
        'X-Content-Type-Options': 'nosniff',
      },
    });
  });
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
