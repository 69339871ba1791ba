// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { sampleEntry } from '../../shared/ipc/samples.ts';
import { createBridgeTransport, readNdjson, resolveToken, TOKEN_STORAGE_KEY } from './bridgeTransport.ts';
import { createApi, createCheckedApi } from './client.ts';
import { createFakeApi } from './fake.ts';

const info = { version: '1.0.0', data_dir: '/d', mode: 'electron', native_dialogs: true, first_run: false, example_day: null };

describe('the renderer api client', () => {
  it('passes a valid envelope through', async () => {
    const api = createCheckedApi(async () => ({ ok: true, value: info }));
    expect(await api.invoke('app.info', {})).toEqual({ ok: true, value: info });
  });

  it('an invalid request is refused before it leaves the renderer', async () => {
    const transport = vi.fn(async () => ({ ok: true, value: {} }));
    const api = createCheckedApi(transport);
    const result = await api.invoke('staging.override', { id: 'T1', final_label: 'brilliant' as never });
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalid_request' } });
    expect(transport).not.toHaveBeenCalled();
  });

  it('an unknown channel is refused', async () => {
    const api = createCheckedApi(async () => ({ ok: true, value: {} }));
    expect(await api.invoke('fs.read' as never, {} as never)).toMatchObject({ ok: false, error: { kind: 'invalid_request' } });
  });

  it('a response that breaks the contract becomes an internal error, never a half-typed value', async () => {
    const api = createCheckedApi(async () => ({ ok: true, value: { ...info, mode: 'web' } }));
    expect(await api.invoke('app.info', {})).toMatchObject({ ok: false, error: { kind: 'internal' } });
  });

  it('a transport failure becomes an io error a trader can act on', async () => {
    const api = createCheckedApi(async () => {
      throw new Error('Failed to fetch');
    });
    const result = await api.invoke('app.info', {});
    expect(result).toMatchObject({ ok: false, error: { kind: 'io' } });
    expect(result.ok ? '' : result.error.message).toContain('still running');
  });

  it('progress events are parsed; malformed ones are dropped', async () => {
    const events: unknown[] = [];
    const api = createCheckedApi(async (_channel, _request, onProgress) => {
      onProgress?.({ phase: 'parsing', done: 1, total: 2, message: 'Reading' });
      onProgress?.({ phase: 'dreaming' });
      return { ok: true, value: { added: 0, skipped: 0, total: 0 } };
    });
    await api.invoke('staging.commit', {}, { onProgress: (event) => events.push(event) });
    expect(events).toEqual([{ phase: 'parsing', done: 1, total: 2, message: 'Reading' }]);
  });

  it('createApi uses window.qthink when the preload is there', async () => {
    const invoke = vi.fn(async () => ({ ok: true, value: info }));
    Object.defineProperty(window, 'qthink', { value: { invoke }, configurable: true });
    expect(await createApi().invoke('app.info', {})).toEqual({ ok: true, value: info });
    expect(invoke).toHaveBeenCalledWith('app.info', {}, undefined);
    Reflect.deleteProperty(window, 'qthink');
  });

  it('the bridge transport posts JSON with the bearer token', async () => {
    const fetchMock = vi.fn(async (_url: URL | RequestInfo, _init?: RequestInit) => new Response(JSON.stringify({ ok: true, value: info })));
    const transport = createBridgeTransport({ fetch: fetchMock as typeof fetch, token: 'tok', baseUrl: 'http://127.0.0.1:4000/journal/x' });
    await transport('app.info', {});
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(String(url)).toBe('http://127.0.0.1:4000/api/app.info');
    expect(init?.method).toBe('POST');
    expect((init?.headers as Record<string, string>).Authorization).toBe('Bearer tok');
  });

  it('the token comes from the page, leaves the visible URL and stays in sessionStorage', () => {
    expect(resolveToken({ meta: 'm', url: 'http://h/?token=u', stored: 's' })).toEqual({ token: 'm', cleanUrl: 'http://h/' });
    expect(resolveToken({ meta: null, url: 'http://h/?token=u&x=1', stored: null })).toEqual({ token: 'u', cleanUrl: 'http://h/?x=1' });
    expect(resolveToken({ meta: null, url: 'http://h/', stored: 's' })).toEqual({ token: 's', cleanUrl: null });
    window.history.replaceState(null, '', '/?token=from-url');
    createBridgeTransport({ fetch: vi.fn() as unknown as typeof fetch, baseUrl: 'http://h/' });
    expect(window.location.search).toBe('');
    expect(window.sessionStorage.getItem(TOKEN_STORAGE_KEY)).toBe('from-url');
  });

  it('NDJSON: progress lines, then the result, across chunk boundaries', async () => {
    const text = '{"progress":{"n":1}}\n{"progr' + 'ess":{"n":2}}\n{"result":{"ok":true,"value":1}}\n';
    const bytes = new TextEncoder().encode(text);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, 25));
        controller.enqueue(bytes.slice(25));
        controller.close();
      },
    });
    const seen: unknown[] = [];
    expect(await readNdjson(stream, (event) => seen.push(event))).toEqual({ ok: true, value: 1 });
    expect(seen).toEqual([{ n: 1 }, { n: 2 }]);
  });
});

describe('the fake api for renderer tests', () => {
  it('stages, overrides and commits through the same contract checks', async () => {
    const api = createFakeApi();
    const progress: unknown[] = [];
    const imported = await api.invoke(
      'import.files',
      { files: [{ name: 'day.jsonl', text: `${JSON.stringify(sampleEntry({ id: 'A' }).trade)}\n{"id":"broken"}\n` }] },
      { onProgress: (event) => progress.push(event) },
    );
    expect(imported.ok && imported.value.batch.entries.map((entry) => entry.id)).toEqual(['A']);
    expect(imported.ok && imported.value.report.errors[0]?.line).toBe(2);
    expect(progress.length).toBeGreaterThan(0);
    expect(await api.invoke('staging.override', { id: 'A', final_label: 'lucky_win' })).toMatchObject({ ok: true, value: { label_source: 'manual' } });
    expect(await api.invoke('staging.override', { id: 'ZZ', final_label: 'lucky_win' })).toMatchObject({ ok: false, error: { kind: 'not_found' } });
    expect(await api.invoke('staging.commit', {})).toMatchObject({ ok: true, value: { added: 1 } });
    expect(await api.invoke('journal.summary', {})).toMatchObject({ ok: true, value: { totals: { trades: 1 } } });
    expect(api.calls.map((entry) => entry.channel)).toContain('staging.commit');
  });

  it('a test can replace a channel, e.g. to show an error state', async () => {
    const api = createFakeApi({ committed: [sampleEntry()] });
    api.handle('journal.list', async () => {
      throw new Error('boom');
    });
    expect(await api.invoke('journal.list', {})).toMatchObject({ ok: false, error: { kind: 'internal' } });
    expect(await api.invoke('journal.calendar', {})).toMatchObject({ ok: true, value: { days: [{ date: '2025-03-10', trades: 1 }] } });
  });
});
