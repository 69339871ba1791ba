import { readFile, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

export const TOKEN_META_NAME = 'qthink-token';

/** index.html with the token in a meta tag, where the renderer's api client reads it (no inline script). */
export function injectToken(html: string, token: string): string {
  const meta = `<meta name="${TOKEN_META_NAME}" content="${token}">`;
  return html.includes('</head>') ? html.replace('</head>', `  ${meta}\n  </head>`) : `${meta}\n${html}`;
}

/** A path inside `root`, or null for anything that would leave it. */
export function resolveInside(root: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const base = resolve(root);
  const full = resolve(base, normalize(`.${sep}${decoded}`));
  return full === base || full.startsWith(base + sep) ? full : null;
}

/** Serves the built renderer; unknown paths get the app shell so a reload on any screen still works. */
export async function serveStatic(root: string, pathname: string, token: string, headOnly: boolean, response: ServerResponse) {
  const wanted = pathname === '/' ? '/index.html' : pathname;
  let file = resolveInside(root, wanted);
  if (file === null) {
    response.statusCode = 404;
    return response.end();
  }
  if (!(await isFile(file))) {
    if (extname(wanted) !== '') {
      response.statusCode = 404;
      return response.end();
    }
    file = join(resolve(root), 'index.html');
  }
  const isIndex = file === join(resolve(root), 'index.html');
  let body: Buffer | string;
  try {
    body = await readFile(file);
  } catch {
    response.statusCode = 404;
    response.setHeader('Content-Type', 'text/plain; charset=utf-8');
    return response.end('The app is not built: run `npm run build:renderer`, then start `qthink serve` again.\n');
  }
  if (isIndex) body = injectToken(body.toString('utf8'), token);
  response.statusCode = 200;
  response.setHeader('Content-Type', MIME[extname(file)] ?? 'application/octet-stream');
  response.end(headOnly ? undefined : body);
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
