// A project outside the workspace, as a new user makes one: its own directory under the system's temp
// folder (so nothing resolves from the workspace's node_modules), the packed tarballs as dependencies,
// everything else from the npm registry (offline-preferring, so a warm cache makes no network calls).
//
//   npm:  flat node_modules, `overrides` points @mahjar/sdk at its tarball
//   pnpm: node-linker=isolated and hoist=false (strict: a package sees only what it declares)
//
// A project is reused while its package.json (which names the tarballs by content hash) is unchanged.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const hashOf = (file) => createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 12);

/**
 * @param {string} name
 * @param {{ pm: 'npm' | 'pnpm', tarballs: Record<string, string>, dependencies?: Record<string, string>,
 *   devDependencies?: Record<string, string>, files?: Record<string, string> }} options
 *   tarballs: package name → .tgz, installed by file: (the first is the direct dependency; all are overrides)
 * @returns {string} the project directory
 */
export function freshProject(name, { pm, tarballs, dependencies = {}, devDependencies = {}, files = {} }) {
  const spec = Object.fromEntries(Object.entries(tarballs).map(([pkg, file]) => [pkg, `file:${file}`]));
  const manifest = {
    name,
    private: true,
    type: 'module',
    // The tarballs' hashes make a rebuilt package a new project.
    description: Object.values(tarballs).map(hashOf).join(' '),
    dependencies: { ...spec, ...dependencies },
    devDependencies,
    ...(pm === 'npm' ? { overrides: spec } : { pnpm: { overrides: spec, onlyBuiltDependencies: ['esbuild'] } }),
  };
  // One set of projects per checkout, so two clones on one machine do not share (or clobber) them.
  const checkout = createHash('sha256')
    .update(new URL('../..', import.meta.url).pathname)
    .digest('hex')
    .slice(0, 8);
  const dir = join(tmpdir(), `mahjar-consumers-${checkout}`, `${name}-${pm}`);
  const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
  const installed =
    existsSync(join(dir, 'node_modules')) && readFileSync(join(dir, 'package.json'), 'utf8') === manifestText;
  if (!installed) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), manifestText);
  }
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  if (!installed) {
    const quiet = { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, CI: 'true' } };
    if (pm === 'npm')
      execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], quiet);
    else {
      writeFileSync(join(dir, '.npmrc'), 'node-linker=isolated\nhoist=false\npublic-hoist-pattern=\n');
      // Outside any workspace; the lockfile is the project's own.
      execFileSync(
        'pnpm',
        ['install', '--prefer-offline', '--reporter=silent', '--config.confirmModulesPurge=false'],
        quiet,
      );
    }
  }
  return dir;
}
