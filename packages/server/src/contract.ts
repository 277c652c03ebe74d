import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';
import type { AdminRole } from './db/schema.js';
import type { Locale } from './http/input.js';
import { escapePointer } from './http/well-formed.js';
import type { FieldError } from './problems.js';
import { validationMessages } from './validation-messages.js';

// The contract is the one source of truth: routes, parameters, bodies and responses are all read from it.
export const contractPath = new URL('../../../openapi/mahjar.yaml', import.meta.url);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/**
 * The credentials an operation accepts (any one of them), except `memberSession`, which the contract
 * only ever requires together with `publishableKey` (a member acts through their organisation's site).
 */
export type SecurityScheme = 'publishableKey' | 'publishableKeyQuery' | 'secretKey' | 'bearerAuth' | 'memberSession';

export interface OperationSpec {
  operationId: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  /** Fastify's form of the path: `/v1/events/:id`. */
  routePath: string;
  /** Schemes any one of which admits the caller; empty means no authentication. */
  security: SecurityScheme[];
  /**
   * `required`: every way in that takes the publishable key also takes a member session (member
   * operations); `optional`: one does and one does not (the directory, where a signed-in member sees
   * more); undefined: the operation knows no members.
   */
  memberSession?: 'required' | 'optional';
  idempotent: boolean;
  /**
   * The role an admin operation needs (`x-mahjar-min-role`), checked for every secret key and admin
   * user before the handler runs (auth.ts `meetsRole`); undefined for operations without one.
   */
  minRole?: AdminRole;
  /**
   * The largest body it takes, in bytes (`x-mahjar-body-limit`): public writes take a body a person
   * typed, bounded close to the largest valid one; others, the server's default.
   */
  bodyLimit: number | undefined;
  requestMediaTypes: string[];
  bodyRequired: boolean;
  validateParams: ValidateFunction;
  validateBody: Map<string, ValidateFunction>;
  /** Parameter names by location, so the router can pick them out of the request. */
  params: { path: string[]; query: string[]; header: string[] };
}

const SCHEMA_ID = 'https://mahjar.dev/openapi/mahjar.yaml';
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

function rebase(node: Json): Json {
  if (Array.isArray(node)) return node.map(rebase);
  if (node && typeof node === 'object') {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(node)) {
      out[k] = k === '$ref' && typeof v === 'string' && v.startsWith('#') ? `${SCHEMA_ID}${v}` : rebase(v);
    }
    return out;
  }
  return node;
}

export class Contract {
  readonly doc: JsonObject;
  readonly operations = new Map<string, OperationSpec>();
  private readonly ajv: Ajv2020;
  private readonly responseValidators = new Map<string, ValidateFunction>();

