import { type Kysely, sql } from 'kysely';

/**
 * Core schema: every entity of openapi/DOMAIN.md. Enum columns are `text` with CHECK constraints
 * (values exactly as in DOMAIN.md), instants are `timestamptz`, money is `bigint` minor units.
 *
 * One statement per `execute`: PGlite runs parameterised queries through the extended protocol,
 * which takes a single statement, and the same migration must run on both engines.
 */

const enumCheck = (column: string, values: readonly string[]) =>
  `CHECK (${column} IN (${values.map((v) => `'${v}'`).join(', ')}))`;

export const ORGANISATION_KINDS = ['umbrella', 'chapter', 'ministry', 'partner'] as const;
export const PROFESSIONAL_STATUSES = ['pending_email', 'pending_review', 'verified', 'suspended'] as const;
export const PROFESSIONS = [
  'physician',
  'surgeon',
  'dentist',
  'pharmacist',
  'nurse',
  'midwife',
  'allied_health',
  'researcher',
  'public_health',
  'student',
] as const;
export const TITLES = ['dr', 'prof', 'mr', 'ms', 'mx'] as const;
export const OFFER_KINDS = [
  'mentoring',
  'telehealth',
  'teaching',
  'research',
  'return_placement',
  'medical_mission',
] as const;
export const CONTACT_PURPOSES = [
  'mentoring',
  'consultation',
  'teaching',
  'research',
  'return_placement',
  'medical_mission',
  'other',
] as const;
export const EVENT_KINDS = [
  'webinar',
  'cme_course',
  'workshop',
  'conference',
  'engagement_session',
  'medical_mission',
  'fundraiser',
] as const;
export const EVENT_STATUSES = ['scheduled', 'postponed', 'cancelled'] as const;
export const EVENT_MODES = ['online', 'in_person', 'hybrid'] as const;
export const REGISTRATION_STATUSES = ['confirmed', 'waitlisted', 'cancelled'] as const;
export const CAMPAIGN_STATUSES = ['draft', 'active', 'closed'] as const;
export const DONATION_FREQUENCIES = ['one_off', 'monthly'] as const;
export const DONATION_STATUSES = ['pending', 'succeeded', 'failed', 'refunded', 'cancelled'] as const;
export const CHECKOUT_MODES = ['hosted', 'link_out'] as const;
export const ADMIN_ROLES = ['owner', 'admin', 'editor', 'viewer'] as const;
export const API_KEY_KINDS = ['publishable', 'secret'] as const;

const SLUG = `~ '^[a-z0-9]+(-[a-z0-9]+)*$'`;
const COUNTRY = `~ '^[A-Z]{2}$'`;
const CURRENCY = `~ '^[A-Z]{3}$'`;
const LANGUAGE = `~ '^[a-z]{2}$'`;
const SHA256 = `~ '^[0-9a-f]{64}$'`;
/** A jsonb object of localised strings with at least one of en/ar/fr. */
const LOCALISED = (c: string) => `CHECK (jsonb_typeof(${c}) = 'object' AND ${c} ?| array['en','ar','fr'])`;

