#!/usr/bin/env node
// Every check the repo has, in the order that fails fastest, with one summary at the end.
// Called by `npm test` (through bootstrap.mjs) and so by .ci/run. Exit code: 0 only if all pass.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const results = mkdtempSync(join(tmpdir(), 'mahjar-results-'));
const env = { ...process.env, MAHJAR_RESULTS_DIR: results, FORCE_COLOR: process.env.CI ? '0' : '1' };

/** @type {{ name: string, cmd: string[], cwd?: string, counts?: () => { passed: number, failed: number, skipped: number } }[]} */
const steps = [
  { name: 'format + lint (biome)', cmd: ['pnpm', 'exec', 'biome', 'ci', '.'] },
  { name: 'contract lint (redocly, spectral + OWASP)', cmd: ['pnpm', 'run', 'lint:openapi'] },
  { name: 'typecheck', cmd: ['pnpm', '-r', '--no-bail', 'typecheck'] },
  ...['sdk', 'server'].map((pkg) => ({
    name: `${pkg} tests (vitest${pkg === 'server' ? ', PGlite and PostgreSQL' : ''})`,
    cmd: [
      'pnpm',
      'exec',
      'vitest',
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${join(results, `${pkg}.json`)}`,
    ],
    cwd: join(root, 'packages', pkg),
    counts: () => {
      const r = JSON.parse(readFileSync(join(results, `${pkg}.json`), 'utf8'));
      return { passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests };
    },
  })),
  { name: 'widgets build', cmd: ['pnpm', '--filter', '@mahjar/widgets', 'build'] },
  {
    name: 'packages (pnpm pack, declared imports, publint, arethetypeswrong)',
    cmd: ['node', 'packages/devtools/packs.mjs', '--check'],
  },
  { name: 'size budgets (fresh npm project, esbuild)', cmd: ['pnpm', '--filter', '@mahjar/widgets', 'size'] },
  {
    name: 'widget + embedding tests (real Chromium)',
    cmd: ['pnpm', '--filter', '@mahjar/widgets', 'test'],
    counts: () => JSON.parse(readFileSync(join(results, 'wtr.json'), 'utf8')),
  },
  {
    name: 'embedding tests (examples: other origin, strict CSP, hostile CSS, real Chromium)',
    cmd: [
      'pnpm',
      'exec',
      'vitest',
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${join(results, 'examples.json')}`,
    ],
    cwd: join(root, 'examples'),
    counts: () => {
      const r = JSON.parse(readFileSync(join(results, 'examples.json'), 'utf8'));
      return { passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests };
    },
  },
  {
    name: 'consumer projects (packed tarballs; npm and strict pnpm; Vite+TS, React 19, Vue 3 in Chromium; Node 20 + 24)',
    cmd: [
      'pnpm',
      'exec',
      'vitest',
      'run',
      '--config',
      'consumers/vitest.config.ts',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${join(results, 'consumers.json')}`,
    ],
    cwd: join(root, 'examples'),
    counts: () => {
      const r = JSON.parse(readFileSync(join(results, 'consumers.json'), 'utf8'));
      return { passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests };
    },
  },
  {
    name: 'publish dry-run (@mahjar/sdk, @mahjar/widgets)',
    cmd: ['pnpm', '--filter', '@mahjar/sdk', '--filter', '@mahjar/widgets', 'publish', '--dry-run', '--no-git-checks'],
  },
  { name: 'storybook build', cmd: ['pnpm', '--filter', '@mahjar/stories', 'build'] },
];

const only = process.argv.slice(2);
const summary = [];
let passed = 0;
let failed = 0;
let skipped = 0;
for (const step of steps) {
  if (only.length && !only.some((o) => step.name.includes(o))) continue;
  console.log(`\n━━ ${step.name} ━━`);
  const started = Date.now();
  const r = spawnSync(step.cmd[0], step.cmd.slice(1), { stdio: 'inherit', cwd: step.cwd ?? root, env });
  const ok = r.status === 0;
  let counts = '';
  if (step.counts) {
    try {
      const c = step.counts();
      passed += c.passed;
      failed += c.failed;
      skipped += c.skipped;
      if (!ok && c.failed === 0) failed += 1; // the runner itself failed
      counts = ` (${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped)`;
    } catch {
      if (!ok) failed += 1;
      counts = ' (no results file)';
    }
  } else if (ok) {
    passed += 1;
  } else {
    failed += 1;
  }
  summary.push(`${ok ? 'ok  ' : 'FAIL'} ${step.name}${counts} ${((Date.now() - started) / 1000).toFixed(1)}s`);
  if (!ok && step.counts === undefined) console.error(`✗ ${step.name} failed`);
}

console.log('\n━━ summary ━━');
for (const line of summary) console.log(line);
const allOk = summary.every((l) => l.startsWith('ok'));
console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
if (!existsSync(join(root, 'pnpm-lock.yaml'))) console.warn('warning: no pnpm-lock.yaml');
process.exit(allOk && failed === 0 ? 0 : 1);
