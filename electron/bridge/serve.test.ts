import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir } from '../journal/dataDir.ts';
import { parseServeArgs } from './serve.ts';

describe('qthink serve arguments', () => {
  it('defaults to the desktop app\'s data directory and a free port', () => {
    expect(parseServeArgs([])).toEqual({ dataDir: defaultDataDir(), port: 0, help: false });
  });

  it('reads --data-dir and --port in both spellings', () => {
    expect(parseServeArgs(['--data-dir', 'j', '--port', '8123'])).toEqual({ dataDir: resolve('j'), port: 8123, help: false });
    expect(parseServeArgs(['--data-dir=/tmp/j', '--port=0'])).toEqual({ dataDir: '/tmp/j', port: 0, help: false });
  });

  it('bad arguments come back as a message, not a throw', () => {
    expect(parseServeArgs(['--port', 'http'])).toEqual({ error: expect.stringContaining('--port') });
    expect(parseServeArgs(['--port', '70000'])).toEqual({ error: expect.stringContaining('65535') });
    expect(parseServeArgs(['--data-dir'])).toEqual({ error: expect.stringContaining('--data-dir') });
    expect(parseServeArgs(['--open'])).toEqual({ error: expect.stringContaining('--open') });
  });

  it('the default data directory follows each platform\'s convention', () => {
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\t\\AppData\\Roaming' }, 'win32', '/home/t')).toContain('AppData');
    expect(defaultDataDir({ XDG_DATA_HOME: '/x/data' }, 'linux', '/home/t')).toBe('/x/data/qthink-journal');
    expect(defaultDataDir({}, 'linux', '/home/t')).toBe('/home/t/.local/share/qthink-journal');
    expect(defaultDataDir({}, 'darwin', '/Users/t')).toBe('/Users/t/Library/Application Support/qthink-journal');
    expect(defaultDataDir({ QTHINK_DATA_DIR: '/j' }, 'linux', '/home/t')).toBe('/j');
  });
});
