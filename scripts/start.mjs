// `npm start` (after the build): GrantPanel in Electron when its binary is installed, otherwise
// the same core and renderer in browser mode (dist/serve.cjs). Arguments pass through to either.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

/** The Electron executable, or null. Never triggers a download. */
function electronBinary() {
  try {
    // The electron package's main downloads the binary when it is missing (and throws offline),
    // so look for what it would return before asking it.
    const packageDir = path.dirname(require.resolve('electron/package.json'));
    if (!process.env.ELECTRON_OVERRIDE_DIST_PATH) {
      const pathFile = path.join(packageDir, 'path.txt');
      if (!existsSync(pathFile)) return null;
      if (!existsSync(path.join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim()))) return null;
    }
    const binary = require('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

/** Runs a child with our terminal and ends with its exit code. Ctrl+C reaches it directly. */
function runAndExit(command, commandArgs, env = process.env) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit', env });
  const forward = (signal) => () => {
    if (child.exitCode === null) child.kill(signal);
  };
  // Stay alive until the child has shut down cleanly; a terminal's Ctrl+C reaches it anyway,
  // a signal sent to this process alone is passed on.
  process.on('SIGINT', forward('SIGINT'));
  process.on('SIGTERM', forward('SIGTERM'));
  child.on('error', (error) => {
    console.error(`Could not start ${path.basename(command)}: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const electron = electronBinary();
if (electron) {
  // ELECTRON_RUN_AS_NODE would make the binary a plain Node and ignore the app.
  const { ELECTRON_RUN_AS_NODE: _ignored, ...env } = process.env;
  runAndExit(electron, [root, ...args], env);
} else {
  const serve = path.join(root, 'dist', 'serve.cjs');
  if (!existsSync(serve)) {
    console.error('dist/serve.cjs is missing: run `npm run build` first.');
    process.exit(1);
  }
  console.log("Electron's binary is not available on this machine — starting GrantPanel in browser mode instead.");
  runAndExit(process.execPath, [serve, ...args]);
}
