// Builds @mahjar/widgets:
//   dist/<entry>.js        per-element ESM for npm: lit, @lit/context and @mahjar/sdk stay bare imports (declared
//                          dependencies, so an app's bundler dedupes them with its own copies); shared code and each
//                          translation in code-split chunks (dist/chunks/). Not minified (the app's bundler does
//                          that), except what a bundler cannot: Lit templates' indentation and CSS. Source maps.
//   dist/mahjar.js         the self-registering script-tag bundle: every element, minified, one file
//   dist/mahjar-loader.js  the script-tag loader: defines only the mahjar-* tags on the page (and added later)
//                          by importing their chunks on demand: one runtime chunk, one per element.
//   dist/cdn/              the chunks of both, named by content hash (immutable on a CDN). Loading both files,
//                          or either twice, is safe: a tag already defined is left alone (defineElement).
//   dist/sri.json          Subresource Integrity hashes of the two script-tag entry files (also printed)
//   dist/**/*.d.ts         declarations (tsc, tsconfig.build.json)
//   dist/react.d.ts, dist/vue.d.ts   JSX and Vue template typings for the tags (scripts/framework-types.mjs)
//   custom-elements.json   generated from the JSDoc headers by the CEM analyzer
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { brotliCompressSync } from 'node:zlib';
import { build } from 'esbuild';
import { keepRegistrations, minifyTemplates, oneRuntimeChunk } from './esbuild-plugins.mjs';

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
  outdir: 'dist',
  logLevel: 'warning',
  plugins: [minifyTemplates, keepRegistrations],
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
    'src/mahjar-member-account.ts',
    'src/mahjar-impact-report.ts',
    'src/mahjar-needs-board.ts',
  ],
  chunkNames: 'chunks/[name]-[hash]',
  // Every package stays a bare import. Named explicitly too: tsconfig.json maps @mahjar/sdk to its source (for
  // tests and type checks), and that mapping would otherwise win and inline the SDK.
  packages: 'external',
  external: Object.keys(pkg.dependencies),
  sourcemap: true,
});

// The two script-tag files are separate builds: the all-in-one bundle is one self-contained file (plus the
// translations and the signup's later steps, loaded on use); the loader's chunks are cut for pages that
// hold one or two elements: one runtime chunk and one chunk per element (see oneRuntimeChunk).
const outputs = {};
for (const [entry, plugins] of [
  ['src/mahjar.ts', shared.plugins],
  ['src/mahjar-loader.ts', [oneRuntimeChunk, ...shared.plugins]],
]) {
  const { metafile } = await build({
    ...shared,
    entryPoints: [entry],
    chunkNames: 'cdn/[name]-[hash]',
    plugins,
    minify: true,
    sourcemap: 'linked',
    metafile: true,
    // oneRuntimeChunk's imports exist only to place modules in one chunk; esbuild rightly drops them after.
    logOverride: { 'ignored-bare-import': 'silent' },
  });
  Object.assign(outputs, metafile.outputs);
}
for (const [file, { bytes }] of Object.entries(outputs))
  if (file.endsWith('.js') && !file.includes('/cdn/'))
    console.log(
      `${file.padEnd(28)} ${(bytes / 1024).toFixed(1)} KB, ${(brotliCompressSync(readFileSync(file)).length / 1024).toFixed(1)} KB brotli`,
    );

// Subresource Integrity for the script-tag entries, for pages that pin a version on a CDN.
const sri = Object.fromEntries(
  ['mahjar.js', 'mahjar-loader.js'].map((f) => [
    f,
    `sha384-${createHash('sha384')
      .update(readFileSync(`dist/${f}`))
      .digest('base64')}`,
  ]),
);
writeFileSync('dist/sri.json', `${JSON.stringify({ version: pkg.version, ...sri }, null, 2)}\n`);
for (const [file, hash] of Object.entries(sri))
  console.log(
    `<script type="module" src="https://cdn.jsdelivr.net/npm/${pkg.name}@${pkg.version}/dist/${file}" integrity="${hash}" crossorigin="anonymous"></script>`,
  );

run(bin('tsc'), ['-p', 'tsconfig.build.json']);
run(bin('cem'), ['analyze', '--quiet']); // custom-elements-manifest.config.mjs
run(process.execPath, ['scripts/framework-types.mjs']); // dist/react.d.ts, dist/vue.d.ts
console.log('built dist/ and custom-elements.json');
