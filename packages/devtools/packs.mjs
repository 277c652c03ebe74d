#!/usr/bin/env node
// The published packages as npm users get them: `pnpm pack` of @mahjar/sdk and @mahjar/widgets (workspace:
// ranges replaced by versions), packed once into node_modules/.cache/mahjar-packs/ and shared by the package
// checks, the size check and the consumer projects.
//
//   import { packs } from './packs.mjs'   tarball paths; packs again only when a dist/ is newer than its tarball
//   node packs.mjs --check                packs, then publint (strict) and @arethetypeswrong/cli on each tarball
//
// The widgets must be built first (`pnpm --filter @mahjar/widgets build`); the SDK is built here.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const packDir = join(root, 'node_modules/.cache/mahjar-packs');
export const published = ['sdk', 'widgets'];

const newest = (dir) =>
  readdirSync(dir, { recursive: true }).reduce((t, f) => Math.max(t, statSync(join(dir, String(f))).mtimeMs), 0);
const tarballOf = (name) => {
  const pkg = JSON.parse(readFileSync(join(root, 'packages', name, 'package.json'), 'utf8'));
  return join(packDir, `${pkg.name.replace('@', '').replace('/', '-')}-${pkg.version}.tgz`);
};

/** @returns {Promise<Record<'sdk' | 'widgets', string>>} absolute paths of the tarballs */
export async function packs({ force = false } = {}) {
  mkdirSync(packDir, { recursive: true });
  const out = {};
  for (const name of published) {
    const dir = join(root, 'packages', name);
    const tarball = tarballOf(name);
    if (name === 'sdk' && (force || !existsSync(tarball))) {
      rmSync(join(dir, 'dist'), { recursive: true, force: true });
      execFileSync('pnpm', ['run', '--silent', 'build'], { cwd: dir, stdio: 'inherit' });
    }
    if (!existsSync(join(dir, 'dist'))) throw new Error(`packages/${name}/dist is missing: build it first`);
    if (force || !existsSync(tarball) || statSync(tarball).mtimeMs < newest(join(dir, 'dist')))
      execFileSync('pnpm', ['pack', '--pack-destination', packDir], {
        cwd: dir,
        stdio: ['ignore', 'ignore', 'inherit'],
      });
    out[name] = tarball;
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv.includes('--check')) {
  const { publint } = await import('publint');
  const { formatMessage } = await import('publint/utils');
  let failed = false;
  for (const [name, tarball] of Object.entries(await packs({ force: true }))) {
    const buffer = readFileSync(tarball);
    const { messages, pkg } = await publint({
      pack: { tarball: buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) },
      strict: true,
    });
    // Every bare import in the shipped JavaScript names a declared dependency (or itself).
    const dir = join(root, 'packages', name);
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const declared = new Set([manifest.name, ...Object.keys(manifest.dependencies ?? {})]);
    for (const file of readdirSync(join(dir, 'dist'), { recursive: true }).map(String))
      if (file.endsWith('.js'))
        for (const [, spec] of readFileSync(join(dir, 'dist', file), 'utf8').matchAll(
          /(?:\bfrom|\bimport)\s*\(?\s*["']([^"'.][^"']*)["']/g,
        )) {
          const bare = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
          if (!declared.has(bare) && !spec.startsWith('node:')) {
            console.log(`  ${name}: dist/${file} imports ${spec}, which package.json does not declare`);
            failed = true;
          }
        }
    console.log(`publint ${name}: ${messages.length ? '' : 'no issues'}`);
    for (const m of messages) console.log(`  ${m.type}: ${formatMessage(m, pkg)}`);
    failed ||= messages.length > 0;
    // ESM-only packages (both are `type: module` with `import`-only exports), so require() from CommonJS is
    // out of scope; every other resolution mode must find types.
    try {
      execFileSync(join(root, 'node_modules/.bin/attw'), [tarball, '--profile', 'esm-only', '--format', 'ascii'], {
        stdio: 'inherit',
      });
    } catch {
      failed = true;
    }
  }
  if (failed) process.exit(1);
}
