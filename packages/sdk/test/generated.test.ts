import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The committed generated files must be exactly what the contract produces today.
const pkg = new URL('..', import.meta.url).pathname;
const contractFile = join(pkg, '../../openapi/mahjar.yaml');
const out = mkdtempSync(join(tmpdir(), 'mahjar-gen-'));

// Each test runs a generator as a child process: seconds on a busy machine, past vitest's 5 s default.
const GENERATOR_TIMEOUT = 60_000;

describe('generated code matches the contract', () => {
  it(
    'schema.ts (openapi-typescript)',
    () => {
      // The same flags as `pnpm gen`, read from package.json so the two cannot drift apart.
      const gen = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')).scripts.gen as string;
      const args = gen.split('&&')[0]!.trim().split(/\s+/).slice(1);
      args[args.indexOf('src/generated/schema.ts')] = join(out, 'schema.ts');
      args[args.indexOf('../../openapi/mahjar.yaml')] = contractFile;
      execFileSync(join(pkg, 'node_modules/.bin/openapi-typescript'), args, { stdio: 'pipe' });
      const fresh = readFileSync(join(out, 'schema.ts'), 'utf8');
      const committed = readFileSync(join(pkg, 'src/generated/schema.ts'), 'utf8');
      expect(committed === fresh, 'src/generated/schema.ts is stale: run `pnpm gen` and commit').toBe(true);
    },
    GENERATOR_TIMEOUT,
  );

  it(
    'operations.ts (idempotent writes, operation table)',
    () => {
      execFileSync(process.execPath, [
        join(pkg, 'scripts/gen-operations.mjs'),
        contractFile,
        join(out, 'operations.ts'),
      ]);
      const fresh = readFileSync(join(out, 'operations.ts'), 'utf8');
      const committed = readFileSync(join(pkg, 'src/generated/operations.ts'), 'utf8');
      expect(committed === fresh, 'src/generated/operations.ts is stale: run `pnpm gen` and commit').toBe(true);
    },
    GENERATOR_TIMEOUT,
  );
});
