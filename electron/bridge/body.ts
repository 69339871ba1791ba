import type { Readable } from 'node:stream';
import type { ChannelName } from '../../shared/ipc/channels.ts';

const MiB = 1024 * 1024;

/**
 * How much and how long the bridge waits for a request. A browser on the same machine sends a whole request
 * in milliseconds, so these only ever stop a broken or hostile client; docs/reliability.md gives the reasons.
 */
export type BridgeLimits = {
  /** `import.files` carries whole files' text in its body. */
  readonly maxImportBodyBytes: number;
  /** Every other channel: filters, one trade, settings, a list of trade ids. */
  readonly maxBodyBytes: number;
  /** From the first byte of a request to the end of its headers (node's `headersTimeout`). */
  readonly headersTimeoutMs: number;
  /** From the end of the headers to the end of the body, however steadily it trickles in. */
  readonly bodyTimeoutMs: number;
  /** The longest silence between two pieces of a body. */
  readonly bodyIdleTimeoutMs: number;
};

export const DEFAULT_LIMITS: BridgeLimits = {
  // 64 MiB of trade files is several hundred thousand fills; bigger imports belong to `qthink import` or the
  // desktop app, which read files from disk instead of through a request body.
  maxImportBodyBytes: 64 * MiB,
  // The largest other body is `staging.unstage` with every id of a batch: 100,000 ids are about 3 MB.
  maxBodyBytes: 4 * MiB,
  headersTimeoutMs: 10_000,
  bodyTimeoutMs: 30_000,
  bodyIdleTimeoutMs: 10_000,
};

/** The body limit of a channel, known from the path before one byte of the body is read. */
export function maxBodyBytesFor(channel: ChannelName, limits: BridgeLimits): number {
  return channel === 'import.files' ? limits.maxImportBodyBytes : limits.maxBodyBytes;
}

/** A Content-Length header that is present, well-formed and over the limit. */
export function declaresTooLarge(contentLength: string | undefined, maxBytes: number): boolean {
  if (contentLength === undefined || !/^\d+$/.test(contentLength)) return false;
  return Number(contentLength) > maxBytes;
}

export type BodyOutcome =
  | { readonly kind: 'ok'; readonly text: string }
  /** Stopped at the limit: what was read is dropped and the rest is left unread. */
  | { readonly kind: 'too_large' }
  /** Too slow: nothing for `bodyIdleTimeoutMs`, or not finished within `bodyTimeoutMs`. */
  | { readonly kind: 'timeout'; readonly reason: 'idle' | 'total' }
  /** The client went away; there is nobody to answer. */
  | { readonly kind: 'aborted' };

/**
 * Reads a request body as UTF-8 without ever holding more than `maxBytes` of it, and gives up on a body
 * that stalls or trickles. It never throws: every way a body can go wrong is an outcome the caller answers.
 * On anything but `ok` the stream is paused, so the unread rest stays in the socket, not in memory.
 */
export function readBoundedBody(
  stream: Readable,
  limits: { readonly maxBytes: number; readonly idleTimeoutMs: number; readonly totalTimeoutMs: number },
): Promise<BodyOutcome> {
  return new Promise((resolve) => {
    let chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (outcome: BodyOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(idleTimer);
      clearTimeout(totalTimer);
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onGone);
      stream.off('close', onGone);
      if (outcome.kind !== 'ok') {
        chunks = [];
        stream.pause();
      }
      resolve(outcome);
    };
    const onData = (chunk: Buffer | string) => {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += buffer.length;
      if (size > limits.maxBytes) return finish({ kind: 'too_large' });
      chunks.push(buffer);
      idleTimer.refresh();
    };
    const onEnd = () => finish({ kind: 'ok', text: Buffer.concat(chunks, size).toString('utf8') });
    // 'close' before 'end' means the client hung up mid-body.
    const onGone = () => finish({ kind: 'aborted' });
    const idleTimer = setTimeout(() => finish({ kind: 'timeout', reason: 'idle' }), limits.idleTimeoutMs);
    const totalTimer = setTimeout(() => finish({ kind: 'timeout', reason: 'total' }), limits.totalTimeoutMs);
    stream.on('data', onData);
    stream.once('end', onEnd);
    stream.once('error', onGone);
    stream.once('close', onGone);
    if (stream.readableEnded) onEnd();
  });
}
