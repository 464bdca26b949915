// Where GrantPanel keeps its data when no folder is given: the same place Electron's userData is.
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.GRANTPANEL_DATA_DIR) return env.GRANTPANEL_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'GrantPanel');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'GrantPanel');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'GrantPanel');
}
