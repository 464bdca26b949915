import { readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vitest/config';

// Migrations are .sql files imported as text, as esbuild's text loader does in the build.
const sqlAsText: Plugin = {
  name: 'sql-as-text',
  load(id) {
    if (id.endsWith('.sql')) return `export default ${JSON.stringify(readFileSync(id, 'utf8'))};`;
    return null;
  },
};

// Fonts for the PDFs are imported as bytes, as esbuild's binary loader does in the build.
const fontAsBytes: Plugin = {
  name: 'font-as-bytes',
  enforce: 'pre', // before Vite's asset plugin, which would make it a URL
  load(id) {
    if (id.endsWith('.ttf'))
      return `export default new Uint8Array(Buffer.from(${JSON.stringify(readFileSync(id).toString('base64'))}, 'base64'));`;
    return null;
  },
};

export default defineConfig({
  plugins: [sqlAsText, fontAsBytes],
  test: {
    include: ['test/unit/**/*.test.ts', 'test/core/**/*.test.ts', 'test/cli/**/*.test.ts', 'test/shell/**/*.test.ts'],
    setupFiles: ['test/support/fast-check-seed.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
