// @ts-check
// electron-builder's afterPack hook (build/electron-builder.yml): flips Electron's fuses in the packed app,
// then reads them back and fails the build if any is not as configured. afterPack runs before
// electron-builder signs, so the signature covers the flipped binary. Types: afterPack.d.mts beside this.
import { join } from 'node:path';
import { flipFuses, FuseV1Options, FuseVersion, getCurrentFuseWire } from '@electron/fuses';

// A fuse is one byte in the binary: ASCII '0' off, '1' on (@electron/fuses' FuseState, not exported).
const FUSE_OFF = 0x30;
const FUSE_ON = 0x31;

/**
 * The fuses of the packaged app. Each closes a way to run other code with the app's identity (and, on
 * macOS, its granted permissions) or to read it from outside: docs/reliability.md says why each is set.
 * @param {{ platform: string, arch: string }} target electron-builder's platform name and arch name
 * @returns {import('@electron/fuses').FuseV1Config}
 */
export function fuseConfig({ platform, arch }) {
  return {
    version: FuseVersion.V1,
    // Flipping a fuse breaks the ad-hoc signature an Apple Silicon binary needs to launch at all; sign it
    // again ad hoc (electron-builder replaces it with the real signature when there is an identity).
    resetAdHocDarwinSignature: (platform === 'darwin' || platform === 'mas') && (arch === 'arm64' || arch === 'universal'),
    // ELECTRON_RUN_AS_NODE would turn the app into a plain Node that runs any script.
    [FuseV1Options.RunAsNode]: false,
    [FuseV1Options.EnableCookieEncryption]: true,
    // NODE_OPTIONS (e.g. --require) and --inspect would inject code into the main process.
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    // The app.asar must match the hash electron-builder embeds (macOS and Windows; no effect on Linux)…
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
    // …and only the app.asar is loaded, never an app/ folder put beside it.
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
    // The page is served on app://qthink; file:// needs no extra powers.
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  };
}

/**
 * The names of the fuses whose byte in `wire` is not what `config` asks for; empty when all are set.
 * @param {import('@electron/fuses').FuseV1Config} config
 * @param {Record<string, unknown>} wire what getCurrentFuseWire read from the binary
 * @returns {string[]}
 */
export function fuseMismatches(config, wire) {
  const problems = [];
  for (const [key, wanted] of Object.entries(config)) {
    const index = Number(key);
    if (!Number.isInteger(index) || typeof wanted !== 'boolean') continue;
    if (wire[key] !== (wanted ? FUSE_ON : FUSE_OFF)) problems.push(FuseV1Options[index] ?? `fuse ${key}`);
  }
  return problems;
}

/**
 * Where electron-builder put the Electron binary, as its own addElectronFuses finds it.
 * @param {import('./afterPack.d.mts').FusesPackContext} context
 */
export function electronBinaryPath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') return join(appOutDir, `${packager.appInfo.productFilename}.app`);
  if (electronPlatformName === 'win32') return join(appOutDir, `${packager.appInfo.productFilename}.exe`);
  if (!packager.executableName) throw new Error('afterPack: electron-builder gave no executable name for the Linux binary');
  return join(appOutDir, packager.executableName);
}

/**
 * @param {import('./afterPack.d.mts').FusesPackContext} context
 * @returns {Promise<void>}
 */
export async function afterPack(context) {
  const { Arch } = await import('electron-builder');
  const config = fuseConfig({ platform: context.electronPlatformName, arch: Arch[context.arch] ?? String(context.arch) });
  const binary = electronBinaryPath(context);
  await flipFuses(binary, config);
  const problems = fuseMismatches(config, await getCurrentFuseWire(binary));
  if (problems.length > 0) throw new Error(`afterPack: fuses not set in ${binary}: ${problems.join(', ')}`);
}

export default afterPack;
