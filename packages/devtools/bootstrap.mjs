#!/usr/bin/env node
// Brings a bare machine that has only Node.js (any version ≥ 18) up to what the repo needs,
// then runs one of the root tasks. Runs on the machine's own Node and imports nothing.
//
//   node packages/devtools/bootstrap.mjs demo    install, then start server + example pages
//   node packages/devtools/bootstrap.mjs test    install, then run every test
//   node packages/devtools/bootstrap.mjs bench   install, then run the benchmarks
//
// Node 24 LTS comes from the npm registry's `node` package (a real binary, no download
// from elsewhere) and pnpm from the registry's `pnpm` package, both cached per user.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const nodeMajor = Number(/\d+/.exec(pkg.engines.node)[0]);
const pnpmVersion = pkg.packageManager.split('@')[1];
const cache = process.env.MAHJAR_TOOLS_CACHE ?? join(homedir(), '.cache', 'mahjar');
const tasks = { demo: 'demo:run', test: 'test:all', bench: 'bench:all' };

const task = process.argv[2];
if (!(task in tasks)) {
  console.error(`usage: bootstrap.mjs ${Object.keys(tasks).join('|')}`);
  process.exit(2);
}

function run(cmd, args, env = process.env) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, env });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

function npmInstall(prefix, spec) {
  mkdirSync(prefix, { recursive: true });
  console.log(`[bootstrap] installing ${spec} into ${prefix}`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const status = run(npm, [
    'install',
    '--prefix',
    prefix,
    '--no-save',
    '--no-audit',
    '--no-fund',
    '--loglevel=error',
    spec,
  ]);
  if (status !== 0) throw new Error(`npm install ${spec} failed`);
}

function ensureNode() {
  if (Number(process.versions.node.split('.')[0]) >= nodeMajor) return process.execPath;
  const prefix = join(cache, `node-${nodeMajor}`);
  const bin = join(prefix, 'node_modules', 'node', 'bin', 'node');
  if (!existsSync(bin)) npmInstall(prefix, `node@${nodeMajor}`);
  return bin;
}

function ensurePnpm(node) {
  const prefix = join(cache, `pnpm-${pnpmVersion}`);
  const cli = join(prefix, 'node_modules', 'pnpm', 'bin', 'pnpm.cjs');
  if (!existsSync(cli)) npmInstall(prefix, `pnpm@${pnpmVersion}`);
  // A tiny `pnpm` on PATH so package scripts that call pnpm get this exact version on Node 24.
  const binDir = join(prefix, 'shim');
  mkdirSync(binDir, { recursive: true });
  const shim = join(binDir, 'pnpm');
  writeFileSync(shim, `#!/bin/sh\nexec "${node}" "${cli}" "$@"\n`);
  chmodSync(shim, 0o755);
  return binDir;
}

const node = ensureNode();
const pnpmBin = ensurePnpm(node);
const env = {
  ...process.env,
  PATH: [dirname(node), pnpmBin, process.env.PATH].join(process.platform === 'win32' ? ';' : ':'),
  COREPACK_ENABLE_STRICT: '0',
  npm_config_manage_package_manager_versions: 'false',
};
const pnpm = join(pnpmBin, 'pnpm');
console.log(`[bootstrap] node ${spawnSync(node, ['--version']).stdout.toString().trim()}, pnpm ${pnpmVersion}`);

const frozen = existsSync(join(root, 'pnpm-lock.yaml')) ? ['--frozen-lockfile'] : [];
let status = run(pnpm, ['install', ...frozen], env);
if (status !== 0) process.exit(status);
status = run(pnpm, ['run', tasks[task]], env);
process.exit(status);
