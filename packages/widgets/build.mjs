// Builds @mahjar/widgets:
//   dist/<entry>.js        per-element ESM for npm (lit, @lit/context, @mahjar/sdk left as bare imports, so an
//                          app's bundler dedupes them; shared code and each translation in code-split chunks)
//   dist/mahjar.js         the self-registering script-tag bundle: everything included, minified; Arabic and
//                          French are separate chunks loaded on first use
//   dist/**/*.d.ts         declarations (tsc, tsconfig.build.json)
//   custom-elements.json   generated from the JSDoc headers by the CEM analyzer
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';
import { keepRegistrations, minifyLitCss } from './esbuild-plugins.mjs';

const here = new URL('.', import.meta.url);
process.chdir(here.pathname);
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
if (!readFileSync('src/shared/version.ts', 'utf8').includes(`'${pkg.version}'`))
  throw new Error(`src/shared/version.ts must say '${pkg.version}' (package.json)`);

const bin = (name) => new URL(`node_modules/.bin/${name}`, here).pathname;
const run = (cmd, args, cwd = '.') => execFileSync(cmd, args, { stdio: 'inherit', cwd });

// Declarations resolve @mahjar/sdk through its package.json, i.e. its built dist/.
if (!existsSync('../sdk/dist/index.d.ts'))
  run(
    process.execPath,
    [new URL('../sdk/node_modules/typescript/bin/tsc', here).pathname, '-p', 'tsconfig.build.json'],
    '../sdk',
  );

rmSync('dist', { recursive: true, force: true });
const shared = {
  bundle: true,
  format: 'esm',
  target: 'es2022',
  charset: 'utf8',
  legalComments: 'none',
  tsconfig: 'tsconfig.json',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  outdir: 'dist',
  logLevel: 'warning',
  plugins: [minifyLitCss, keepRegistrations],
};

await build({
  ...shared,
  entryPoints: [
    'src/index.ts',
    'src/mahjar-provider.ts',
    'src/mahjar-donate-button.ts',
    'src/mahjar-specialist-directory.ts',
    'src/mahjar-event-calendar.ts',
    'src/mahjar-member-signup.ts',
  ],
  packages: 'external',
  sourcemap: true,
});

await build({
  ...shared,
  entryPoints: ['src/mahjar.ts'],
  minify: true,
  sourcemap: 'linked',
  metafile: true,
}).then(({ metafile }) => {
  for (const [file, { bytes }] of Object.entries(metafile.outputs))
    if (file.endsWith('.js')) console.log(`${file.padEnd(36)} ${(bytes / 1024).toFixed(1)} KB`);
});

run(bin('tsc'), ['-p', 'tsconfig.build.json']);
run(bin('cem'), ['analyze', '--quiet']); // custom-elements-manifest.config.mjs
console.log('built dist/ and custom-elements.json');
