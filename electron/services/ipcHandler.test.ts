import { describe, expect, it, vi } from 'vitest';
import type { Handlers } from '../../shared/ipc/contract.ts';
import { createLogger, setLogSink } from '../logger.ts';
import { createDispatcher } from './dispatch.ts';
import { createIpcHandler, isTrustedSender } from './ipcHandler.ts';

const APP_URL = 'app://qthink/index.html';

function setup(overrides: Partial<Handlers> = {}) {
  const handlers = new Proxy(overrides as Handlers, {
    get: (target, name: string) =>
      (target as Record<string, unknown>)[name] ??
      (async () => {
        throw new Error(`unexpected call to ${name}`);
      }),
  });
  const lines: string[] = [];
  const previous = setLogSink((line) => lines.push(line));
  const logger = createLogger('ipc-test');
  const handle = createIpcHandler(createDispatcher(handlers, logger), logger);
  const sent: { id: string; event: unknown }[] = [];
  const invoke = (channel: unknown, payload: unknown, meta?: unknown, senderUrl: string | null = APP_URL) =>
    handle({ channel, payload, meta, senderUrl, sendProgress: (id, event) => sent.push({ id, event }) });
  return { invoke, sent, lines, restore: () => setLogSink(previous) };
}

describe('main-process IPC handler layer', () => {
  it('unknown channels are rejected as not_found without reaching a service', async () => {
    const { invoke, restore } = setup();
    for (const channel of ['fs.readFile', 'constructor', '__proto__', '', 42]) {
      expect(await invoke(channel, {})).toMatchObject({ ok: false, error: { kind: 'not_found' } });
    }
    restore();
  });

  it('invalid payloads are rejected as invalid_request before the service runs', async () => {
    const override = vi.fn(async () => {
      throw new Error('must not run');
    });
    const { invoke, restore } = setup({ 'staging.override': override });
    for (const payload of [undefined, null, 'T1', { id: 'T1' }, { id: 'T1', final_label: 'brilliant' }, { id: 5, note: 'x' }]) {
      const result = await invoke('staging.override', payload);
      expect(result).toMatchObject({ ok: false, error: { kind: 'invalid_request' } });
    }
    expect(override).not.toHaveBeenCalled();
    restore();
  });

  it('calls from a frame that is not the app are refused', async () => {
    const info = vi.fn(async () => ({ version: '1', data_dir: '/d', mode: 'electron' as const, native_dialogs: true, first_run: false, example_day: null }));
    const { invoke, restore } = setup({ 'app.info': info });
    for (const url of ['https://evil.example/', 'file:///home/t/x.html', 'app://other/index.html', null, 'not a url']) {
      expect(await invoke('app.info', {}, undefined, url)).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    }
    expect(info).not.toHaveBeenCalled();
    expect(await invoke('app.info', {})).toMatchObject({ ok: true, value: { version: '1' } });
    restore();
  });

  it('progress events reach the sender with the call id, checked against the progress schema', async () => {
    const { invoke, sent, restore } = setup({
      'import.files': async (_request, { progress }) => {
        progress({ phase: 'parsing', done: 0, total: 1, message: 'Reading' });
        (progress as (event: unknown) => void)({ phase: 'nonsense' });
        throw new Error('boom');
      },
    });
    const result = await invoke('import.files', { files: [{ name: 'a.jsonl', text: '' }] }, { progressId: 'p1' });
    expect(result).toMatchObject({ ok: false, error: { kind: 'internal' } });
    expect(sent).toEqual([{ id: 'p1', event: { phase: 'parsing', done: 0, total: 1, message: 'Reading' } }]);
    expect(await invoke('import.files', { files: [{ name: 'a', text: '' }] }, { progressId: '../../x' })).toMatchObject({
      ok: false,
      error: { kind: 'invalid_request' },
    });
    restore();
  });

  it('an unexpected throw becomes internal with a plain message, and is logged with its cause', async () => {
    const { invoke, lines, restore } = setup({
      'settings.get': async () => {
        throw new Error('disk on fire');
      },
    });
    const result = await invoke('settings.get', {});
    expect(result).toMatchObject({ ok: false, error: { kind: 'internal' } });
    expect(JSON.stringify(result)).not.toContain('disk on fire');
    expect(lines.join('\n')).toContain('disk on fire');
    restore();
  });

  it('a response that breaks its schema is not passed on', async () => {
    const { invoke, restore } = setup({ 'settings.get': async () => ({ theme: 'neon' }) as never });
    expect(await invoke('settings.get', {})).toMatchObject({ ok: false, error: { kind: 'internal' } });
    restore();
  });

  it('isTrustedSender accepts only the app:// origin', () => {
    expect(isTrustedSender('app://qthink/index.html')).toBe(true);
    expect(isTrustedSender('app://qthink/')).toBe(true);
    expect(isTrustedSender('app://qthink.evil/')).toBe(false);
    expect(isTrustedSender('http://127.0.0.1:5173/')).toBe(false);
  });
});
