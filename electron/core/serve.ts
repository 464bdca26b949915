// `npm run serve`: browser mode. Prints the address and runs until Ctrl+C.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openCore } from './app';
import { defaultDataDir } from './data-dir';
import { startServer } from './server';

async function main() {
  const { values } = parseArgs({
    options: { port: { type: 'string' }, 'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: false,
  });
  if (values.help) {
    console.log(
      'Usage: npm run serve -- [--port PORT] [--data-dir DIR]\nStarts GrantPanel in browser mode on 127.0.0.1 and prints its address.',
    );
    return;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a number from 0 to 65535, not "${values.port}"`);
    process.exit(2);
  }
  const dataDir = values['data-dir'] ?? defaultDataDir();
  const core = openCore({ dataDir });
  const server = await startServer(core, { rendererDir: join(__dirname, 'renderer'), port });
  console.log(`GrantPanel is running in browser mode. Open ${server.url}`);
  console.log(`Data folder: ${dataDir}${core.ctx.readOnly ? ' (read-only)' : ''}. Press Ctrl+C to stop.`);
  const stop = () => {
    void server.close().finally(() => {
      core.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: Error) => {
  console.error(`GrantPanel could not start: ${error.message}`);
  process.exit(1);
});
