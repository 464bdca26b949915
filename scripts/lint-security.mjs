// `npm run lint:security`: Doyensec's electronegativity over electron/, failing on any finding
// of MEDIUM severity or higher that is not an accepted exception below.
//
// electronegativity always exits 0, so we read its findings ourselves. We call the runner its
// CLI calls (the package's main) rather than parse `-o`: its CSV writer truncates the file
// asynchronously while appending rows, which was seen to drop findings, and its SARIF output
// carries no severity.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FAIL_AT = ['MEDIUM', 'HIGH'];
// Its Electron release check needs the network; offline it fails fast, but a network that
// drops packets instead of refusing them could stall it, so the whole scan has a deadline.
const DEADLINE_MS = 180_000;

/**
 * Findings reviewed and accepted, each for one check in one file (paths relative to electron/).
 * A new finding of the same check anywhere else still fails.
 */
const ACCEPTED = [
  {
    check: 'CSP_GLOBAL_CHECK',
    file: 'N/A',
    reason:
      'The CSP is a response header set by the app:// handler (shell/protocol.ts, pinned by test/shell/protocol.test.ts); ' +
      'electronegativity only finds CSPs in <meta> tags or webRequest code. The same CSP evaluator is run on the policy below.',
  },
  {
    check: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'shell/navigation.ts',
    reason: 'openInBrowser parses the URL and passes on only http: and https: (test/shell/window.test.ts).',
  },
  {
    check: 'AUXCLICK_JS_CHECK',
    file: 'shell/window.ts',
    reason: 'A middle-click opens a window through setWindowOpenHandler, which denies every window (shell/navigation.ts, tested).',
  },
  {
    check: 'PRELOAD_JS_CHECK',
    file: 'shell/window.ts',
    reason:
      'Marks every preload for review. Ours exposes one frozen function per contract method and nothing else (test/shell/preload.test.ts).',
  },
];

function electronVersion() {
  try {
    return require('electron/package.json').version;
  } catch {
    return undefined;
  }
}

async function scan() {
  const run = require('@doyensec/electronegativity');
  const options = {
    input: path.join(root, 'electron'),
    customScan: [],
    excludeFromScan: [],
    isRelative: true,
    isVerbose: false,
    electronVersionOverride: electronVersion(),
    parserPlugins: [],
  };
  let timer;
  const deadline = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`electronegativity did not finish within ${DEADLINE_MS / 1000} s`)), DEADLINE_MS);
  });
  try {
    return await Promise.race([run(options, false), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Our policy through the evaluator electronegativity's CSP_GLOBAL_CHECK uses, stricter than its LOW rating. */
async function weakPolicyProblems() {
  const csp = require('@doyensec/csp-evaluator');
  const bundle = await build({
    entryPoints: [path.join(root, 'electron/core/content-security-policy.ts')],
    bundle: true,
    format: 'esm',
    write: false,
    logLevel: 'silent',
  });
  const source = bundle.outputFiles[0].text;
  const { CONTENT_SECURITY_POLICY } = await import(`data:text/javascript;base64,${Buffer.from(source).toString('base64')}`);
  const findings = new csp.CspEvaluator(new csp.CspParser(CONTENT_SECURITY_POLICY).csp, csp.Version.CSP3).evaluate();
  // 'self' in script-src is rated MEDIUM_MAYBE (JSONP or uploads on the origin): app:// serves only our build.
  return findings.filter((f) => f.severity <= csp.severities.HIGH_MAYBE).map((f) => `${f.directive}: ${f.description}`);
}

const accepted = (issue) => ACCEPTED.find((a) => a.check === issue.id && a.file === issue.file);

async function main() {
  const result = await scan();
  const serious = result.issues.filter((i) => FAIL_AT.includes(i.severity.name));
  const failing = serious.filter((i) => !accepted(i));
  const cspProblems = await weakPolicyProblems();
  const unused = ACCEPTED.filter((a) => !serious.some((i) => a.check === i.id && a.file === i.file));

  // A file it could not parse is a file nobody checked, so that fails too; parser warnings do not.
  const unscanned = result.errors.filter((e) => !e.tolerable);
  for (const e of result.errors)
    (e.tolerable ? console.warn : console.error)(
      `${e.tolerable ? 'Warning' : 'Could not scan'} ${path.relative(root, e.file)}: ${e.message}`,
    );
  for (const i of failing) {
    console.error(`${i.severity.name} ${i.id} electron/${i.file}:${i.location.line}:${i.location.column} — ${i.description}`);
  }
  for (const problem of cspProblems) console.error(`CSP weakness: ${problem}`);
  for (const a of unused) console.warn(`Note: accepted exception ${a.check} in ${a.file} no longer matches any finding; remove it.`);

  const ok = failing.length === 0 && cspProblems.length === 0 && unscanned.length === 0;
  const summary =
    `electronegativity: ${result.issues.length} findings over electron/ (${result.atomicChecks} atomic, ${result.globalChecks} global checks), ` +
    `${serious.length - failing.length} accepted, ${failing.length} failing at MEDIUM or above; CSP ${cspProblems.length ? 'weak' : 'strict'}.`;
  (ok ? console.log : console.error)(summary);
  return ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`lint:security could not run: ${error.message}`);
    process.exit(1);
  },
);
