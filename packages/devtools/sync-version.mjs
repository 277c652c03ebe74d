#!/usr/bin/env node
// After `changeset version`: the widgets carry their version in code (defineElement compares it when a
// tag is already defined), so src/shared/version.ts follows package.json. build.mjs refuses a mismatch.
import { readFileSync, writeFileSync } from 'node:fs';

const widgets = new URL('../widgets/', import.meta.url);
const { version } = JSON.parse(readFileSync(new URL('package.json', widgets), 'utf8'));
const file = new URL('src/shared/version.ts', widgets);
writeFileSync(file, readFileSync(file, 'utf8').replace(/VERSION = '[^']*'/, `VERSION = '${version}'`));
console.log(`src/shared/version.ts: ${version}`);
