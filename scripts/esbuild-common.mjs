// esbuild options shared by the build and by the test that checks the PDF module still bundles.
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

export const common = {
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
