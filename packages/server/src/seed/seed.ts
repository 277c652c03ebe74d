import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { PROFESSIONS } from '../db/migrations/0001_core.js';
import type {
  Affiliation,
  Credential,
  DB,
  EventKind,
  EventMode,
  LocalisedText,
  Offer,
  OfferKind,
  ProfessionalStatus,
  Title,
  Visibility,
} from '../db/schema.js';
import {
  AVAILABILITY,
  COUNTRIES,
  DEMO_ORIGINS,
  FAMILY_IQ,
  FAMILY_LB,
  GIVEN_FEMALE_IQ,
  GIVEN_FEMALE_LB,
  GIVEN_MALE_IQ,
  GIVEN_MALE_LB,
  INSTITUTIONS,
  MEDICAL_SCHOOLS,
  type NamePair,
  ORGANISATIONS,
  PRIORITY_AREAS,
  PROFESSION_SPECIALTIES,
  RED_CROSS_DONATION_URL,
  ROLES,
  SPECIALTIES,
} from './data.js';
import { seedNarratives, seedNeeds } from './needs.js';
import { Random } from './prng.js';

export interface SeedOptions {
  /** How many professionals to generate (default 2000). */
  professionals?: number;
  /** "Today" for the generated season of events and campaigns (default: the current time). */
  now?: Date;
  /** PRNG seed (default 'mahjar'); the same seed, count and `now` give the same data. */
  seed?: string;
  /** Rows per INSERT statement (default 1000). */
  batchSize?: number;
  /** Progress callback, e.g. for the CLI. */
  onProgress?: (step: string, done: number, total: number) => void;
}

export interface SeedSummary {
  organisations: number;
  specialties: number;
  priorityAreas: number;
  professionals: number;
  verifiedProfessionals: number;
  events: number;
  registrations: number;
  campaigns: number;
  donations: number;
  contactRequests: number;
}

export interface DemoKey {
  organisation: string;
  publishable: string;
  secret: string;
}

/**
 * The plaintext demo keys by organisation slug (only their sha256 is stored); the server prints
 * them at start-up. Publishable keys have role `viewer`, secret keys role `owner`.
 */
export function demoKeys(): Record<string, DemoKey> {
  return Object.fromEntries(
    ORGANISATIONS.map((o) => [
      o.slug,
      { organisation: o.slug, publishable: `pk_demo_${o.slug}`, secret: `sk_demo_${o.slug}` },
    ]),
  );
}

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

const SEED_META_KEY = 'seed';
export const PRIVACY_NOTICE_VERSION = '2026-01';

/** True when the database already holds the demo data (the seed's marker row exists). */
export async function isSeeded(db: Kysely<DB>): Promise<boolean> {
  const row = await db.selectFrom('mahjar_meta').select('key').where('key', '=', SEED_META_KEY).executeTakeFirst();
  return row !== undefined;
}

/** What the seed recorded about itself, or undefined when the database was not seeded. */
export async function seedInfo(
  db: Kysely<DB>,
): Promise<{ professionals: number; seed: string; now: string; seededAt: string } | undefined> {
  const row = await db.selectFrom('mahjar_meta').select('value').where('key', '=', SEED_META_KEY).executeTakeFirst();
  return row?.value as never;
}

/**
 * Fills an empty, migrated database with synthetic demo data, in one transaction (all or nothing).
 * Deterministic: the same options give the same rows (ids included).
 */
