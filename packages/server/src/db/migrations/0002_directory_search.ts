import type { Kysely } from 'kysely';
import { runStatements } from './0001_core.js';

/**
 * The public directory: one row per *verified* professional in `directory_entries`, holding only
 * what that professional made `public`, normalised for search. Statement-level triggers on
 * `professionals` (and `specialties`, whose names are searchable) keep it right for every writer,
 * so no application code path can forget to; a multi-row INSERT is handled in one set-based pass.
 *
 * Normalisation (`mahjar_normalize`, IMMUTABLE so it can be used in indexes and generated values):
 * lower-case, unaccent (Latin accents: Café → cafe), and Arabic-script folding: tashkeel
 * U+064B–U+065F, superscript alef U+0670 and tatweel U+0640 removed; أ إ آ ٱ → ا; ى → ي; ة → ه.
 */

const cp = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i)).join('');
/** Characters mapped one-to-one (translate's `from` and `to`), then characters deleted. */
const ARABIC_FROM = '\u0623\u0625\u0622\u0671\u0649\u0629';
const ARABIC_TO = '\u0627\u0627\u0627\u0627\u064A\u0647';
const ARABIC_DELETE = `${cp(0x064b, 0x065f)}\u0670\u0640`;

/** Visibility keys (API field names) the directory honours; a missing key counts as not public. */
export const DIRECTORY_FIELDS = [
  'givenName',
  'familyName',
  'givenNameAr',
  'familyNameAr',
  'specialties',
  'country',
  'city',
  'affiliations',
  'languages',
  'offers',
  'chapters',
] as const;

const pub = (field: (typeof DIRECTORY_FIELDS)[number], rel = 'c') =>
  `coalesce(${rel}.visibility ->> '${field}', 'private') = 'public'`;

/**
 * Facet values are also written into `search_tsv` as prefixed lexemes (weight D), so a query's
 * text and facet filters are intersected inside the one GIN index before any row is fetched:
 * s:<specialty> l:<language> o:<offer kind> h:<chapter slug> c:<country, lower case>
 * y:<normalised city>. The text parser never produces a token with ':', so user text cannot
 * collide with them. (Only public values, like everything in the directory.) The prefixes are
 * written in the statement below.
 *
 * Below: the computed directory columns for the professionals in relation `c` (a table or
 * transition table).
 */
export const directorySelect = (source: string, extraColumns: readonly string[] = []) => `
  SELECT
    c.id AS professional_id,
    mahjar_normalize(concat_ws(' ', g, f, ga, fa)) AS name_text,
    setweight(to_tsvector('simple', mahjar_normalize(concat_ws(' ', g, f, ga, fa))), 'A')
      || setweight(to_tsvector('simple', mahjar_normalize(coalesce(spec_names, ''))), 'B')
      || setweight(to_tsvector('simple', mahjar_normalize(concat_ws(' ', institutions, pub_city))), 'C')
      || array_to_tsvector(ARRAY(
           SELECT DISTINCT lx FROM (
             SELECT 's:' || v FROM unnest(pub_specialties) v
             UNION ALL SELECT 'l:' || v FROM unnest(pub_languages) v
             UNION ALL SELECT 'o:' || v FROM unnest(pub_offers) v
             UNION ALL SELECT 'h:' || v FROM unnest(pub_chapters) v
             UNION ALL SELECT 'c:' || lower(pub_country)
             UNION ALL SELECT 'y:' || mahjar_normalize(pub_city)
           ) t(lx) WHERE lx IS NOT NULL AND length(lx) > 2)) AS search_tsv,
    mahjar_normalize(concat_ws(' ', f, g)) AS name_sort,
    mahjar_normalize(concat_ws(' ', coalesce(fa, f), coalesce(ga, g))) AS name_sort_ar,
    pub_specialties AS specialties,
    pub_languages AS languages,
    pub_offers AS offers,
    pub_chapters AS chapters,
    pub_country AS country,
    pub_city AS city,
    mahjar_normalize(pub_city) AS city_key,
    c.joined_at${extraColumns.map((column) => `, c.${column}`).join('')}
  FROM ${source} c
  CROSS JOIN LATERAL (SELECT
    CASE WHEN ${pub('givenName')} THEN c.given_name END AS g,
    CASE WHEN ${pub('familyName')} THEN c.family_name END AS f,
    CASE WHEN ${pub('givenNameAr')} THEN c.given_name_ar END AS ga,
    CASE WHEN ${pub('familyNameAr')} THEN c.family_name_ar END AS fa,
    CASE WHEN ${pub('city')} THEN c.city END AS pub_city,
    CASE WHEN ${pub('country')} THEN c.country END AS pub_country,
    CASE WHEN ${pub('specialties')} THEN c.specialties ELSE '{}' END AS pub_specialties,
    CASE WHEN ${pub('languages')} THEN c.languages ELSE '{}' END AS pub_languages,
    CASE WHEN ${pub('offers')} THEN
      ARRAY(SELECT DISTINCT o ->> 'kind' FROM jsonb_array_elements(c.offers) o WHERE o ->> 'kind' IS NOT NULL ORDER BY 1)
    ELSE '{}' END AS pub_offers,
    CASE WHEN ${pub('chapters')} THEN c.chapters ELSE '{}' END AS pub_chapters,
    CASE WHEN ${pub('affiliations')} THEN
      (SELECT string_agg(a ->> 'institution', ' ') FROM jsonb_array_elements(c.affiliations) a)
    END AS institutions,
    CASE WHEN ${pub('specialties')} THEN
      (SELECT string_agg(concat_ws(' ', s.name ->> 'en', s.name ->> 'ar', s.name ->> 'fr'), ' ')
         FROM specialties s WHERE s.code = ANY (c.specialties))
    END AS spec_names
  ) x
  WHERE c.status = 'verified'`;