  constructor(text = readFileSync(contractPath, 'utf8')) {
    this.doc = parse(text) as JsonObject;
    // ajv-formats is CommonJS with a `default` export; under NodeNext the callable is `.default`.
    const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
      ajv: Ajv2020,
    ) => Ajv2020;
    // allErrors stays off: with it, one hostile body (30,000 bad items) makes Ajv list every error
    // and check uniqueItems over the whole array before the problem is written — seconds of a
    // blocked event loop. Without it Ajv stops at the first failing keyword (maxItems comes first).
    this.ajv = new Ajv2020({ strict: false, allErrors: false, coerceTypes: false, discriminator: false });
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: SCHEMA_ID, components: this.doc.components as Json });
    // Parameters arrive as strings: a second instance coerces them ("20" → 20, "x" → ["x"]).
    const coercing = new Ajv2020({ strict: false, allErrors: false, coerceTypes: 'array', useDefaults: true });
    addFormats(coercing);
    coercing.addSchema({ $id: SCHEMA_ID, components: this.doc.components as Json });

    const rootSecurity = (this.doc.security as JsonObject[] | undefined) ?? [];
    for (const [path, item] of Object.entries(this.doc.paths as Record<string, JsonObject>)) {
      for (const m of METHODS) {
        const op = item[m] as JsonObject | undefined;
        if (!op) continue;
        const parameters = [...((item.parameters as Json[]) ?? []), ...((op.parameters as Json[]) ?? [])].map(
          (p) => this.resolve(p) as JsonObject,
        );
        const byIn: Record<'path' | 'query' | 'header', JsonObject> = { path: {}, query: {}, header: {} };
        const required: Record<'path' | 'query' | 'header', string[]> = { path: [], query: [], header: [] };
        for (const p of parameters) {
          const where = p.in as 'path' | 'query' | 'header';
          if (!(where in byIn)) continue;
          const name = where === 'header' ? String(p.name).toLowerCase() : String(p.name);
          const schema = (p.schema ?? {}) as JsonObject;
          byIn[where][name] = rebase(schema);
          if (p.required) required[where].push(name);
        }
        const paramsSchema = {
          type: 'object',
          properties: Object.fromEntries(
            (['path', 'query', 'header'] as const).map((w) => [
              w,
              { type: 'object', properties: byIn[w], required: required[w] },
            ]),
          ),
        };
        const body = op.requestBody ? (this.resolve(op.requestBody) as JsonObject) : undefined;
        const content = (body?.content ?? {}) as Record<string, JsonObject>;
        const validateBody = new Map<string, ValidateFunction>();
        for (const [media, c] of Object.entries(content)) {
          if (c.schema) validateBody.set(media, this.ajv.compile(rebase(c.schema) as object));
        }
        const requirements = (op.security as JsonObject[] | undefined) ?? rootSecurity;
        const security = [...new Set(requirements.flatMap((req) => Object.keys(req) as SecurityScheme[]))];
        const withKey = requirements.filter((req) => 'publishableKey' in req);
        const withSession = withKey.filter((req) => 'memberSession' in req).length;
        const memberSession = withSession === 0 ? undefined : withSession === withKey.length ? 'required' : 'optional';
        this.operations.set(String(op.operationId), {
          operationId: String(op.operationId),
          method: m.toUpperCase() as OperationSpec['method'],
          path,
          routePath: path.replace(/\{([^}]+)\}/g, ':$1'),
          security,
          ...(memberSession ? { memberSession } : {}),
          idempotent: 'idempotency-key' in byIn.header,
          ...(typeof op['x-mahjar-min-role'] === 'string' ? { minRole: op['x-mahjar-min-role'] as AdminRole } : {}),
          bodyLimit: typeof op['x-mahjar-body-limit'] === 'number' ? op['x-mahjar-body-limit'] : undefined,
          requestMediaTypes: Object.keys(content),
          bodyRequired: Boolean(body?.required),
          validateParams: coercing.compile(paramsSchema),
          validateBody,
          params: {
            path: Object.keys(byIn.path),
            query: Object.keys(byIn.query),
            header: Object.keys(byIn.header),
          },
        });
      }
    }
  }

  /** Follows `$ref`s inside the document (parameters, request bodies, responses). */
  /** The `default` of each property of a component schema, e.g. the audience of each profile field. */
  defaultsOf(schema: string): Record<string, Json> {
    const components = (this.doc.components as JsonObject).schemas as JsonObject;
    const properties = ((this.resolve(components[schema] as Json) as JsonObject).properties ?? {}) as JsonObject;
    return Object.fromEntries(
      Object.entries(properties).flatMap(([name, property]) => {
        const value = (property as JsonObject).default;
        return value === undefined ? [] : [[name, value]];
      }),
    );
  }

  resolve(node: Json): Json {
    let current = node;
    while (current && typeof current === 'object' && !Array.isArray(current) && typeof current.$ref === 'string') {
      const pointer = current.$ref.replace(/^#\//, '').split('/');
      current = pointer.reduce<Json>(
        (o, k) => (o as JsonObject)[k.replace(/~1/g, '/').replace(/~0/g, '~')] as Json,
        this.doc,
      );
    }
    return current;
  }

  /**
   * Checks a response against what the contract promises for that status and media type.
   * Returns the list of mismatches (empty when it conforms). Used by the tests on every call.
   */
  checkResponse(operationId: string, status: number, mediaType: string, body: unknown): string[] {
    const spec = this.operations.get(operationId);
    if (!spec) return [`unknown operation ${operationId}`];
    const op = (this.doc.paths as Record<string, JsonObject>)[spec.path]?.[spec.method.toLowerCase()] as JsonObject;
    const responses = op.responses as Record<string, Json>;
    const declared = responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
    if (!declared) return [`status ${status} is not declared for ${operationId}`];
    const response = this.resolve(declared) as JsonObject;
    const content = response.content as Record<string, JsonObject> | undefined;
    if (!content) return body === undefined || body === '' ? [] : [`${operationId} ${status} declares no body`];
    const media = mediaType.split(';')[0]!.trim();
    const entry = content[media];
    if (!entry) return [`${operationId} ${status} does not declare ${media} (has ${Object.keys(content).join(', ')})`];
    if (!entry.schema) return [];
    const key = `${operationId} ${status} ${media}`;
    let validate = this.responseValidators.get(key);
    if (!validate) {
      validate = this.ajv.compile(rebase(entry.schema) as object);
      this.responseValidators.set(key, validate);
    }
    return validate(body) ? [] : toFieldErrors(validate.errors).map((e) => `${e.pointer || '/'} ${e.detail}`);
  }
}

/**
 * Ajv's errors as JSON pointers into the request, phrased for people in `locale` (English, Ajv's
 * own, unless asked otherwise).
 */
export function toFieldErrors(
  errors: ErrorObject[] | null | undefined,
  prefix = '',
  locale: Locale = 'en',
): FieldError[] {
  const out: FieldError[] = [];
  const seen = new Set<string>();
  const words = validationMessages[locale];
  // copies: the validator keeps its errors array, and another language may read it next
  const phrased = (errors ?? []).map((e) => ({ ...e }));
  words.localize?.(phrased);
  for (const e of phrased) {
    let pointer = `${prefix}${e.instancePath}`;
    // ajv-i18n leaves a leading space on some (` يجب أن يكون >= 1`); Ajv's English has none
    let detail = (words.localize ? e.message?.trim() : e.message) || words.invalid;
    if (e.keyword === 'required') {
      pointer = `${pointer}/${(e.params as { missingProperty: string }).missingProperty}`;
      detail = words.required;
    } else if (e.keyword === 'additionalProperties') {
      pointer = `${pointer}/${escapePointer((e.params as { additionalProperty: string }).additionalProperty)}`;
      detail = words.unknownField;
    } else if (e.keyword === 'enum') {
      detail = words.oneOf((e.params as { allowedValues: unknown[] }).allowedValues.join(', '));
    }
    if (seen.has(`${pointer} ${detail}`)) continue;
    seen.add(`${pointer} ${detail}`);
    out.push({ pointer, detail });
  }
  return out;
}

let shared: Contract | undefined;
/** The contract, parsed and compiled once per process. */
export function contract(): Contract {
  shared ??= new Contract();
  return shared;
}