export async function seed(db: Kysely<DB>, options: SeedOptions = {}): Promise<SeedSummary> {
  const count = options.professionals ?? 2000;
  const now = options.now ?? new Date();
  const seedName = options.seed ?? 'mahjar';
  const batchSize = options.batchSize ?? 1000;
  const progress = options.onProgress ?? (() => {});
  if (!Number.isInteger(count) || count < 0) throw new RangeError('professionals must be a non-negative integer');

  return db.transaction().execute(async (trx) => {
    if (await isSeeded(trx)) throw new Error('The database is already seeded.');
    const rnd = new Random(`${seedName}:reference`);

    // organisations and keys
    const orgIds = new Map<string, string>();
    for (const o of ORGANISATIONS) orgIds.set(o.slug, rnd.uuid());
    const orgRows = ORGANISATIONS.map((o) => {
      const website = `https://${o.slug}.example.org`;
      return {
        id: orgIds.get(o.slug),
        slug: o.slug,
        kind: o.kind,
        name: o.name,
        parent_slug: null,
        country: o.country,
        default_currency: o.currency,
        locales: o.locales,
        brand_color: o.color,
        website,
        allowed_origins: [website, ...DEMO_ORIGINS],
        created_at: new Date(now.getTime() - 400 * DAY).toISOString(),
        updated_at: new Date(now.getTime() - 400 * DAY).toISOString(),
      };
    });
    await insertJson(trx, 'organisations', orgRows);
    // parents after every row exists (the FK is on slug)
    for (const o of ORGANISATIONS) {
      if (o.parent)
        await trx.updateTable('organisations').set({ parent_slug: o.parent }).where('slug', '=', o.slug).execute();
    }
    const ministryLinks = ORGANISATIONS.flatMap((o) =>
      (o.ministries ?? []).map((m) => ({ organisation_id: orgIds.get(o.slug), ministry_id: orgIds.get(m) })),
    );
    if (ministryLinks.length > 0) await insertJson(trx, 'organisation_ministries', ministryLinks);
    await insertJson(
      trx,
      'api_keys',
      Object.values(demoKeys()).flatMap((k) => [
        {
          id: rnd.uuid(),
          organisation_id: orgIds.get(k.organisation),
          kind: 'publishable',
          role: 'viewer',
          key_hash: sha256(k.publishable),
          prefix: k.publishable.slice(0, 12),
          label: 'Demo publishable key',
          created_at: now.toISOString(),
          revoked_at: null,
        },
        {
          id: rnd.uuid(),
          organisation_id: orgIds.get(k.organisation),
          kind: 'secret',
          role: 'owner',
          key_hash: sha256(k.secret),
          prefix: k.secret.slice(0, 12),
          label: 'Demo secret key',
          created_at: now.toISOString(),
          revoked_at: null,
        },
      ]),
    );

    await loadTaxonomies(trx);

    // professionals (+ one consent record each), in batches
    const gen = new ProfessionalGenerator(seedName, now);
    const verifiedIds: string[] = [];
    const professionalNames: { id: string; email: string; name: string }[] = [];
    for (let start = 0; start < count; start += batchSize) {
      const rows = [];
      const consents = [];
      for (let i = start; i < Math.min(count, start + batchSize); i++) {
        const p = gen.next(i);
        rows.push(p.row);
        consents.push(p.consent);
        if (p.row.status === 'verified') {
          verifiedIds.push(p.row.id);
          if (professionalNames.length < 400) {
            professionalNames.push({
              id: p.row.id,
              email: p.row.email,
              name: `${p.row.given_name} ${p.row.family_name}`,
            });
          }
        }
      }
      await insertJson(trx, 'professionals', rows);
      await insertJson(trx, 'consent_records', consents);
      progress('professionals', Math.min(count, start + batchSize), count);
    }

    // events and registrations
    const events = buildEvents(new Random(`${seedName}:events`), now);
    await insertJson(
      trx,
      'events',
      events.map((e) => e.row),
    );
    const registrations = buildRegistrations(new Random(`${seedName}:registrations`), events, professionalNames, now);
    for (let i = 0; i < registrations.length; i += batchSize) {
      await insertJson(trx, 'registrations', registrations.slice(i, i + batchSize));
    }
    progress('events', events.length, events.length);

    // campaigns and donations
    const { campaigns, donations } = buildCampaigns(new Random(`${seedName}:campaigns`), now);
    await insertJson(trx, 'campaigns', campaigns);
    for (let i = 0; i < donations.length; i += batchSize) {
      await insertJson(trx, 'donations', donations.slice(i, i + batchSize));
    }
    progress('campaigns', campaigns.length, campaigns.length);

    // contact requests to a few verified professionals
    const crRnd = new Random(`${seedName}:contacts`);
    const purposes = [
      'mentoring',
      'consultation',
      'teaching',
      'research',
      'return_placement',
      'medical_mission',
      'other',
    ];
    const contacts = verifiedIds.length
      ? Array.from({ length: Math.min(120, verifiedIds.length) }, (_, k) => {
          const created = new Date(now.getTime() - crRnd.int(1, 200) * DAY - crRnd.int(0, 86_399) * 1000);
          const [g] = crRnd.pick([...GIVEN_FEMALE_LB, ...GIVEN_MALE_LB]);
          const [f] = crRnd.pick(FAMILY_LB);
          return {
            id: crRnd.uuid(),
            professional_id: crRnd.pick(verifiedIds),
            organisation_id: orgIds.get(crRnd.pick(['moph-lebanon', 'ilma', 'ilma-usa', 'ilma-france', 'iom'])),
            purpose: crRnd.pick(purposes),
            message:
              'Hello Doctor, our team would value your advice on setting up a follow-up clinic. (Synthetic demo message.)',
            requester_name: `${g} ${f}`,
            requester_email: `requester-${k + 1}@example.net`,
            requester_institution: crRnd.chance(0.6) ? 'Beirut Community Clinic (synthetic)' : null,
            source_site: 'http://localhost:5173',
            relayed: true,
            relayed_at: created.toISOString(),
            created_at: created.toISOString(),
          };
        })
      : [];
    if (contacts.length) await insertJson(trx, 'contact_requests', contacts);

    // the ministries' needs with their history, answers, assignments and outcomes; the reports' narratives
    const loop = await seedNeeds(trx, { seedName, now, orgIds });
    await seedNarratives(trx, { now, orgIds });
    progress('needs', loop.needs, loop.needs);

    await trx
      .insertInto('mahjar_meta')
      .values({
        key: SEED_META_KEY,
        value: JSON.stringify({
          professionals: count,
          seed: seedName,
          now: now.toISOString(),
          seededAt: new Date().toISOString(),
        }),
      })
      .execute();

    return {
      organisations: orgRows.length,
      specialties: SPECIALTIES.length,
      priorityAreas: PRIORITY_AREAS.length,
      professionals: count,
      verifiedProfessionals: verifiedIds.length,
      events: events.length,
      registrations: registrations.length,
      campaigns: campaigns.length,
      donations: donations.length,
      contactRequests: contacts.length,
    };
  });
}

const DAY = 86_400_000;

