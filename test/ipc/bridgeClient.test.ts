import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBridge, type Bridge } from '../../electron/bridge/server.ts';
import { createLogger } from '../../electron/logger.ts';
import { createTestBackend, jsonl, nativeTrade, type TestBackend } from '../../electron/services/testing.ts';
import { createBridgeTransport } from '../../renderer/api/bridgeTransport.ts';
import { createCheckedApi } from '../../renderer/api/client.ts';

let backend: TestBackend;
let bridge: Bridge;

beforeAll(async () => {
  backend = await createTestBackend();
  bridge = await startBridge({ dispatcher: backend.dispatcher, logger: createLogger('bridge-client-test'), staticDir: null });
});

afterAll(async () => {
  await bridge.close();
  await backend.cleanup();
});

describe('renderer api client over the real bridge', () => {
  it('the same contract end to end: import with progress, override, commit, list', async () => {
    const api = createCheckedApi(createBridgeTransport({ token: bridge.token, baseUrl: `http://127.0.0.1:${bridge.port}/` }));
    const progress: string[] = [];
    const imported = await api.invoke(
      'import.files',
      { files: [{ name: 'day.jsonl', text: jsonl([nativeTrade({ id: 'C1' }), nativeTrade({ id: 'C2', exit_time: '2025-03-10T10:50:00-04:00' })]) }] },
      { onProgress: (event) => progress.push(event.phase) },
    );
    expect(imported.ok && imported.value.batch.entries).toHaveLength(2);
    expect(progress).toContain('done');
    expect(await api.invoke('staging.override', { id: 'C2', setup_archetype: 'fade_reversal' })).toMatchObject({ ok: true });
    expect(await api.invoke('staging.commit', {})).toMatchObject({ ok: true, value: { added: 2 } });
    const listed = await api.invoke('journal.list', { setup_archetype: 'fade_reversal' });
    expect(listed.ok && listed.value.entries.map((entry) => entry.id)).toEqual(['C2']);
  });

  it('a wrong token comes back as a typed unauthorized error', async () => {
    const api = createCheckedApi(createBridgeTransport({ token: 'nope', baseUrl: `http://127.0.0.1:${bridge.port}/` }));
    expect(await api.invoke('app.info', {})).toMatchObject({ ok: false, error: { kind: 'unauthorized' } });
  });
});