const up_statements: string[] = [
  `CREATE EXTENSION IF NOT EXISTS pg_trgm`,
  `CREATE EXTENSION IF NOT EXISTS unaccent`,

  `CREATE TABLE organisations (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    slug text NOT NULL UNIQUE CHECK (slug ${SLUG}),
    kind text NOT NULL ${enumCheck('kind', ORGANISATION_KINDS)},
    name jsonb NOT NULL ${LOCALISED('name')},
    parent_slug text REFERENCES organisations (slug) ON UPDATE CASCADE,
    country text NOT NULL CHECK (country ${COUNTRY}),
    default_currency text NOT NULL CHECK (default_currency ${CURRENCY}),
    locales text[] NOT NULL DEFAULT '{en}' CHECK (cardinality(locales) > 0),
    brand_color text CHECK (brand_color ~ '^#[0-9a-fA-F]{6}$'),
    website text,
    allowed_origins text[] NOT NULL DEFAULT '{}',
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
  )`,

  `CREATE TABLE api_keys (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    kind text NOT NULL ${enumCheck('kind', API_KEY_KINDS)},
    role text NOT NULL DEFAULT 'viewer' ${enumCheck('role', ADMIN_ROLES)},
    key_hash text NOT NULL UNIQUE CHECK (key_hash ${SHA256}),
    prefix text NOT NULL,
    label text,
    created_at timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz
  )`,
  `CREATE INDEX api_keys_organisation_idx ON api_keys (organisation_id)`,

  `CREATE TABLE specialties (
    code text PRIMARY KEY CHECK (code ${SLUG}),
    name jsonb NOT NULL ${LOCALISED('name')},
    parent_code text REFERENCES specialties (code)
  )`,

  `CREATE TABLE priority_areas (
    code text PRIMARY KEY CHECK (code ${SLUG}),
    name jsonb NOT NULL ${LOCALISED('name')},
    position integer NOT NULL DEFAULT 0
  )`,

  `CREATE TABLE professionals (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    status text NOT NULL DEFAULT 'pending_email' ${enumCheck('status', PROFESSIONAL_STATUSES)},
    title text ${enumCheck('title', TITLES)},
    profession text NOT NULL ${enumCheck('profession', PROFESSIONS)},
    given_name text NOT NULL CHECK (length(given_name) BETWEEN 1 AND 100),
    family_name text NOT NULL CHECK (length(family_name) BETWEEN 1 AND 100),
    given_name_ar text CHECK (length(given_name_ar) BETWEEN 1 AND 100),
    family_name_ar text CHECK (length(family_name_ar) BETWEEN 1 AND 100),
    email text NOT NULL CHECK (position('@' in email) > 1),
    specialties text[] NOT NULL DEFAULT '{}',
    country text NOT NULL CHECK (country ${COUNTRY}),
    city text NOT NULL,
    affiliations jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(affiliations) = 'array'),
    credentials jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(credentials) = 'array'),
    languages text[] NOT NULL DEFAULT '{}',
    medical_school jsonb CHECK (medical_school IS NULL OR jsonb_typeof(medical_school) = 'object'),
    chapters text[] NOT NULL DEFAULT '{}',
    offers jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(offers) = 'array'),
    bio text CHECK (length(bio) <= 4000),
    visibility jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(visibility) = 'object'),
    locale text NOT NULL DEFAULT 'en',
    joined_at timestamptz NOT NULL DEFAULT now(),
    email_verified_at timestamptz,
    verified_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
  )`,
  // E-mail is unique regardless of case.
  `CREATE UNIQUE INDEX professionals_email_key ON professionals (lower(email))`,
  `CREATE INDEX professionals_status_idx ON professionals (status, created_at)`,
  `CREATE INDEX professionals_chapters_idx ON professionals USING gin (chapters)`,

  `CREATE TABLE consent_records (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    professional_id uuid NOT NULL REFERENCES professionals (id) ON DELETE CASCADE,
    notice_version text NOT NULL,
    notice_hash text NOT NULL CHECK (notice_hash ${SHA256}),
    locale text NOT NULL,
    source_site text NOT NULL,
    permissions jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(permissions) = 'object'),
    visibility jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(visibility) = 'object'),
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE INDEX consent_records_professional_idx ON consent_records (professional_id, created_at)`,

  `CREATE TABLE email_verifications (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    professional_id uuid NOT NULL REFERENCES professionals (id) ON DELETE CASCADE,
    token_hash text NOT NULL UNIQUE CHECK (token_hash ${SHA256}),
    expires_at timestamptz NOT NULL,
    consumed_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE INDEX email_verifications_professional_idx ON email_verifications (professional_id)`,

  `CREATE TABLE signup_challenges (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    nonce text NOT NULL UNIQUE,
    difficulty integer NOT NULL CHECK (difficulty BETWEEN 0 AND 32),
    source_site text,
    issued_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    consumed_at timestamptz
  )`,

  `CREATE TABLE contact_requests (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    professional_id uuid NOT NULL REFERENCES professionals (id) ON DELETE CASCADE,
    organisation_id uuid REFERENCES organisations (id) ON DELETE SET NULL,
    purpose text NOT NULL ${enumCheck('purpose', CONTACT_PURPOSES)},
    message text NOT NULL CHECK (length(message) BETWEEN 1 AND 4000),
    requester_name text NOT NULL,
    requester_email text NOT NULL,
    requester_institution text,
    source_site text,
    relayed boolean NOT NULL DEFAULT false,
    relayed_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE INDEX contact_requests_professional_idx ON contact_requests (professional_id, created_at)`,
  `CREATE INDEX contact_requests_created_idx ON contact_requests (created_at)`,

  `CREATE TABLE events (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    slug text NOT NULL UNIQUE CHECK (slug ${SLUG}),
    organiser_slug text NOT NULL REFERENCES organisations (slug) ON UPDATE CASCADE,
    kind text NOT NULL ${enumCheck('kind', EVENT_KINDS)},
    status text NOT NULL DEFAULT 'scheduled' ${enumCheck('status', EVENT_STATUSES)},
    title jsonb NOT NULL ${LOCALISED('title')},
    description jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(description) = 'object'),
    speakers jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(speakers) = 'array'),
    starts_at timestamptz NOT NULL,
    ends_at timestamptz NOT NULL,
    time_zone text NOT NULL,
    mode text NOT NULL ${enumCheck('mode', EVENT_MODES)},
    location jsonb CHECK (location IS NULL OR jsonb_typeof(location) = 'object'),
    join_url text,
    capacity integer CHECK (capacity > 0),
    waitlist_enabled boolean NOT NULL DEFAULT false,
    registration_closes_at timestamptz,
    cme_credits numeric(5, 2) CHECK (cme_credits >= 0),
    language text NOT NULL CHECK (language ${LANGUAGE}),
    priority_area text REFERENCES priority_areas (code),
    recording_url text,
    cancellation_reason text,
    -- maintained by the registrations trigger; the CHECK makes overbooking impossible even under races
    confirmed_count integer NOT NULL DEFAULT 0 CHECK (confirmed_count >= 0),
    waitlisted_count integer NOT NULL DEFAULT 0 CHECK (waitlisted_count >= 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CHECK (ends_at > starts_at),
    CHECK (capacity IS NULL OR confirmed_count <= capacity),
    CHECK (mode = 'online' OR location IS NOT NULL)
  )`,
  `CREATE INDEX events_starts_idx ON events (starts_at, id)`,
  `CREATE INDEX events_organiser_idx ON events (organiser_slug, starts_at)`,

  `CREATE TABLE registrations (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    event_id uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    status text NOT NULL ${enumCheck('status', REGISTRATION_STATUSES)},
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    email text NOT NULL CHECK (position('@' in email) > 1),
    professional_id uuid REFERENCES professionals (id) ON DELETE SET NULL,
    cancel_token_hash text NOT NULL UNIQUE CHECK (cancel_token_hash ${SHA256}),
    locale text NOT NULL DEFAULT 'en',
    attended_at timestamptz,
    cancelled_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
  )`,
  // One active registration per person and event; a cancelled one does not block registering again.
  `CREATE UNIQUE INDEX registrations_active_email_key ON registrations (event_id, lower(email)) WHERE status <> 'cancelled'`,
  `CREATE INDEX registrations_event_idx ON registrations (event_id, status, created_at)`,

  `CREATE FUNCTION mahjar_registration_counts() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
      UPDATE events SET
        confirmed_count = confirmed_count - (OLD.status = 'confirmed')::int,
        waitlisted_count = waitlisted_count - (OLD.status = 'waitlisted')::int
      WHERE id = OLD.event_id AND OLD.status <> 'cancelled';
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
      UPDATE events SET
        confirmed_count = confirmed_count + (NEW.status = 'confirmed')::int,
        waitlisted_count = waitlisted_count + (NEW.status = 'waitlisted')::int
      WHERE id = NEW.event_id AND NEW.status <> 'cancelled';
    END IF;
    RETURN NULL;
  END
  $fn$`,
  `CREATE TRIGGER registrations_counts AFTER INSERT OR DELETE OR UPDATE OF status, event_id ON registrations
    FOR EACH ROW EXECUTE FUNCTION mahjar_registration_counts()`,

  `CREATE TABLE campaigns (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    slug text NOT NULL UNIQUE CHECK (slug ${SLUG}),
    organiser_slug text NOT NULL REFERENCES organisations (slug) ON UPDATE CASCADE,
    title jsonb NOT NULL ${LOCALISED('title')},
    summary jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(summary) = 'object'),
    goal_amount bigint NOT NULL CHECK (goal_amount > 0),
    currency text NOT NULL CHECK (currency ${CURRENCY}),
    -- maintained by the donations trigger (succeeded donations only)
    raised_amount bigint NOT NULL DEFAULT 0 CHECK (raised_amount >= 0),
    donor_count integer NOT NULL DEFAULT 0 CHECK (donor_count >= 0),
    priority_area text NOT NULL REFERENCES priority_areas (code),
    starts_on date NOT NULL,
    ends_on date,
    status text NOT NULL DEFAULT 'draft' ${enumCheck('status', CAMPAIGN_STATUSES)},
    checkout_mode text NOT NULL ${enumCheck('checkout_mode', CHECKOUT_MODES)},
    link_out_url text,
    preset_amounts bigint[] NOT NULL DEFAULT '{}',
    allow_monthly boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CHECK (ends_on IS NULL OR ends_on >= starts_on),
    CHECK ((checkout_mode = 'link_out') = (link_out_url IS NOT NULL))
  )`,
  `CREATE INDEX campaigns_organiser_idx ON campaigns (organiser_slug)`,

  `CREATE TABLE donations (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    campaign_id uuid NOT NULL REFERENCES campaigns (id),
    amount bigint NOT NULL CHECK (amount > 0),
    currency text NOT NULL CHECK (currency ${CURRENCY}),
    frequency text NOT NULL ${enumCheck('frequency', DONATION_FREQUENCIES)},
    anonymous boolean NOT NULL DEFAULT false,
    donor_name text,
    donor_email text NOT NULL CHECK (position('@' in donor_email) > 1),
    dedication text CHECK (length(dedication) <= 500),
    status text NOT NULL DEFAULT 'pending' ${enumCheck('status', DONATION_STATUSES)},
    provider text NOT NULL DEFAULT 'sandbox',
    provider_ref text UNIQUE,
    checkout_url text,
    receipt_number text UNIQUE,
    locale text NOT NULL DEFAULT 'en',
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CHECK (anonymous OR donor_name IS NOT NULL)
  )`,
  `CREATE INDEX donations_campaign_idx ON donations (campaign_id, created_at)`,

  `CREATE FUNCTION mahjar_donation_totals() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'succeeded' THEN
      UPDATE campaigns SET raised_amount = raised_amount - OLD.amount, donor_count = donor_count - 1
      WHERE id = OLD.campaign_id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status = 'succeeded' THEN
      UPDATE campaigns SET raised_amount = raised_amount + NEW.amount, donor_count = donor_count + 1
      WHERE id = NEW.campaign_id;
    END IF;
    RETURN NULL;
  END
  $fn$`,
  `CREATE TRIGGER donations_totals AFTER INSERT OR DELETE OR UPDATE OF status, amount, campaign_id ON donations
    FOR EACH ROW EXECUTE FUNCTION mahjar_donation_totals()`,

  `CREATE TABLE idempotency_keys (
    scope text NOT NULL,
    key text NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
    request_hash text NOT NULL,
    -- NULL while the first request is still running
    response_status integer,
    response_body jsonb,
    response_headers jsonb,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (scope, key)
  )`,
  `CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at)`,

  `CREATE TABLE outbox (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    to_address text NOT NULL,
    subject text NOT NULL,
    text text NOT NULL,
    html text,
    -- e.g. an .ics file: { filename, content, contentType }
    attachment jsonb,
    kind text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    sent_at timestamptz
  )`,
  `CREATE INDEX outbox_created_idx ON outbox (created_at)`,

  `CREATE TABLE webhook_events (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    provider text NOT NULL,
    event_id text NOT NULL,
    type text,
    payload jsonb,
    received_at timestamptz NOT NULL DEFAULT now(),
    processed_at timestamptz,
    UNIQUE (provider, event_id)
  )`,

  // Small key/value facts about this database (e.g. what the seed put in it).
  `CREATE TABLE mahjar_meta (
    key text PRIMARY KEY,
    value jsonb NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
  )`,
];

const down_statements = [
  'DROP TABLE IF EXISTS mahjar_meta',
  'DROP TABLE IF EXISTS webhook_events',
  'DROP TABLE IF EXISTS outbox',
  'DROP TABLE IF EXISTS idempotency_keys',
  'DROP TABLE IF EXISTS donations',
  'DROP FUNCTION IF EXISTS mahjar_donation_totals()',
  'DROP TABLE IF EXISTS campaigns',
  'DROP TABLE IF EXISTS registrations',
  'DROP FUNCTION IF EXISTS mahjar_registration_counts()',
  'DROP TABLE IF EXISTS events',
  'DROP TABLE IF EXISTS contact_requests',
  'DROP TABLE IF EXISTS signup_challenges',
  'DROP TABLE IF EXISTS email_verifications',
  'DROP TABLE IF EXISTS consent_records',
  'DROP TABLE IF EXISTS professionals',
  'DROP TABLE IF EXISTS priority_areas',
  'DROP TABLE IF EXISTS specialties',
  'DROP TABLE IF EXISTS api_keys',
  'DROP TABLE IF EXISTS organisations',
];

export async function runStatements(db: Kysely<unknown>, statements: readonly string[]): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, up_statements);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, down_statements);
}