/**
 * Multi-row insert of JSON objects: one parameter for the whole batch, expanded in SQL by
 * jsonb_populate_recordset into the table's row type. Every column must be present in each
 * object (missing keys become NULL, not the column default).
 */
/**
 * The reference taxonomies every form and filter names its codes from (specialties, the National
 * Health Strategy's priority areas): not demo data, so a fresh install gets them too (the operator's
 * `create-organisation`), not only the seed. Codes already there are left as they are.
 */
export async function loadTaxonomies(db: Kysely<DB>): Promise<void> {
  // parents first: the list is ordered so a parent precedes its children
  await insertJson(
    db,
    'specialties',
    SPECIALTIES.map(([code, en, ar, fr, parent]) => ({ code, name: { en, ar, fr }, parent_code: parent ?? null })),
    'code',
  );
  await insertJson(
    db,
    'priority_areas',
    PRIORITY_AREAS.map((p, i) => ({ code: p.code, name: p.name, position: i + 1 })),
    'code',
  );
}

async function insertJson(db: Kysely<DB>, table: keyof DB, rows: readonly object[], keepOn?: string): Promise<void> {
  if (rows.length === 0) return;
  const cols = Object.keys(rows[0] as object);
  const list = sql.join(cols.map((c) => sql.ref(c)));
  await sql`INSERT INTO ${sql.table(table)} (${list})
    SELECT ${list} FROM jsonb_populate_recordset(NULL::${sql.table(table)}, ${JSON.stringify(rows)}::jsonb)
    ${keepOn ? sql`ON CONFLICT (${sql.ref(keepOn)}) DO NOTHING` : sql``}`.execute(db);
}

// ---------------------------------------------------------------------------------------------
// professionals

// Weights follow the order of PROFESSIONS in the core migration (the CHECK constraint's list).
const PROFESSION_WEIGHTS = [45, 15, 6, 6, 10, 2, 4, 5, 4, 3];
const STATUSES: ProfessionalStatus[] = ['verified', 'pending_review', 'pending_email', 'suspended'];
const STATUS_WEIGHTS = [88, 6, 4, 2];
const OFFER_KINDS: OfferKind[] = [
  'mentoring',
  'telehealth',
  'teaching',
  'research',
  'return_placement',
  'medical_mission',
];
const OFFER_WEIGHTS = [30, 20, 20, 12, 8, 10];
const PHYSICIAN_SPECIALTIES = SPECIALTIES.map(([c]) => c).filter(
  (c) =>
    !Object.values(PROFESSION_SPECIALTIES).flat().includes(c) ||
    c === 'emergency-medicine' ||
    c === 'paediatrics' ||
    c === 'critical-care' ||
    c === 'palliative-care' ||
    c === 'obstetrics-gynaecology',
);
const CHAPTERS = ORGANISATIONS.filter((o) => o.kind === 'chapter');
const CHAPTER_WEIGHTS = CHAPTERS.map((o) => o.weight ?? 1);

function vis(rnd: Random, publicShare: number, fallback: Visibility = 'members'): Visibility {
  return rnd.chance(publicShare) ? 'public' : fallback;
}

const ascii = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

class ProfessionalGenerator {
  constructor(
    private readonly seedName: string,
    private readonly now: Date,
  ) {}

