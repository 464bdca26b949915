// Builds everything into dist/: the renderer with Vite, and the Node/Electron entry points with
// esbuild (bundled CommonJS; better-sqlite3 and electron stay external).
import { build as esbuild } from 'esbuild';
import { build as vite } from 'vite';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

// pdfkit's ES build finds its data through import.meta.url, which is empty in a CommonJS bundle;
// its CommonJS build uses __filename and loads nothing at start-up when given our own font. So
// bundle that one (docs/pdf.md).
const pdfkitCommonJs = {
  name: 'pdfkit-commonjs',
  setup(b) {
    b.onResolve({ filter: /^pdfkit$/ }, () => ({ path: require.resolve('pdfkit') }));
  },
};

rmSync('dist', { recursive: true, force: true });

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  external: ['electron', 'better-sqlite3'],
  // The PDF fonts are bundled as bytes, so the CLI and the app need no font files beside them.
  loader: { '.sql': 'text', '.ttf': 'binary' },
  plugins: [pdfkitCommonJs],
  logLevel: 'warning',
};

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
    },
    // The on-screen benchmark drives Chromium through Playwright, which stays in node_modules.
    external: [...common.external, '@playwright/test'],
    outExtension: { '.js': '.cjs' },
    outdir: 'dist',
  }),
  vite({ configFile: 'vite.config.ts', logLevel: 'warn' }),
]);
console.log('Built dist/');