export const COLUMNS = [
  'name_text',
  'search_tsv',
  'name_sort',
  'name_sort_ar',
  'specialties',
  'languages',
  'offers',
  'chapters',
  'country',
  'city',
  'city_key',
  'joined_at',
];

/** Later migrations add columns copied as they are from `professionals` (`extraColumns`). */
export const upsert = (source: string, extraColumns: readonly string[] = []) => `
  INSERT INTO directory_entries (professional_id, ${[...COLUMNS, ...extraColumns].join(', ')})
  ${directorySelect(source, extraColumns)}
  ON CONFLICT (professional_id) DO UPDATE SET ${[...COLUMNS, ...extraColumns].map((c) => `${c} = EXCLUDED.${c}`).join(', ')}`;

export const addWords = (source: string) => `
  INSERT INTO search_words (word)
  SELECT DISTINCT w FROM ${source} CROSS JOIN LATERAL unnest(tsvector_to_array(s.search_tsv)) w
  WHERE w !~ '^[a-z]:'
  ON CONFLICT (word) DO NOTHING`;

const up_statements = [
  `CREATE FUNCTION mahjar_normalize(t text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN translate(lower(public.unaccent('public.unaccent'::regdictionary, t)),
                     '${ARABIC_FROM}${ARABIC_DELETE}', '${ARABIC_TO}')`,

  // A lexeme quoted for tsquery input syntax ('it''s'), so any text can become one verbatim lexeme.
  `CREATE FUNCTION mahjar_tsquery_lexeme(t text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN '''' || replace(replace(t, '\\', '\\\\'), '''', '''''') || ''''`,

  `CREATE TABLE directory_entries (
    professional_id uuid PRIMARY KEY REFERENCES professionals (id) ON DELETE CASCADE,
    name_text text NOT NULL,
    search_tsv tsvector NOT NULL,
    name_sort text NOT NULL,
    name_sort_ar text NOT NULL,
    specialties text[] NOT NULL,
    languages text[] NOT NULL,
    offers text[] NOT NULL,
    chapters text[] NOT NULL,
    country text,
    city text,
    city_key text,
    joined_at timestamptz NOT NULL
  )`,
  `CREATE INDEX directory_tsv_idx ON directory_entries USING gin (search_tsv)`,
  // The vocabulary of the directory (every lexeme of every search_tsv), trigram-indexed: typo
  // tolerance looks up similar *words* here (hundreds to tens of thousands of rows) and adds them to
  // the tsquery, so the directory itself is only ever searched through its tsvector GIN index. A
  // trigram index on the long per-profile text made the planner fall back to sequential scans.
  // COLLATE "C": prefix ranges (word >= 'card' AND word < 'card' || U+10FFFF) on the primary key.
  `CREATE TABLE search_words (word text COLLATE "C" PRIMARY KEY)`,
  `CREATE INDEX search_words_trgm_idx ON search_words USING gin (word gin_trgm_ops)`,
  `CREATE INDEX directory_specialties_idx ON directory_entries USING gin (specialties)`,
  `CREATE INDEX directory_languages_idx ON directory_entries USING gin (languages)`,
  `CREATE INDEX directory_offers_idx ON directory_entries USING gin (offers)`,
  `CREATE INDEX directory_chapters_idx ON directory_entries USING gin (chapters)`,
  `CREATE INDEX directory_country_idx ON directory_entries (country)`,
  `CREATE INDEX directory_city_idx ON directory_entries (city_key)`,
  `CREATE INDEX directory_name_sort_idx ON directory_entries (name_sort, professional_id)`,
  `CREATE INDEX directory_name_sort_ar_idx ON directory_entries (name_sort_ar, professional_id)`,
  `CREATE INDEX directory_joined_idx ON directory_entries (joined_at, professional_id)`,

  `CREATE FUNCTION mahjar_directory_sync() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN
    DELETE FROM directory_entries d USING changed c
      WHERE d.professional_id = c.id AND c.status <> 'verified';
    ${upsert('changed')};
    ${addWords('(SELECT d.search_tsv FROM changed c JOIN directory_entries d ON d.professional_id = c.id) s')};
    RETURN NULL;
  END
  $fn$`,
  `CREATE TRIGGER professionals_directory_insert AFTER INSERT ON professionals
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION mahjar_directory_sync()`,
  `CREATE TRIGGER professionals_directory_update AFTER UPDATE ON professionals
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION mahjar_directory_sync()`,
  // deletes cascade through the foreign key

  // Specialty names are part of the searchable text: renaming one re-indexes its professionals.
  `CREATE FUNCTION mahjar_directory_specialty_renamed() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN
    UPDATE professionals p SET updated_at = p.updated_at
      WHERE p.status = 'verified' AND p.specialties && ARRAY(SELECT code FROM renamed);
    RETURN NULL;
  END
  $fn$`,
  `CREATE TRIGGER specialties_directory_update AFTER UPDATE ON specialties
    REFERENCING NEW TABLE AS renamed FOR EACH STATEMENT EXECUTE FUNCTION mahjar_directory_specialty_renamed()`,

  // Full rebuild, for repair or after changing the rules above in a later migration.
  `CREATE FUNCTION mahjar_directory_rebuild() RETURNS bigint LANGUAGE plpgsql AS $fn$
  DECLARE n bigint;
  BEGIN
    DELETE FROM directory_entries;
    ${upsert('professionals')};
    GET DIAGNOSTICS n = ROW_COUNT;
    ${addWords('directory_entries s')};
    RETURN n;
  END
  $fn$`,
];

const down_statements = [
  'DROP TRIGGER IF EXISTS specialties_directory_update ON specialties',
  'DROP FUNCTION IF EXISTS mahjar_directory_specialty_renamed()',
  'DROP TRIGGER IF EXISTS professionals_directory_update ON professionals',
  'DROP TRIGGER IF EXISTS professionals_directory_insert ON professionals',
  'DROP FUNCTION IF EXISTS mahjar_directory_sync()',
  'DROP FUNCTION IF EXISTS mahjar_directory_rebuild()',
  'DROP TABLE IF EXISTS search_words',
  'DROP TABLE IF EXISTS directory_entries',
  'DROP FUNCTION IF EXISTS mahjar_tsquery_lexeme(text)',
  'DROP FUNCTION IF EXISTS mahjar_normalize(text)',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, up_statements);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, down_statements);
}