  next(i: number) {
    // one generator per professional, so row i is the same whatever the batch size
    const rnd = new Random(`${this.seedName}:professional:${i}`);
    const chapter = rnd.weighted(CHAPTERS, CHAPTER_WEIGHTS);
    const diaspora = chapter.diaspora ?? 'lb';
    let country = rnd.pick(chapter.memberCountries ?? [chapter.country]);
    if (diaspora === 'lb' && rnd.chance(0.03)) country = 'LB'; // returnees
    const place = COUNTRIES[country] ?? { cities: ['Beirut'], languages: [] };
    const city = rnd.pick(place.cities);
    const female = rnd.chance(0.48);
    const given: NamePair = rnd.pick(
      diaspora === 'iq' ? (female ? GIVEN_FEMALE_IQ : GIVEN_MALE_IQ) : female ? GIVEN_FEMALE_LB : GIVEN_MALE_LB,
    );
    const family: NamePair = rnd.pick(diaspora === 'iq' ? FAMILY_IQ : FAMILY_LB);
    const hasArabic = rnd.chance(0.92);
    const profession = rnd.weighted(PROFESSIONS, PROFESSION_WEIGHTS);
    const title: Title | null =
      profession === 'physician' || profession === 'surgeon' || profession === 'dentist' || profession === 'researcher'
        ? rnd.chance(0.12)
          ? 'prof'
          : 'dr'
        : profession === 'pharmacist' && rnd.chance(0.5)
          ? 'dr'
          : rnd.chance(0.3)
            ? null
            : female
              ? rnd.chance(0.95)
                ? 'ms'
                : 'mx'
              : rnd.chance(0.97)
                ? 'mr'
                : 'mx';
    const pool = PROFESSION_SPECIALTIES[profession] ?? PHYSICIAN_SPECIALTIES;
    const specialties =
      profession === 'student'
        ? rnd.chance(0.5)
          ? [rnd.pick(PHYSICIAN_SPECIALTIES)]
          : []
        : rnd.sample(pool, rnd.chance(0.3) ? 2 : 1);

    const languages = new Set<string>();
    if (rnd.chance(0.93)) languages.add('ar');
    if (rnd.chance(0.85) || ['US', 'GB', 'AU', 'CA', 'NG', 'ZA'].includes(country)) languages.add('en');
    if (rnd.chance(diaspora === 'lb' ? 0.55 : 0.08) || ['FR', 'BE', 'CI', 'CH'].includes(country)) languages.add('fr');
    for (const l of place.languages) if (rnd.chance(0.7)) languages.add(l);
    if (languages.size === 0) languages.add('en');

    const offers: Offer[] = [];
    const offerCount = rnd.weighted([0, 1, 2, 3], [25, 40, 25, 10]);
    for (const kind of rnd.sample(OFFER_KINDS, offerCount)) {
      void OFFER_WEIGHTS;
      const offer: Offer = { kind, availability: rnd.pick(AVAILABILITY) };
      if (rnd.chance(0.5)) offer.priorityArea = rnd.pick(PRIORITY_AREAS).code;
      offers.push(offer);
    }

    const affiliations: Affiliation[] = rnd
      .sample(INSTITUTIONS, rnd.chance(0.25) ? 2 : 1)
      .map((t) => ({ institution: t.replace('{city}', city), role: rnd.pick(ROLES) }));
    const credentials: Credential[] = specialties.slice(0, 1).map((code) => ({
      kind: 'board_certification',
      name: `Board certification — ${SPECIALTIES.find(([c]) => c === code)?.[1] ?? code}`,
      issuer: `${country} Medical Board (synthetic)`,
      country,
      year: 2000 + rnd.int(0, 25),
      verification: rnd.weighted(['verified', 'pending', 'unverified'], [70, 15, 15]),
    }));
    if (profession !== 'student') {
      credentials.push({
        kind: 'licence',
        name: 'Licence to practise',
        issuer: `${country} Health Professions Council (synthetic)`,
        country,
        verification: rnd.weighted(['verified', 'pending', 'unverified', 'rejected'], [75, 12, 10, 3]),
      });
    }
    const school = rnd.pick(MEDICAL_SCHOOLS[diaspora]);
    const graduationYear = profession === 'student' ? 2027 + rnd.int(0, 3) : 1985 + rnd.int(0, 38);

    const nameVis = vis(rnd, 0.96);
    const visibility: Record<string, Visibility> = {
      title: 'public',
      profession: 'public',
      givenName: nameVis,
      familyName: nameVis,
      givenNameAr: nameVis,
      familyNameAr: nameVis,
      specialties: vis(rnd, 0.95),
      country: vis(rnd, 0.95),
      city: vis(rnd, 0.8, rnd.chance(0.5) ? 'private' : 'members'),
      affiliations: vis(rnd, 0.7),
      credentials: vis(rnd, 0.4, 'ministry'),
      languages: vis(rnd, 0.9),
      medicalSchool: vis(rnd, 0.5),
      chapters: vis(rnd, 0.9),
      offers: vis(rnd, 0.88),
      bio: 'public',
    };
    const status = rnd.weighted(STATUSES, STATUS_WEIGHTS);
    const joined = new Date(this.now.getTime() - rnd.int(1, 6 * 365) * DAY - rnd.int(0, 86_399_000));
    const id = rnd.uuid();
    const email = `${ascii(given[0])}.${ascii(family[0])}.${i + 1}@example.com`;
    const uiLocales = ['en', 'ar', 'fr'].filter((l) => languages.has(l));
    const locale = uiLocales.length ? rnd.pick(uiLocales) : 'en';
    const bio = rnd.chance(0.4)
      ? `${specialties.length ? 'Specialist' : 'Health professional'} based in ${city}; trained in ${school.country === 'LB' ? 'Lebanon' : school.country === 'IQ' ? 'Iraq' : 'France'}. Synthetic demo profile.`
      : null;

    const row = {
      id,
      status,
      title,
      profession,
      given_name: given[0],
      family_name: family[0],
      given_name_ar: hasArabic ? given[1] : null,
      family_name_ar: hasArabic ? family[1] : null,
      email,
      specialties,
      country,
      city,
      affiliations,
      credentials,
      languages: [...languages],
      medical_school: { name: school.name, country: school.country, graduationYear },
      chapters: [chapter.slug],
      offers,
      bio,
      visibility,
      locale,
      joined_at: joined.toISOString(),
      email_verified_at: status === 'pending_email' ? null : joined.toISOString(),
      verified_at:
        status === 'verified' || status === 'suspended' ? new Date(joined.getTime() + 2 * DAY).toISOString() : null,
      created_at: joined.toISOString(),
      updated_at: joined.toISOString(),
    };
    const consent = {
      id: rnd.uuid(),
      professional_id: id,
      notice_version: PRIVACY_NOTICE_VERSION,
      notice_hash: sha256(`mahjar privacy notice ${PRIVACY_NOTICE_VERSION} ${locale}`),
      locale,
      source_site: `https://${chapter.slug}.example.org/join`,
      // most share with their chapter's home ministry (Lebanon's for ILMA, Iraq's for IMSA), none with another
      permissions: {
        ministries: rnd.chance(0.8) ? [...(chapter.ministries ?? [])] : [],
        listed: true,
        transferAbroad: rnd.chance(0.7),
        newsletter: rnd.chance(0.5),
      },
      visibility,
      created_at: joined.toISOString(),
    };
    return { row, consent };
  }
}

