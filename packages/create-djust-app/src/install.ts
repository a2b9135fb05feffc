/** `npm install` in the new app, its output shown as it goes. */
import { run } from './run.js';

// --prefer-offline: whatever npm's cache has is not fetched again.
export const INSTALL_ARGS = ['install', '--no-audit', '--no-fund', '--prefer-offline'];

/** True when npm exited 0. */
export async function installApp(dir: string): Promise<boolean> {
  const { code } = await run('npm', INSTALL_ARGS, dir, true);
  return code === 0;
}
