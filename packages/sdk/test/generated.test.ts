import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The committed generated files must be exactly what the contract produces today.
const pkg = new URL('..', import.meta.url).pathname;
const contractFile = join(pkg, '../../openapi/mahjar.yaml');
const out = mkdtempSync(join(tmpdir(), 'mahjar-gen-'));

describe('generated code matches the contract', () => {
  it('schema.ts (openapi-typescript)', () => {
    execFileSync(
      join(pkg, 'node_modules/.bin/openapi-typescript'),
      [contractFile, '--root-types', '--root-types-no-schema-prefix', '-o', join(out, 'schema.ts')],
      { stdio: 'pipe' },
    );
    const fresh = readFileSync(join(out, 'schema.ts'), 'utf8');
    const committed = readFileSync(join(pkg, 'src/generated/schema.ts'), 'utf8');
    expect(committed === fresh, 'src/generated/schema.ts is stale: run `pnpm gen` and commit').toBe(true);
  });

  it('operations.ts (idempotent writes, operation table)', () => {
    execFileSync(process.execPath, [join(pkg, 'scripts/gen-operations.mjs'), contractFile, join(out, 'operations.ts')]);
    const fresh = readFileSync(join(out, 'operations.ts'), 'utf8');
    const committed = readFileSync(join(pkg, 'src/generated/operations.ts'), 'utf8');
    expect(committed === fresh, 'src/generated/operations.ts is stale: run `pnpm gen` and commit').toBe(true);
  });
});
