import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FuseV1Options, FuseVersion, getCurrentFuseWire } from '@electron/fuses';
import { SENTINEL } from '@electron/fuses/dist/constants.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { afterPack, electronBinaryPath, fuseConfig, fuseMismatches } from '../../build/afterPack.mjs';

const OFF = 0x30;
const ON = 0x31;

/**
 * A stand-in for the Electron binary: bytes around the fuse wire exactly as Electron lays it out (sentinel,
 * wire version, wire length, one byte per fuse), with Electron's defaults: RunAsNode, NODE_OPTIONS, --inspect
 * and file:// privileges on, the rest off. The real @electron/fuses flips it.
 */
function fakeElectron(): Buffer {
  const defaults = [ON, OFF, ON, ON, OFF, OFF, OFF, ON];
  return Buffer.concat([Buffer.alloc(4096, 0x90), Buffer.from(SENTINEL, 'ascii'), Buffer.from([1, defaults.length, ...defaults]), Buffer.alloc(4096, 0x90)]);
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qthink-fuses-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const linuxContext = (appOutDir: string) => ({
  appOutDir,
  electronPlatformName: 'linux',
  arch: 1,
  packager: { appInfo: { productFilename: 'QThink Journal' }, executableName: 'qthink-journal' },
});

describe('Electron fuses, set at packaging', () => {
  it('RunAsNode, NODE_OPTIONS and --inspect off; asar integrity, asar only and cookie encryption on', () => {
    const config = fuseConfig({ platform: 'linux', arch: 'x64' });
    expect(config.version).toBe(FuseVersion.V1);
    expect(config[FuseV1Options.RunAsNode]).toBe(false);
    expect(config[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false);
    expect(config[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
    expect(config[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true);
    expect(config[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
    expect(config[FuseV1Options.EnableCookieEncryption]).toBe(true);
    expect(config[FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]).toBe(false);
    expect(config[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(false);
  });

  it('every fuse @electron/fuses knows is set explicitly, none left to Electron\'s default', () => {
    const config = fuseConfig({ platform: 'win32', arch: 'x64' });
    const known = Object.values(FuseV1Options).filter((value): value is FuseV1Options => typeof value === 'number');
    expect(known).toHaveLength(8);
    for (const fuse of known) expect(typeof config[fuse], FuseV1Options[fuse]).toBe('boolean');
  });

  it('Apple Silicon and universal macOS builds are re-signed ad hoc after flipping; other builds are not', () => {
    expect(fuseConfig({ platform: 'darwin', arch: 'arm64' }).resetAdHocDarwinSignature).toBe(true);
    expect(fuseConfig({ platform: 'darwin', arch: 'universal' }).resetAdHocDarwinSignature).toBe(true);
    expect(fuseConfig({ platform: 'mas', arch: 'arm64' }).resetAdHocDarwinSignature).toBe(true);
    expect(fuseConfig({ platform: 'darwin', arch: 'x64' }).resetAdHocDarwinSignature).toBe(false);
    expect(fuseConfig({ platform: 'linux', arch: 'arm64' }).resetAdHocDarwinSignature).toBe(false);
    expect(fuseConfig({ platform: 'win32', arch: 'arm64' }).resetAdHocDarwinSignature).toBe(false);
  });

  it('afterPack flips the fuses in the packed binary and reads them back', async () => {
    const out = await mkdtemp(join(dir, 'linux-'));
    await writeFile(join(out, 'qthink-journal'), fakeElectron());
    await afterPack(linuxContext(out));
    const wire = await getCurrentFuseWire(join(out, 'qthink-journal'));
    expect(fuseMismatches(fuseConfig({ platform: 'linux', arch: 'x64' }), wire)).toEqual([]);
    const bytes = await readFile(join(out, 'qthink-journal'));
    const at = bytes.indexOf(SENTINEL) + SENTINEL.length + 2;
    expect([...bytes.subarray(at, at + 8)]).toEqual([OFF, ON, OFF, OFF, ON, ON, OFF, OFF]);
    // Nothing else in the file moved.
    expect(bytes.length).toBe(fakeElectron().length);
  });

  it('afterPack fails the build when the binary has no fuse wire, rather than ship without fuses', async () => {
    const out = await mkdtemp(join(dir, 'nofuses-'));
    await writeFile(join(out, 'qthink-journal'), Buffer.alloc(1024, 0x90));
    await expect(afterPack(linuxContext(out))).rejects.toThrow(/sentinel/i);
  });

  it('a fuse whose byte is not as configured is named', () => {
    const config = fuseConfig({ platform: 'linux', arch: 'x64' });
    const wire = { version: '1', 0: ON, 1: ON, 2: OFF, 3: OFF, 4: ON, 5: OFF, 6: OFF, 7: OFF };
    expect(fuseMismatches(config, wire)).toEqual(['RunAsNode', 'OnlyLoadAppFromAsar']);
  });

  it('the binary is found where electron-builder puts it on each platform', () => {
    const packager = { appInfo: { productFilename: 'QThink Journal' }, executableName: 'qthink-journal' };
    expect(electronBinaryPath({ appOutDir: '/out', electronPlatformName: 'linux', arch: 1, packager })).toBe(join('/out', 'qthink-journal'));
    expect(electronBinaryPath({ appOutDir: '/out', electronPlatformName: 'win32', arch: 1, packager })).toBe(join('/out', 'QThink Journal.exe'));
    expect(electronBinaryPath({ appOutDir: '/out', electronPlatformName: 'darwin', arch: 3, packager })).toBe(join('/out', 'QThink Journal.app'));
  });

  it('electron-builder.yml runs the hook, and does not also flip fuses itself', async () => {
    const yml = await readFile(join(import.meta.dirname, '..', '..', 'build', 'electron-builder.yml'), 'utf8');
    expect(yml).toMatch(/^afterPack: \.\/build\/afterPack\.mjs$/m);
    expect(yml).not.toMatch(/^electronFuses:/m);
    expect(yml).toMatch(/^asar: true$/m);
  });
});
