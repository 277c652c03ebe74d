#!/usr/bin/env node
// Every check the repo has, in the order that fails fastest, with one summary at the end.
// Called by `npm test` (through bootstrap.mjs) and so by .ci/run. Exit code: 0 only if every step passes.
//
// Two kinds of step:
//   - a check (build, lint, typecheck, size): it passes or fails, and is reported as a step;
//   - a test step: its runner writes a results file, and its tests are counted per runner (and, for
//     the server, per database engine). The closing `tests:` line adds up tests only, so it equals
//     what the runners themselves report.
// To add a step, append to `steps`: `{ name, cmd, cwd? }` for a check, plus `tests: vitest('<file>')`
// or `tests: wtr()` for a test step. `pnpm test:all <filter>` runs the steps whose name contains
// one of the filters, and fails when no step matches.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const results = mkdtempSync(join(tmpdir(), 'mahjar-results-'));
const env = { ...process.env, MAHJAR_RESULTS_DIR: results, FORCE_COLOR: process.env.CI ? '0' : '1' };

/**
 * @typedef {{ passed: number, failed: number, skipped: number }} Counts
 * @typedef {{ runner: string, total: Counts, groups?: Record<string, Counts>, fileErrors: number }} TestReport
 * @typedef {{ name: string, cmd: string[], cwd?: string, tests?: { args: string[], read: () => TestReport } }} Step
 */

const zero = () => ({ passed: 0, failed: 0, skipped: 0 });

/**
 * A vitest run whose JSON report lands in `<results>/<file>`. With `groupBy`, each test is filed under
 * the first group whose `[tag]` appears in its describe titles (the server's `[pglite]`, `[postgres]`),
 * or under `no engine` (tests that are not run once per engine).
 * @param {string} file
 * @param {{ groupBy?: string[] }} [options]
 */
function vitest(file, { groupBy } = {}) {
  return {
    args: ['--reporter=default', '--reporter=json', `--outputFile.json=${join(results, file)}`],
    /** @returns {TestReport} */
    read() {
      const report = JSON.parse(readFileSync(join(results, file), 'utf8'));
      const total = zero();
      /** @type {Record<string, Counts>} */
      const groups = {};
      let fileErrors = 0;
      for (const suite of report.testResults) {
        // A file that failed to load (or threw outside a test) has no test results but a failed status.
        if (suite.status === 'failed' && !suite.assertionResults.some((t) => t.status === 'failed')) fileErrors += 1;
        for (const test of suite.assertionResults) {
          const outcome = test.status === 'passed' ? 'passed' : test.status === 'failed' ? 'failed' : 'skipped';
          total[outcome] += 1;
          if (groupBy) {
            const titles = test.ancestorTitles.join(' ');
            const group = groupBy.find((g) => titles.includes(`[${g}]`)) ?? 'no engine';
            groups[group] ??= zero();
            groups[group][outcome] += 1;
          }
        }
      }
      return { runner: 'vitest', total, ...(groupBy ? { groups } : {}), fileErrors };
    },
  };
}

/** A web-test-runner run; packages/widgets/web-test-runner.config.mjs writes `<results>/wtr.json`. */
function wtr() {
  return {
    args: [],
    /** @returns {TestReport} */
    read() {
      const { passed, failed, skipped, fileErrors = 0 } = JSON.parse(readFileSync(join(results, 'wtr.json'), 'utf8'));
      return { runner: 'web-test-runner', total: { passed, failed, skipped }, fileErrors };
    },
  };
}

/** What the runs left to say in the summary, one line each (packages/server/test/global-setup.ts: why PostgreSQL was skipped). */
function notes() {
  const file = join(results, 'notes.txt');
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
}

