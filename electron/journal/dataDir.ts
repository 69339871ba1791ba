import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_DIR_NAME = 'qthink-journal';

/**
 * The platform's per-user data directory for the journal: %APPDATA% on Windows, ~/Library/Application
 * Support on macOS, $XDG_DATA_HOME (else ~/.local/share) elsewhere. QTHINK_DATA_DIR overrides all of them.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home: string = homedir()): string {
  const override = env['QTHINK_DATA_DIR'];
  if (override) return override;
  if (platform === 'win32') return join(env['APPDATA'] ?? join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_DIR_NAME);
  return join(env['XDG_DATA_HOME'] || join(home, '.local', 'share'), APP_DIR_NAME);
}
