#!/usr/bin/env node
// Part of `pnpm release`, after the build: writes the built version's Subresource Integrity hash into the
// script-tag snippet of packages/widgets/README.md, so the README published with a version shows its
// exact value. Not run by tests: the hash changes with every change to the widgets.
import { readFileSync, writeFileSync } from 'node:fs';

const widgets = new URL('../widgets/', import.meta.url);
const sri = JSON.parse(readFileSync(new URL('dist/sri.json', widgets), 'utf8'));
const readme = new URL('README.md', widgets);
const text = readFileSync(readme, 'utf8').replace(
  /@mahjar\/widgets@[^/]+\/dist\/mahjar-loader\.js"\n {2}integrity="[^"]*"/,
  () => `@mahjar/widgets@${sri.version}/dist/mahjar-loader.js"\n  integrity="${sri['mahjar-loader.js']}"`,
);
writeFileSync(readme, text);
console.log(`README: mahjar-loader.js ${sri.version} ${sri['mahjar-loader.js']}`);
