/**
 * Browser mode: the contract over the loopback bridge started by `qthink serve`. The per-run token comes
 * from the page the bridge served (a meta tag) or the URL it printed; it is kept in sessionStorage and
 * removed from the visible URL so it does not end up in screenshots or bookmarks.
 */

import type { Channel } from '../../shared/ipc/contract.ts';

/** Sends one request and resolves with the raw envelope; progress events go to `onProgress`. */
export type Transport = (channel: Channel, request: unknown, onProgress?: (event: unknown) => void) => Promise<unknown>;

export const TOKEN_STORAGE_KEY = 'qthink.token';
export const TOKEN_META_NAME = 'qthink-token';
export const NDJSON = 'application/x-ndjson';

export type TokenSources = {
  readonly meta: string | null;
  readonly url: string;
  readonly stored: string | null;
};

/** The token to use, and the URL to show without it (null when the URL held none). */
export function resolveToken(sources: TokenSources): { token: string | null; cleanUrl: string | null } {
  const url = new URL(sources.url);
  const fromUrl = url.searchParams.get('token');
  let cleanUrl: string | null = null;
  if (fromUrl !== null) {
    url.searchParams.delete('token');
    cleanUrl = url.toString();
  }
  return { token: sources.meta || fromUrl || sources.stored || null, cleanUrl };
}

function pageToken(): string | null {
  const meta = document.querySelector(`meta[name="${TOKEN_META_NAME}"]`)?.getAttribute('content') ?? null;
  const { token, cleanUrl } = resolveToken({
    meta,
    url: window.location.href,
    stored: window.sessionStorage.getItem(TOKEN_STORAGE_KEY),
  });
  if (token) window.sessionStorage.setItem(TOKEN_STORAGE_KEY, token);
  if (cleanUrl) window.history.replaceState(window.history.state, '', cleanUrl);
  return token;
}

/** Reads an NDJSON body: `{ progress }` lines, then one `{ result }` line. */
export async function readNdjson(body: ReadableStream<Uint8Array>, onProgress: (event: unknown) => void): Promise<unknown> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let result: unknown = undefined;
  const take = (line: string) => {
    if (line.trim() === '') return;
    const message: unknown = JSON.parse(line);
    if (typeof message !== 'object' || message === null) return;
    if ('progress' in message) onProgress(message.progress);
    if ('result' in message) result = message.result;
  };
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let newline = buffer.indexOf('\n');
    while (newline >= 0) {
      take(buffer.slice(0, newline));
      buffer = buffer.slice(newline + 1);
      newline = buffer.indexOf('\n');
    }
  }
  take(buffer + decoder.decode());
  return result;
}

export type BridgeTransportOptions = {
  readonly fetch?: typeof fetch;
  /** The per-run token; by default read from the page (meta tag, URL, sessionStorage). */
  readonly token?: string | null;
  /** Where the bridge is; by default the page's own base URL. */
  readonly baseUrl?: string;
};

export function createBridgeTransport(options: BridgeTransportOptions = {}): Transport {
  const fetchImpl = options.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
  const token = options.token === undefined ? pageToken() : options.token;
  const baseUrl = options.baseUrl ?? document.baseURI;
  return async (channel, request, onProgress) => {
    const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: onProgress ? NDJSON : 'application/json' };
    if (token) headers.Authorization = `Bearer ${token}`;
    const response = await fetchImpl(new URL(`/api/${encodeURIComponent(channel)}`, baseUrl), {
      method: 'POST',
      headers,
      body: JSON.stringify(request ?? {}),
      credentials: 'same-origin',
    });
    if (onProgress && response.body && (response.headers.get('Content-Type') ?? '').startsWith(NDJSON)) {
      return readNdjson(response.body, onProgress);
    }
    // Error statuses still carry the typed envelope; the caller parses it.
    return response.json();
  };
}