// ---------------------------------------------------------------------------------------------
// events

/** UTC instant of a wall-clock time in an IANA zone (handles DST; a skipped hour moves forward). */
export function zonedTime(y: number, month: number, d: number, h: number, mi: number, timeZone: string): Date {
  const wall = Date.UTC(y, month - 1, d, h, mi);
  let t = wall;
  for (let k = 0; k < 3; k++) t = wall - offsetMs(timeZone, new Date(t));
  return new Date(t);
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function offsetMs(timeZone: string, at: Date): number {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(at).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
    Number(p.second),
  );
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

interface EventTemplate {
  organiser: string;
  tz: string;
  kind: EventKind;
  mode: EventMode;
  hour: number;
  minutes: number;
  title: LocalisedText;
  language: string;
  priority?: string;
  cme?: number;
  capacity?: number;
}

const TEMPLATES: EventTemplate[] = [
  {
    organiser: 'ilma-usa',
    tz: 'America/New_York',
    kind: 'webinar',
    mode: 'online',
    hour: 12,
    minutes: 60,
    title: {
      en: 'Cardiology grand rounds: heart failure in resource-limited settings',
      ar: 'جولة أمراض القلب: قصور القلب في البيئات محدودة الموارد',
    },
    language: 'en',
    priority: 'ncd-prevention',
    cme: 1,
  },
  {
    organiser: 'ilma-canada',
    tz: 'America/Toronto',
    kind: 'webinar',
    mode: 'online',
    hour: 19,
    minutes: 90,
    title: { en: 'Telehealth for primary care in Lebanon', fr: 'Télésanté pour les soins primaires au Liban' },
    language: 'fr',
    priority: 'digital-health',
    cme: 1.5,
  },
  {
    organiser: 'alma-australia',
    tz: 'Australia/Sydney',
    kind: 'workshop',
    mode: 'hybrid',
    hour: 18,
    minutes: 120,
    title: { en: 'Trauma care refresher for returning volunteers' },
    language: 'en',
    priority: 'emergency-preparedness',
    capacity: 40,
  },
  {
    organiser: 'ilma-france',
    tz: 'Europe/Paris',
    kind: 'cme_course',
    mode: 'online',
    hour: 18,
    minutes: 120,
    title: { fr: 'Pédiatrie : prise en charge de la bronchiolite', en: 'Paediatrics: managing bronchiolitis' },
    language: 'fr',
    priority: 'maternal-child-health',
    cme: 2,
  },
  {
    organiser: 'moph-lebanon',
    tz: 'Asia/Beirut',
    kind: 'engagement_session',
    mode: 'online',
    hour: 17,
    minutes: 90,
    title: {
      ar: 'لقاء الانتشار: أولويات الاستراتيجية الوطنية للصحة',
      en: 'Diaspora engagement session: National Health Strategy priorities',
    },
    language: 'ar',
    priority: 'health-workforce',
  },
  {
    organiser: 'ilma-uae',
    tz: 'Asia/Dubai',
    kind: 'webinar',
    mode: 'online',
    hour: 20,
    minutes: 60,
    title: { en: 'Diabetes care and access to insulin', ar: 'رعاية مرضى السكري والحصول على الأنسولين' },
    language: 'ar',
    priority: 'medicines-access',
    cme: 1,
  },
  {
    organiser: 'imsa-iraq',
    tz: 'Asia/Baghdad',
    kind: 'webinar',
    mode: 'online',
    hour: 19,
    minutes: 90,
    title: { ar: 'أورام الأطفال: تحديثات العلاج', en: 'Paediatric oncology: treatment updates' },
    language: 'ar',
    priority: 'ncd-prevention',
    cme: 1.5,
  },
  {
    organiser: 'ilma-brazil',
    tz: 'America/Sao_Paulo',
    kind: 'fundraiser',
    mode: 'in_person',
    hour: 20,
    minutes: 180,
    title: { en: 'Gala dinner for the Beirut emergency fund', fr: 'Dîner de gala pour le fonds d’urgence de Beyrouth' },
    language: 'pt',
    priority: 'emergency-preparedness',
    capacity: 120,
  },
  {
    organiser: 'ilma',
    tz: 'Asia/Beirut',
    kind: 'webinar',
    mode: 'online',
    hour: 19,
    minutes: 60,
    title: {
      en: 'Mental health first aid for clinicians',
      ar: 'الإسعافات الأولية النفسية للأطباء',
      fr: 'Premiers secours en santé mentale',
    },
    language: 'en',
    priority: 'mental-health',
    cme: 1,
  },
  {
    organiser: 'ilma-uk',
    tz: 'Europe/Paris',
    kind: 'workshop',
    mode: 'online',
    hour: 17,
    minutes: 120,
    title: { en: 'Writing a research grant with Lebanese partners' },
    language: 'en',
    priority: 'health-workforce',
    capacity: 30,
  },
  {
    organiser: 'ilma-usa',
    tz: 'America/New_York',
    kind: 'medical_mission',
    mode: 'in_person',
    hour: 8,
    minutes: 60 * 24 * 5,
    title: { en: 'Medical mission to Akkar', ar: 'بعثة طبية إلى عكار' },
    language: 'en',
    priority: 'primary-health-care',
    capacity: 15,
  },
  {
    organiser: 'iom',
    tz: 'Asia/Beirut',
    kind: 'engagement_session',
    mode: 'hybrid',
    hour: 11,
    minutes: 120,
    title: {
      en: 'Return of Qualified Nationals: placements for 2027',
      fr: 'Retour des ressortissants qualifiés : affectations 2027',
      ar: 'عودة الكفاءات: فرص 2027',
    },
    language: 'en',
    priority: 'health-workforce',
    capacity: 80,
  },
];

interface BuiltEvent {
  row: Record<string, unknown>;
  capacity: number | null;
  full: boolean;
  past: boolean;
  cancelled: boolean;
}

function buildEvents(rnd: Random, now: Date): BuiltEvent[] {
  const out: BuiltEvent[] = [];
  const start = new Date(now.getTime() - 80 * DAY);
  const slugs = new Set<string>();
  const make = (
    t: EventTemplate,
    y: number,
    m: number,
    d: number,
    opts: { endDays?: number; status?: string; full?: boolean } = {},
  ) => {
    const startsAt = zonedTime(y, m, d, t.hour, 0, t.tz);
    const endsAt = opts.endDays
      ? zonedTime(y, m, d + opts.endDays, 17, 0, t.tz)
      : new Date(startsAt.getTime() + t.minutes * 60_000);
    const base = ascii(t.title.en ?? t.title.fr ?? 'event')
      .split('-')
      .slice(0, 5)
      .join('-');
    let slug = `${base}-${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    for (let k = 2; slugs.has(slug); k++) slug = `${base}-${y}-${m}-${d}-${k}`;
    slugs.add(slug);
    const status = opts.status ?? 'scheduled';
    const past = endsAt.getTime() < now.getTime();
    const capacity = t.capacity ?? (rnd.chance(0.35) ? rnd.pick([50, 100, 200, 500]) : null);
    const country = ORGANISATIONS.find((o) => o.slug === t.organiser)?.country ?? 'LB';
    const venueCity = COUNTRIES[country]?.cities[0] ?? 'Beirut';
    out.push({
      capacity,
      full: Boolean(opts.full && capacity),
      past,
      cancelled: status === 'cancelled',
      row: {
        id: rnd.uuid(),
        slug,
        organiser_slug: t.organiser,
        kind: t.kind,
        status,
        title: t.title,
        description: {
          en: `${t.title.en ?? t.title.fr ?? ''}. Synthetic demo event organised for the Mahjar network.`,
          ...(t.title.ar ? { ar: `${t.title.ar}. فعالية تجريبية.` } : {}),
          ...(t.title.fr ? { fr: `${t.title.fr}. Événement de démonstration.` } : {}),
        },
        speakers: [
          {
            name: `Dr ${rnd.pick(GIVEN_FEMALE_LB)[0]} ${rnd.pick(FAMILY_LB)[0]}`,
            affiliation: `${venueCity} University Hospital`,
          },
          ...(rnd.chance(0.5) ? [{ name: `Prof ${rnd.pick(GIVEN_MALE_LB)[0]} ${rnd.pick(FAMILY_LB)[0]}` }] : []),
        ],
        starts_at: startsAt.toISOString(),
        ends_at: endsAt.toISOString(),
        time_zone: t.tz,
        mode: t.mode,
        location: t.mode === 'online' ? null : { venue: `${venueCity} Conference Centre`, city: venueCity, country },
        join_url: t.mode === 'in_person' ? null : `https://meet.example.org/mahjar/${slug}`,
        capacity,
        waitlist_enabled: capacity !== null && rnd.chance(0.7),
        registration_closes_at: new Date(startsAt.getTime() - 2 * 3_600_000).toISOString(),
        cme_credits: t.cme ?? null,
        language: t.language,
        priority_area: t.priority ?? null,
        recording_url:
          past && t.kind === 'webinar' && status === 'scheduled' ? `https://video.example.org/mahjar/${slug}` : null,
        cancellation_reason: status === 'cancelled' ? 'Speaker unavailable; we will announce a new date.' : null,
        created_at: new Date(startsAt.getTime() - 45 * DAY).toISOString(),
        updated_at: new Date(startsAt.getTime() - 45 * DAY).toISOString(),
      },
    });
  };

  // a regular season: 54 events over ~6.5 months around `now`
  for (let k = 0; k < 54; k++) {
    const t = TEMPLATES[k % TEMPLATES.length] as EventTemplate;
    const day = new Date(start.getTime() + Math.floor((k * 195) / 54) * DAY + rnd.int(0, 2) * DAY);
    const status = k % 13 === 5 ? 'cancelled' : k === 40 ? 'postponed' : 'scheduled';
    make(t, day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), { status, full: k % 9 === 2 });
  }
  // events that straddle a DST change in their organiser's zone
  const year = now.getUTCFullYear();
  const tpl = (organiser: string, kind: EventKind): EventTemplate =>
    TEMPLATES.find((x) => x.organiser === organiser && x.kind === kind) ?? (TEMPLATES[0] as EventTemplate);
  make(
    {
      ...tpl('ilma-france', 'cme_course'),
      hour: 9,
      title: { fr: 'Séminaire intensif de réanimation', en: 'Intensive critical care seminar' },
    },
    year,
    10,
    24,
    { endDays: 2 },
  ); // Europe: 25 Oct
  make(
    { ...tpl('alma-australia', 'workshop'), hour: 9, title: { en: 'ALMA spring clinical skills weekend' } },
    year,
    10,
    3,
    { endDays: 2 },
  ); // Sydney: 4 Oct
  make(
    {
      ...tpl('ilma-usa', 'webinar'),
      kind: 'conference',
      mode: 'hybrid',
      hour: 9,
      capacity: 300,
      title: { en: 'ILMA-USA annual convention', ar: 'المؤتمر السنوي للجمعية الطبية اللبنانية في الولايات المتحدة' },
    },
    year + 1,
    3,
    13,
    { endDays: 2 },
  ); // US: 14 Mar
  make(
    {
      ...tpl('ilma-canada', 'webinar'),
      title: {
        en: 'Telehealth clinic hours (after the clock change)',
        fr: 'Permanence de télésanté (après le changement d’heure)',
      },
    },
    year,
    11,
    3,
  ); // Toronto: 1 Nov
  make(
    {
      ...tpl('ilma', 'webinar'),
      kind: 'conference',
      mode: 'in_person',
      hour: 9,
      capacity: 12,
      title: { en: 'Diaspora leaders retreat', ar: 'خلوة قادة الانتشار' },
    },
    year + 1,
    3,
    27,
    { endDays: 2, full: true },
  ); // Europe/Beirut: 27–29 Mar
  make(
    { ...tpl('imsa-iraq', 'webinar'), title: { ar: 'ندوة الإنعاش القلبي الرئوي', en: 'CPR update webinar' } },
    year,
    12,
    10,
    { full: true },
  );
  return out;
}

