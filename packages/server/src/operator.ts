import { type ParseArgsOptionsConfig, parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import type { Config } from './config.js';
import { ORGANISATION_KINDS } from './db/migrations/0001_core.js';
import type { DB, OrganisationKind } from './db/schema.js';
import { audit } from './http/audit.js';
import { Mailer } from './mail.js';
import { onboardOrganisation } from './operations/onboarding.js';
import { issueApiKey } from './operations/system.js';
import { ProblemError } from './problems.js';
import { loadTaxonomies } from './seed/seed.js';

/**
 * The operator's commands (`src/admin-cli.ts`), for what no API caller can do because nobody holds a
 * credential yet: on a fresh install, the first organisation and its owner. Each command runs in one
 * transaction and is recorded in the new organisation's audit log as the operator's.
 */

export const USAGE = `Usage: pnpm --filter @mahjar/server exec tsx src/admin-cli.ts create-organisation \\
    --slug ilma --name ILMA --kind umbrella --owner someone@example.org --origin https://ilma.example.org
  Options of create-organisation:
    --slug S            lower-case letters, digits and dashes (required)
    --name N            its name in English (required); --name-ar, --name-fr for the others
    --kind K            umbrella | chapter | ministry | partner (default umbrella)
    --owner EMAIL       its first owner, invited by mail (required)
    --owner-locale L    en | ar | fr, the invitation's language (default: the first of --locales)
    --origin URL        an allowed website origin; repeat for several
    --parent SLUG       its umbrella, for a chapter
    --country CC        ISO 3166 country (default LB), --currency CUR (default USD),
    --locales L,L       its languages (default en,ar,fr), --website URL
    --secret-key        also create an owner secret key (for scripts, and to read the outbox without SMTP)
  The database is DATABASE_URL, else PGlite in MAHJAR_DATA_DIR (or --data-dir).`;

export interface CommandResult {
  /** 0 done, 1 refused (taken slug, bad origin), 2 bad usage. */
  code: number;
  lines: string[];
}

const OPTIONS = {
  slug: { type: 'string' },
  name: { type: 'string' },
  'name-ar': { type: 'string' },
  'name-fr': { type: 'string' },
  kind: { type: 'string', default: 'umbrella' },
  owner: { type: 'string' },
  'owner-locale': { type: 'string' },
  origin: { type: 'string', multiple: true, default: [] as string[] },
  parent: { type: 'string' },
  country: { type: 'string', default: 'LB' },
  currency: { type: 'string', default: 'USD' },
  locales: { type: 'string', default: 'en,ar,fr' },
  website: { type: 'string' },
  'secret-key': { type: 'boolean', default: false },
  'data-dir': { type: 'string' },
} satisfies ParseArgsOptionsConfig;

/** Reads the command line; `data-dir` is the entry point's business. */
export function parseCommand(argv: string[]) {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  return { command: positionals[0], values };
}

/** Runs one operator command against `db`; what it prints is in `lines`. */
export async function runOperatorCommand(db: Kysely<DB>, config: Config, argv: string[]): Promise<CommandResult> {
  let parsed: ReturnType<typeof parseCommand>;
  try {
    parsed = parseCommand(argv);
  } catch (error) {
    return { code: 2, lines: [(error as Error).message, USAGE] };
  }
  const { command, values } = parsed;
  if (command !== 'create-organisation') return { code: 2, lines: [`Unknown command: ${command ?? '(none)'}`, USAGE] };
  const missing = (['slug', 'name', 'owner'] as const).filter((name) => !values[name]);
  if (missing.length) return { code: 2, lines: [`Missing: ${missing.map((m) => `--${m}`).join(', ')}`, USAGE] };
  const problems = [
    !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(values.slug!) && '--slug must be lower-case letters, digits and dashes',
    !(ORGANISATION_KINDS as readonly string[]).includes(values.kind) &&
      `--kind must be one of ${ORGANISATION_KINDS.join(', ')}`,
    !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.owner!) && '--owner must be an e-mail address',
    !/^[A-Z]{2}$/.test(values.country) && '--country must be two capital letters (ISO 3166)',
    !/^[A-Z]{3}$/.test(values.currency) && '--currency must be three capital letters (ISO 4217)',
    values['owner-locale'] !== undefined &&
      !['en', 'ar', 'fr'].includes(values['owner-locale']) &&
      '--owner-locale must be en, ar or fr',
  ].filter((p): p is string => typeof p === 'string');
  if (problems.length) return { code: 2, lines: [...problems, USAGE] };

  const locales = values.locales
    .split(',')
    .map((l) => l.trim())
    .filter(Boolean);
  const name = {
    en: values.name!,
    ...(values['name-ar'] ? { ar: values['name-ar'] } : {}),
    ...(values['name-fr'] ? { fr: values['name-fr'] } : {}),
  };
  try {
    const { created, secretKey } = await db.transaction().execute(async (trx) => {
      // a fresh install has no specialties yet, and a signup must name one
      await loadTaxonomies(trx);
      const created = await onboardOrganisation(
        trx,
        { mailer: new Mailer(trx, config), consoleUrl: config.consoleUrl },
        {
          slug: values.slug!,
          kind: values.kind as OrganisationKind,
          name,
          parentSlug: values.parent ?? null,
          country: values.country,
          defaultCurrency: values.currency,
          locales,
          website: values.website ?? null,
          allowedOrigins: values.origin,
          owner: { email: values.owner!, locale: values['owner-locale'] },
        },
      );
      const secretKey = values['secret-key']
        ? await issueApiKey(trx, {
            organisationId: created.organisation.id,
            kind: 'secret',
            role: 'owner',
            name: 'Operator',
            expiresAt: null,
          })
        : undefined;
      await audit(trx, {
        principal: { kind: 'operator', organisationId: created.organisation.id },
        operation: 'createOrganisation',
        target: created.organisation.id,
      });
      return { created, secretKey };
    });
    const { organisation, owner, publishableKey } = created;
    return {
      code: 0,
      lines: [
        `Created ${organisation.kind} ${organisation.slug} (${organisation.id}).`,
        `Allowed origins: ${organisation.allowed_origins.join(', ') || '(none yet: an owner adds them in the console)'}`,
        `Publishable key, shown once (for the website's widgets): ${publishableKey.key}`,
        ...(secretKey ? [`Owner secret key, shown once (keep it out of web pages): ${secretKey.key}`] : []),
        '',
        `Owner: ${owner.email}, invited by mail (in ${owner.locale}). To sign in, they:`,
        `  1. open the console at ${config.consoleUrl}`,
        `  2. enter ${owner.email} and the organisation "${organisation.slug}"`,
        '  3. follow the link mailed to them, in the same browser, within 15 minutes.',
        config.smtp
          ? 'Mail is sent through SMTP_URL by the running server.'
          : 'No SMTP_URL is set: mail waits in the outbox (GET /v1/admin/outbox with an owner key, e.g. --secret-key).',
      ],
    };
  } catch (error) {
    if (error instanceof ProblemError) {
      const details = (error.problem.errors ?? []).map((e) => `  ${e.pointer} ${e.detail}`);
      return { code: 1, lines: [error.message, ...details] };
    }
    throw error;
  }
}