/** @type {Step[]} */
const steps = [
  { name: 'format + lint (biome)', cmd: ['pnpm', 'exec', 'biome', 'ci', '.'] },
  { name: 'contract lint (redocly, spectral + OWASP)', cmd: ['pnpm', 'run', 'lint:openapi'] },
  { name: 'typecheck', cmd: ['pnpm', '-r', '--no-bail', 'typecheck'] },
  {
    name: 'sdk tests (vitest)',
    cmd: ['pnpm', 'exec', 'vitest', 'run'],
    cwd: join(root, 'packages/sdk'),
    tests: vitest('sdk.json'),
  },
  {
    name: 'console tests (vitest)',
    cmd: ['pnpm', 'exec', 'vitest', 'run'],
    cwd: join(root, 'packages/console'),
    tests: vitest('console.json'),
  },
  {
    name: 'server tests (vitest, PGlite and PostgreSQL)',
    cmd: ['pnpm', 'exec', 'vitest', 'run'],
    cwd: join(root, 'packages/server'),
    tests: vitest('server.json', { groupBy: ['pglite', 'postgres'] }),
  },
  { name: 'widgets build', cmd: ['pnpm', '--filter', '@mahjar/widgets', 'build'] },
  // after the widgets' (it bundles their report element); the examples' console test serves it
  { name: 'console build', cmd: ['pnpm', '--filter', '@mahjar/console', 'build'] },
  {
    name: 'packages (pnpm pack, declared imports, publint, arethetypeswrong)',
    cmd: ['node', 'packages/devtools/packs.mjs', '--check'],
  },
  { name: 'size budgets (fresh npm project, esbuild)', cmd: ['pnpm', '--filter', '@mahjar/widgets', 'size'] },
  {
    name: 'widget tests (web-test-runner, real Chromium)',
    cmd: ['pnpm', '--filter', '@mahjar/widgets', 'test'],
    tests: wtr(),
  },
  {
    name: 'embedding tests (examples: other origin, strict CSP, hostile CSS, real Chromium)',
    cmd: ['pnpm', 'exec', 'vitest', 'run'],
    cwd: join(root, 'examples'),
    tests: vitest('examples.json'),
  },
  {
    name: 'consumer projects (packed tarballs; npm and strict pnpm; Vite+TS, React 19, Vue 3 in Chromium; Node 20 + 24)',
    cmd: ['pnpm', 'exec', 'vitest', 'run', '--config', 'consumers/vitest.config.ts'],
    cwd: join(root, 'examples'),
    tests: vitest('consumers.json'),
  },
  {
    name: 'publish dry-run (@mahjar/sdk, @mahjar/widgets)',
    cmd: ['pnpm', '--filter', '@mahjar/sdk', '--filter', '@mahjar/widgets', 'publish', '--dry-run', '--no-git-checks'],
  },
  { name: 'storybook build', cmd: ['pnpm', '--filter', '@mahjar/stories', 'build'] },
];

const filters = process.argv.slice(2);
const selected = filters.length ? steps.filter((s) => filters.some((f) => s.name.includes(f))) : steps;
if (selected.length === 0) {
  console.error(`No step matches ${filters.map((f) => `"${f}"`).join(', ')}. Steps:`);
  for (const step of steps) console.error(`  ${step.name}`);
  process.exit(2);
}

const format = (/** @type {Counts} */ c) => `${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`;
const seconds = (/** @type {number} */ since) => `${((Date.now() - since) / 1000).toFixed(1)}s`;
const startedAll = Date.now();
const tests = zero();
const lines = [];
const warnings = [];
let failedSteps = 0;

for (const step of selected) {
  console.log(`\n━━ ${step.name} ━━`);
  const started = Date.now();
  const run = spawnSync(step.cmd[0], [...step.cmd.slice(1), ...(step.tests?.args ?? [])], {
    stdio: 'inherit',
    cwd: step.cwd ?? root,
    env,
  });
  let ok = run.status === 0;
  let detail = '';
  if (step.tests) {
    /** @type {TestReport | undefined} */
    let report;
    try {
      report = step.tests.read();
    } catch {
      ok = false;
      detail = ' — the runner wrote no results';
    }
    if (report) {
      for (const k of /** @type {const} */ (['passed', 'failed', 'skipped'])) tests[k] += report.total[k];
      detail = ` — ${report.runner}: ${format(report.total)}`;
      if (report.fileErrors) {
        ok = false;
        detail += `, ${report.fileErrors} file(s) failed outside any test`;
      }
      if (report.total.failed) ok = false;
      else if (!ok && !report.fileErrors) detail += ' — the runner failed outside any test (see its output above)';
      for (const [group, counts] of Object.entries(report.groups ?? {}))
        detail += `\n       ${group}: ${format(counts)}`;
      if (report.total.skipped) warnings.push(`${step.name}: ${report.total.skipped} test(s) skipped`);
    }
  }
  if (!ok) failedSteps += 1;
  lines.push(`${ok ? 'ok  ' : 'FAIL'} ${step.name} ${seconds(started)}${detail}`);
  if (!ok) console.error(`✗ ${step.name} failed`);
}

warnings.push(...notes());
console.log('\n━━ summary ━━');
for (const line of lines) console.log(line);
if (warnings.length) {
  console.log('\n━━ read this ━━');
  for (const warning of [...new Set(warnings)]) console.log(`! ${warning}`);
}
if (!existsSync(join(root, 'pnpm-lock.yaml'))) console.warn('warning: no pnpm-lock.yaml');
console.log(`\nsteps: ${selected.length - failedSteps} passed, ${failedSteps} failed (${seconds(startedAll)})`);
console.log(`tests: ${format(tests)}`);
process.exit(failedSteps === 0 ? 0 : 1);
