import type { Kysely } from 'kysely';
import { type Migration, type MigrationProvider, type MigrationResultSet, Migrator } from 'kysely/migration';
import * as m0001 from './migrations/0001_core.js';
import * as m0002 from './migrations/0002_directory_search.js';
import * as m0003campaigns from './migrations/0003_campaigns.js';
import * as m0003events from './migrations/0003_events.js';
import * as m0003professionals from './migrations/0003_professionals.js';
import * as m0004directoryVersion from './migrations/0004_directory_version.js';
import * as m0005apiKeyLastUsed from './migrations/0005_api_key_last_used.js';
import * as m0005donationRenewals from './migrations/0005_donation_renewals.js';
import * as m0006directoryIndex from './migrations/0006_directory_index.js';
import * as m0006outboxOrganisation from './migrations/0006_outbox_organisation.js';
import * as m0007apiKeyExpiry from './migrations/0007_api_key_expiry.js';
import * as m0008publicProfessional from './migrations/0008_public_professional.js';
import * as m0009severalInstances from './migrations/0009_several_instances.js';
import * as m0010memberAccounts from './migrations/0010_member_accounts.js';
import * as m0011consentPerMinistry from './migrations/0011_consent_per_ministry.js';
import * as m0012mailHtmlLocale from './migrations/0012_mail_html_locale.js';
import * as m0013needs from './migrations/0013_needs.js';
import * as m0014acceptedChapters from './migrations/0014_accepted_chapters.js';
import * as m0015signInVerifier from './migrations/0015_sign_in_verifier.js';
import * as m0016needResponses from './migrations/0016_need_responses.js';
import * as m0017reports from './migrations/0017_reports.js';
import * as m0018adminUsers from './migrations/0018_admin_users.js';
import * as m0020credentialReview from './migrations/0020_credential_review.js';
import * as m0021checkInCodes from './migrations/0021_check_in_codes.js';

/**
 * Migrations are imported statically (no folder scan) so a bundled server still finds them.
 * Add new ones here in order; names sort lexically, so keep the 4-digit prefix.
 */
export const migrations: Record<string, Migration> = {
  '0001_core': m0001,
  '0002_directory_search': m0002,
  '0003_campaigns': m0003campaigns,
  '0003_events': m0003events,
  '0003_professionals': m0003professionals,
  '0004_directory_version': m0004directoryVersion,
  '0005_api_key_last_used': m0005apiKeyLastUsed,
  '0005_donation_renewals': m0005donationRenewals,
  '0006_directory_index': m0006directoryIndex,
  '0006_outbox_organisation': m0006outboxOrganisation,
  '0007_api_key_expiry': m0007apiKeyExpiry,
  '0008_public_professional': m0008publicProfessional,
  '0009_several_instances': m0009severalInstances,
  '0010_member_accounts': m0010memberAccounts,
  '0011_consent_per_ministry': m0011consentPerMinistry,
  '0012_mail_html_locale': m0012mailHtmlLocale,
  '0013_needs': m0013needs,
  '0014_accepted_chapters': m0014acceptedChapters,
  '0015_sign_in_verifier': m0015signInVerifier,
  '0016_need_responses': m0016needResponses,
  '0017_reports': m0017reports,
  '0018_admin_users': m0018adminUsers,
  '0020_credential_review': m0020credentialReview,
  '0021_check_in_codes': m0021checkInCodes,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};

export function createMigrator<T>(db: Kysely<T>): Migrator {
  // Migrations written in parallel branches may land in either order; each only adds what it names,
  // so a database that ran a later-numbered one first still takes the earlier one.
  return new Migrator({ db: db as Kysely<unknown>, provider: migrationProvider, allowUnorderedMigrations: true });
}

/** Brings the schema to the latest version; throws (with the failing migration's name) on error. */
export async function migrateToLatest<T>(db: Kysely<T>): Promise<MigrationResultSet> {
  const result = await createMigrator(db).migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName;
    const error = result.error instanceof Error ? result.error : new Error(String(result.error));
    error.message = `migration ${failed ?? '?'} failed: ${error.message}`;
    throw error;
  }
  return result;
}