function buildRegistrations(
  rnd: Random,
  events: BuiltEvent[],
  professionals: { id: string; email: string; name: string }[],
  now: Date,
) {
  const rows: Record<string, unknown>[] = [];
  let n = 0;
  for (const e of events) {
    const capacity = e.capacity;
    const wanted =
      e.full && capacity
        ? capacity + (e.row.waitlist_enabled ? rnd.int(1, 6) : 0)
        : rnd.int(3, capacity ? Math.min(capacity - 1, 60) : 60);
    const startsAt = new Date(e.row.starts_at as string);
    const waitlist = Boolean(e.row.waitlist_enabled);
    let confirmed = 0;
    for (let k = 0; k < wanted; k++) {
      n++;
      const pro = rnd.chance(0.4) && professionals.length ? professionals[(n * 7) % professionals.length] : undefined;
      const full = capacity !== null && confirmed >= capacity;
      if (full && !waitlist) break;
      let status = full ? 'waitlisted' : 'confirmed';
      if (!full && !e.full && rnd.chance(0.05)) status = 'cancelled';
      if (status === 'confirmed') confirmed++;
      const created = new Date(
        Math.min(now.getTime(), startsAt.getTime()) - rnd.int(1, 30) * DAY - rnd.int(0, 86_399) * 1000,
      );
      rows.push({
        id: rnd.uuid(),
        event_id: e.row.id,
        status,
        name: pro?.name ?? `${rnd.pick(GIVEN_FEMALE_LB)[0]} ${rnd.pick(FAMILY_LB)[0]}`,
        email: pro?.email ?? `registrant-${n}@example.net`,
        professional_id: pro?.id ?? null,
        cancel_token_hash: sha256(`cancel-token-${n}`),
        locale: rnd.pick(['en', 'ar', 'fr']),
        attended_at: e.past && !e.cancelled && status === 'confirmed' && rnd.chance(0.7) ? e.row.starts_at : null,
        cancelled_at: status === 'cancelled' ? created.toISOString() : null,
        created_at: created.toISOString(),
        updated_at: created.toISOString(),
      });
    }
  }
  // a professional may appear twice for one event through the modulo pick: keep one active row
  const seen = new Set<string>();
  return rows.filter((r) => {
    if (r.status === 'cancelled') return true;
    const key = `${r.event_id}|${String(r.email).toLowerCase()}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// ---------------------------------------------------------------------------------------------
// campaigns

function isoDate(d: Date) {
  return d.toISOString().slice(0, 10);
}

function buildCampaigns(rnd: Random, now: Date) {
  const c = (
    slug: string,
    organiser: string,
    title: LocalisedText,
    currency: string,
    goal: number,
    priority: string,
    startDays: number,
    endDays: number | null,
    status: string,
    extra: Partial<{ link: string; presets: number[]; monthly: boolean; donations: number }> = {},
  ) => ({
    id: rnd.uuid(),
    slug,
    organiser_slug: organiser,
    title,
    summary: {
      en: `${title.en ?? ''} — a synthetic demo campaign.`,
      ...(title.ar ? { ar: `${title.ar} — حملة تجريبية.` } : {}),
      ...(title.fr ? { fr: `${title.fr} — campagne de démonstration.` } : {}),
    },
    goal_amount: goal,
    currency,
    priority_area: priority,
    starts_on: isoDate(new Date(now.getTime() + startDays * DAY)),
    ends_on: endDays === null ? null : isoDate(new Date(now.getTime() + endDays * DAY)),
    status,
    checkout_mode: extra.link ? 'link_out' : 'hosted',
    link_out_url: extra.link ?? null,
    preset_amounts: extra.presets ?? [],
    allow_monthly: extra.monthly ?? false,
    created_at: new Date(now.getTime() + (startDays - 7) * DAY).toISOString(),
    updated_at: new Date(now.getTime() + (startDays - 7) * DAY).toISOString(),
    _donations: extra.donations ?? 0,
  });
  const all = [
    c(
      'beirut-er-2026',
      'ilma',
      { en: 'Beirut emergency rooms 2026', ar: 'غرف الطوارئ في بيروت 2026', fr: 'Urgences de Beyrouth 2026' },
      'USD',
      25_000_000,
      'emergency-preparedness',
      -60,
      90,
      'active',
      { presets: [2_500, 5_000, 10_000, 25_000], monthly: true, donations: 140 },
    ),
    c(
      'lrc-ambulances',
      'lebanese-red-cross',
      {
        en: 'Ambulances for the Lebanese Red Cross',
        ar: 'سيارات إسعاف للصليب الأحمر اللبناني',
        fr: 'Des ambulances pour la Croix-Rouge libanaise',
      },
      'USD',
      10_000_000,
      'emergency-preparedness',
      -30,
      120,
      'active',
      { link: RED_CROSS_DONATION_URL },
    ),
    c(
      'mental-health-lines',
      'ilma-usa',
      { en: 'Keep the mental health helpline open', ar: 'لنبقِ خط المساندة النفسية مفتوحاً' },
      'USD',
      5_000_000,
      'mental-health',
      -45,
      45,
      'active',
      { presets: [2_000, 5_000, 10_000], monthly: true, donations: 80 },
    ),
    c(
      'telehealth-kits',
      'alma-australia',
      { en: 'Telehealth kits for rural clinics' },
      'AUD',
      3_000_000,
      'digital-health',
      -20,
      100,
      'active',
      { presets: [3_000, 7_500, 15_000], donations: 40 },
    ),
    c(
      'maternite-akkar',
      'ilma-france',
      { fr: 'Une maternité pour le Akkar', en: 'A maternity ward for Akkar' },
      'EUR',
      8_000_000,
      'maternal-child-health',
      -90,
      30,
      'active',
      { presets: [2_000, 5_000, 10_000, 20_000], monthly: true, donations: 90 },
    ),
    c(
      'insulin-access-2026',
      'ilma-uae',
      { en: 'Insulin for every patient', ar: 'الأنسولين لكل مريض' },
      'AED',
      20_000_000,
      'medicines-access',
      -200,
      -20,
      'closed',
      { presets: [10_000, 25_000, 50_000], donations: 60 },
    ),
    c(
      'imsa-oncology-fellows',
      'imsa-iraq',
      { en: 'Paediatric oncology fellowships', ar: 'زمالات أورام الأطفال' },
      'GBP',
      6_000_000,
      'health-workforce',
      10,
      180,
      'draft',
      { presets: [2_500, 5_000] },
    ),
  ];
  const donations: Record<string, unknown>[] = [];
  let receipt = 0;
  for (const camp of all) {
    for (let k = 0; k < camp._donations; k++) {
      const status = rnd.weighted(['succeeded', 'failed', 'refunded', 'pending', 'cancelled'], [86, 5, 2, 4, 3]);
      const anonymous = rnd.chance(0.2);
      const from = Date.parse(camp.starts_on);
      const to = Math.min(now.getTime() - 3_600_000, camp.ends_on ? Date.parse(camp.ends_on) : now.getTime());
      const created = new Date(from + Math.floor(rnd.next() * Math.max(0, to - from)));
      const amount =
        camp.preset_amounts.length && rnd.chance(0.8) ? rnd.pick(camp.preset_amounts) : rnd.int(5, 500) * 100;
      donations.push({
        id: rnd.uuid(),
        campaign_id: camp.id,
        amount,
        currency: camp.currency,
        frequency: camp.allow_monthly && rnd.chance(0.25) ? 'monthly' : 'one_off',
        anonymous,
        donor_name: anonymous
          ? null
          : `${rnd.pick([...GIVEN_FEMALE_LB, ...GIVEN_MALE_LB])[0]} ${rnd.pick(FAMILY_LB)[0]}`,
        donor_email: `donor-${donations.length + 1}@example.net`,
        dedication: rnd.chance(0.1) ? 'In memory of our grandparents in the Chouf (synthetic)' : null,
        status,
        provider: 'sandbox',
        provider_ref: `sbx_${camp.slug}_${k + 1}`,
        checkout_url: null,
        receipt_number:
          status === 'succeeded' || status === 'refunded'
            ? `MJ-${created.getUTCFullYear()}-${String(++receipt).padStart(6, '0')}`
            : null,
        locale: rnd.pick(['en', 'ar', 'fr']),
        created_at: created.toISOString(),
        updated_at: created.toISOString(),
      });
    }
  }
  // A sandbox subscription is named by its checkout session (see migration 0005).
  for (const d of donations) {
    const running = d.frequency === 'monthly' && (d.status === 'succeeded' || d.status === 'refunded');
    d.subscription_ref = running ? d.provider_ref : null;
  }
  const campaigns = all.map(({ _donations, ...row }) => row);
  return { campaigns, donations };
}
