// Derives runtime facts the client needs from the contract, so none of them is written by hand:
// which operations take an Idempotency-Key (the client adds one), keyed by "METHOD /path", and the
// audience of each profile field a professional leaves unset (ProfessionalVisibility's defaults).
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';

const [, , input, output] = process.argv;
const doc = parse(readFileSync(input, 'utf8'));

function resolve(node) {
  while (node && typeof node === 'object' && '$ref' in node) {
    node = node.$ref
      .replace(/^#\//, '')
      .split('/')
      .reduce((o, k) => o[k.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
  }
  return node;
}

const idempotent = [];
const operations = {};
for (const [path, item] of Object.entries(doc.paths)) {
  for (const method of ['get', 'put', 'post', 'delete', 'patch']) {
    const op = item[method];
    if (!op) continue;
    operations[op.operationId] = { method: method.toUpperCase(), path };
    const params = [...(item.parameters ?? []), ...(op.parameters ?? [])].map(resolve);
    if (params.some((p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key')) {
      idempotent.push(`${method.toUpperCase()} ${path}`);
    }
  }
}

const visibility = resolve(doc.components.schemas.ProfessionalVisibility).properties;
const profileDefaults = Object.fromEntries(
  Object.entries(visibility).map(([field, schema]) => {
    if (schema.default === undefined) throw new Error(`ProfessionalVisibility.${field} has no default`);
    return [field, schema.default];
  }),
);

writeFileSync(
  output,
  `// Generated from openapi/mahjar.yaml by scripts/gen-operations.mjs — do not edit.

/** Every operation of the contract: its method and path template. */
export const operationTable = ${JSON.stringify(operations, null, 2)} as const;

export type OperationId = keyof typeof operationTable;

/** Writes that take an \`Idempotency-Key\` ("METHOD /path"); the client adds one when the caller didn't. */
export const idempotentOperations: ReadonlySet<string> = new Set(${JSON.stringify(idempotent.sort(), null, 2)});

/** The audience of each profile field left out of \`visibility\` (ProfessionalVisibility's defaults), in the contract's order. */
export const profileDefaults = ${JSON.stringify(profileDefaults, null, 2)} as const;
`,
);
