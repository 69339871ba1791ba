import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { declaresTooLarge, DEFAULT_LIMITS, maxBodyBytesFor, readBoundedBody } from './body.ts';

const KiB = 1024;

/** A body that never ends on its own, counting every byte the reader pulled out of it. */
function endlessBody(chunkBytes: number) {
  const counter = { pulled: 0 };
  const stream = new Readable({
    highWaterMark: chunkBytes,
    read() {
      counter.pulled += chunkBytes;
      this.push(Buffer.alloc(chunkBytes, 0x61));
    },
  });
  return { stream, counter };
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const generous = { idleTimeoutMs: 5_000, totalTimeoutMs: 5_000 };

describe('reading a bounded request body', () => {
  it('a body within the limit is read whole, as UTF-8 even when a character is split across chunks', async () => {
    const euro = Buffer.from('€', 'utf8');
    const stream = Readable.from([Buffer.from('{"note":"'), euro.subarray(0, 1), euro.subarray(1), Buffer.from('"}')], { objectMode: false });
    expect(await readBoundedBody(stream, { maxBytes: 64, ...generous })).toEqual({ kind: 'ok', text: '{"note":"€"}' });
  });

  it('a body of exactly the limit is accepted; one byte more is too large', async () => {
    const exact = Readable.from([Buffer.alloc(100, 0x61)], { objectMode: false });
    expect((await readBoundedBody(exact, { maxBytes: 100, ...generous })).kind).toBe('ok');
    const over = Readable.from([Buffer.alloc(101, 0x61)], { objectMode: false });
    expect(await readBoundedBody(over, { maxBytes: 100, ...generous })).toEqual({ kind: 'too_large' });
  });

  it('a body that streams past the limit is cut off there and never buffered beyond it', async () => {
    const { stream, counter } = endlessBody(16 * KiB);
    const maxBytes = 256 * KiB;
    expect(await readBoundedBody(stream, { maxBytes, ...generous })).toEqual({ kind: 'too_large' });
    const pulledAtRefusal = counter.pulled;
    // The reader took at most the limit plus the chunk that crossed it and one read-ahead buffer.
    expect(pulledAtRefusal).toBeLessThanOrEqual(maxBytes + 2 * 16 * KiB + 16 * KiB);
    await wait(50);
    // Paused: the rest stays where it is (in a real request, unread in the socket).
    expect(counter.pulled).toBeLessThanOrEqual(pulledAtRefusal + 16 * KiB);
    expect(stream.isPaused()).toBe(true);
    stream.destroy();
  });

  it('a body that stops arriving is timed out after the idle timeout', async () => {
    const stream = new Readable({ read() {} });
    stream.push('{"files":');
    const started = Date.now();
    expect(await readBoundedBody(stream, { maxBytes: 1024, idleTimeoutMs: 60, totalTimeoutMs: 5_000 })).toEqual({ kind: 'timeout', reason: 'idle' });
    expect(Date.now() - started).toBeLessThan(1_000);
    stream.destroy();
  });

  it('a body that trickles in, one byte at a time, is timed out after the total body timeout', async () => {
    const stream = new Readable({ read() {} });
    const trickle = setInterval(() => stream.push('x'), 10);
    const started = Date.now();
    const outcome = await readBoundedBody(stream, { maxBytes: 1024, idleTimeoutMs: 100, totalTimeoutMs: 200 });
    clearInterval(trickle);
    expect(outcome).toEqual({ kind: 'timeout', reason: 'total' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(Date.now() - started).toBeLessThan(1_000);
    stream.destroy();
  });

  it('a client that hangs up mid-body is an outcome, not a throw', async () => {
    const stream = new Readable({ read() {} });
    stream.push('{"fi');
    setTimeout(() => stream.destroy(new Error('socket hang up')), 10);
    expect(await readBoundedBody(stream, { maxBytes: 1024, ...generous })).toEqual({ kind: 'aborted' });
  });

  it('imports get the large limit, every other channel the small one; the defaults are the documented ones', () => {
    expect(DEFAULT_LIMITS).toEqual({
      maxImportBodyBytes: 64 * 1024 * KiB,
      maxBodyBytes: 4 * 1024 * KiB,
      headersTimeoutMs: 10_000,
      bodyTimeoutMs: 30_000,
      bodyIdleTimeoutMs: 10_000,
    });
    expect(maxBodyBytesFor('import.files', DEFAULT_LIMITS)).toBe(64 * 1024 * KiB);
    expect(maxBodyBytesFor('import.manualTrade', DEFAULT_LIMITS)).toBe(4 * 1024 * KiB);
    expect(maxBodyBytesFor('staging.unstage', DEFAULT_LIMITS)).toBe(4 * 1024 * KiB);
  });

  it('only a well-formed Content-Length over the limit is refused up front (a bad one is node\'s 400)', () => {
    expect(declaresTooLarge('209715200', 64 * 1024 * KiB)).toBe(true);
    expect(declaresTooLarge(String(64 * 1024 * KiB), 64 * 1024 * KiB)).toBe(false);
    expect(declaresTooLarge(undefined, 10)).toBe(false);
    expect(declaresTooLarge('12abc', 10)).toBe(false);
  });
});
