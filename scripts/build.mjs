// Builds everything into dist/: the renderer with Vite, and the Node/Electron entry points with
// esbuild (bundled CommonJS; better-sqlite3 and electron stay external).
import { build as esbuild } from 'esbuild';
import { build as vite } from 'vite';
import { rmSync } from 'node:fs';
import { common } from './esbuild-common.mjs';

rmSync('dist', { recursive: true, force: true });

await Promise.all([
  esbuild({ ...common, entryPoints: { main: 'electron/shell/main.ts' }, outExtension: { '.js': '.cjs' }, outdir: 'dist' }),
  // A sandboxed preload cannot require anything but electron: it must be one self-contained file.
  esbuild({ ...common, entryPoints: { preload: 'electron/preload.ts' }, outExtension: { '.js': '.cjs' }, outdir: 'dist' }),
  esbuild({
    ...common,
    entryPoints: {
      cli: 'electron/core/cli.ts',
      serve: 'electron/core/serve.ts',
      bench: 'scripts/bench.ts',
      'bench-bundles': 'scripts/bench-bundles.ts',
      'bench-screen': 'scripts/bench-screen.ts',
      'bench-panels': 'scripts/bench-panels.ts',
      'bench-scoring': 'scripts/bench-scoring.ts',
      'bench-audit': 'scripts/bench-audit.ts',
    },
    // The on-screen benchmark drives Chromium through Playwright, which stays in node_modules.
    external: [...common.external, '@playwright/test'],
    outExtension: { '.js': '.cjs' },
    outdir: 'dist',
  }),
  vite({ configFile: 'vite.config.ts', logLevel: 'warn' }),
]);
console.log('Built dist/');
