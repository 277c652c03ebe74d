// Size budgets, measured as an npm user's app gets the widgets: a fresh project outside the workspace
// whose only dependency is the packed @mahjar/widgets tarball (its @mahjar/sdk tarball comes with it),
// bundled by its own esbuild with `--bundle --minify --splitting --format=esm`, nothing of ours in between.
// Each figure is the brotli size (quality 11) of what loads before first render: the entry chunk and
// every chunk it imports statically. Lazy chunks (Arabic, French, the signup's later steps) are listed
// but not counted, except in the "whole form" row, which counts every chunk of the form in one language:
// the first step and the later steps, not the Arabic and French strings (a reader loads at most one).
//
// `node size.mjs` (pnpm bench, and the test command with --gate) prints every figure against its budget
// and exits non-zero when one is over. There are no exceptions: a budget is met or the check fails.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { freshProject } from '../devtools/fresh-project.mjs';
import { packs } from '../devtools/packs.mjs';

const here = new URL('.', import.meta.url).pathname;
const esbuildVersion = JSON.parse(readFileSync(join(here, 'package.json'), 'utf8')).devDependencies.esbuild;
const KB = 1024;
const budgets = [
  { name: 'shared runtime (mahjar-provider)', entry: 'provider', limit: 10.5 * KB },
  { name: 'mahjar-donate-button', entry: 'donate-button', limit: 14 * KB },
  { name: 'mahjar-specialist-directory', entry: 'specialist-directory', limit: 20 * KB },
  { name: 'mahjar-event-calendar', entry: 'event-calendar', limit: 20 * KB },
  { name: 'mahjar-member-signup, first step', entry: 'member-signup', limit: 16 * KB },
  { name: 'mahjar-member-signup, whole form', entry: 'member-signup', limit: 24 * KB, everything: true },
  { name: 'mahjar-member-account', entry: 'member-account', limit: 16 * KB },
  { name: 'mahjar-impact-report', entry: 'impact-report', limit: 20 * KB },
  { name: 'mahjar-needs-board', entry: 'needs-board', limit: 16 * KB },
];

const tarballs = await packs();
const dir = freshProject('size', {
  pm: 'npm',
  tarballs: { '@mahjar/widgets': tarballs.widgets, '@mahjar/sdk': tarballs.sdk },
  devDependencies: { esbuild: esbuildVersion },
  files: Object.fromEntries(budgets.map((b) => [`src/${b.entry}.js`, `import '@mahjar/widgets/${b.entry}';\n`])),
});

const brotli = (bytes) => brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const built = new Map();
/** Builds one entry the way the user's app would; returns its output chunks with what each imports. */
function bundle(entry) {
  if (!built.has(entry)) {
    const out = join('out', entry);
    execFileSync(
      join(dir, 'node_modules/.bin/esbuild'),
      [
        `src/${entry}.js`,
        '--bundle',
        '--minify',
        '--splitting',
        '--format=esm',
        `--outdir=${out}`,
        `--metafile=${out}.meta.json`,
        '--log-level=warning',
      ],
      { cwd: dir, stdio: 'inherit' },
    );
    built.set(entry, JSON.parse(readFileSync(join(dir, `${out}.meta.json`), 'utf8')).outputs);
  }
  return built.get(entry);
}

/** 'ar' or 'fr' when an output chunk holds only translations (known from the shipped chunks' source maps). */
function languageOf(output) {
  const languages = new Set();
  for (const input of Object.keys(output.inputs)) {
    let sources = [];
    try {
      sources = JSON.parse(readFileSync(join(dir, `${input}.map`), 'utf8')).sources;
    } catch {}
    const match = sources.map((s) => /translations\/(\w+)\//.exec(s)?.[1]);
    if (!sources.length || match.some((m) => !m)) return undefined;
    for (const m of match) languages.add(m);
  }
  return languages.size === 1 ? [...languages][0] : undefined;
}

let failed = false;
console.log(`${'bundle'.padEnd(40)}${'brotli'.padStart(8)}${'budget'.padStart(8)}  status`);
for (const b of budgets) {
  const outputs = bundle(b.entry);
  const js = Object.keys(outputs).filter((k) => k.endsWith('.js'));
  const entry = js.find((k) => outputs[k].entryPoint);
  const eager = new Set();
  const visit = (k) => {
    if (eager.has(k)) return;
    eager.add(k);
    for (const i of outputs[k].imports) if (i.kind === 'import-statement' && !i.external) visit(i.path);
  };
  visit(entry);
  const sizeOf = (k) => brotli(readFileSync(join(dir, k)));
  const counted = b.everything ? js.filter((k) => !languageOf(outputs[k])) : [...eager];
  const size = counted.reduce((n, k) => n + sizeOf(k), 0);
  const lazy = js
    .filter((k) => !counted.includes(k))
    .map((k) => (languageOf(outputs[k]) ? `${languageOf(outputs[k])} ${sizeOf(k)}` : sizeOf(k)));
  const over = size > b.limit;
  failed ||= over;
  console.log(
    `${b.name.padEnd(40)}${String(size).padStart(8)}${String(b.limit).padStart(8)}  ${over ? `OVER BUDGET by ${size - b.limit} B` : 'ok'}${lazy.length ? `  (lazy chunks, not counted: ${lazy.join(', ')})` : ''}`,
  );
}
console.log(`measured in ${dir} (npm, esbuild ${esbuildVersion}: --bundle --minify --splitting --format=esm)`);
if (failed) {
  console.error(
    '\n!!! SIZE BUDGET EXCEEDED: a widget now costs its host pages more than agreed. Shrink it or discuss the budget. !!!\n',
  );
  process.exit(1);
}
