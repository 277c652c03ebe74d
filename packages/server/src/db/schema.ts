import type { components } from '@mahjar/sdk';
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

type Schemas = components['schemas'];

/**
 * Row types of the database (snake_case, as stored). These are DB types, not API types: the HTTP
 * layer maps them to the contract's schemas. Both engines are configured (see database.ts) so that
 * bigint/numeric come back as `number`, `date` as `YYYY-MM-DD` strings, timestamptz as `Date`.
 */

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, T | string, T | string>;
type JsonDefault<T> = ColumnType<T, T | string | undefined, T | string>;
/**
 * jsonb holding an array: write it as `JSON.stringify(value)`. node-postgres turns a JS array
 * parameter into a PostgreSQL array literal, which is not valid JSON; a string works on both engines.
 */
type JsonArray<T> = ColumnType<T[], string | undefined, string>;

/**
 * The contract's enums, as the SDK generates them from `openapi/mahjar.yaml`: the values a column
 * holds are the values the API speaks, written once (a CHECK constraint in the migrations keeps the
 * database to them).
 */
export type OrganisationKind = Schemas['OrganisationKind'];
export type Visibility = Schemas['Visibility'];
export type ProfessionalStatus = Schemas['ProfessionalStatus'];
export type Profession = Schemas['Profession'];
export type Title = Schemas['Title'];
export type OfferKind = Schemas['OfferKind'];
export type ContactPurpose = Schemas['ContactPurpose'];
export type EventKind = Schemas['EventKind'];
export type EventStatus = Schemas['EventStatus'];
export type EventMode = Schemas['EventMode'];
export type RegistrationStatus = Schemas['RegistrationStatus'];
export type CampaignStatus = Schemas['CampaignStatus'];
export type DonationFrequency = Schemas['DonationFrequency'];
export type DonationStatus = Schemas['DonationStatus'];
export type CheckoutMode = Schemas['CheckoutMode'];
export type AdminRole = Schemas['AdminRole'];
export type ApiKeyKind = Schemas['ApiKeyKind'];
export type CredentialKind = Schemas['CredentialKind'];
export type VerificationState = Schemas['VerificationState'];
export type NeedState = Schemas['NeedState'];

/** `{ en?, ar?, fr? }` with at least one key (enforced by a CHECK). */
export interface LocalisedText {
  en?: string;
  ar?: string;
  fr?: string;
}

export interface Affiliation {
  institution: string;
  role?: string;
}
export interface Credential {
  kind: CredentialKind;
  name: string;
  issuer: string;
  country: string;
  year?: number;
  verification: VerificationState;
}
export interface MedicalSchool {
  name: string;
  country: string;
  graduationYear: number;
}
export interface Offer {
  kind: OfferKind;
  availability: string;
  priorityArea?: string;
}
/** Field name (API camelCase) → who may see it. A missing key means `private`. */
export type VisibilityMap = Partial<Record<string, Visibility>>;
/** `permissions` as stored: the contract's `ConsentPermissions` (migration 0011 rewrote older records). */
export type ConsentPermissions = Schemas['ConsentPermissions'];
export interface Speaker {
  name: string;
  affiliation?: string;
}
export interface EventLocation {
  venue: string;
  city: string;
  country: string;
}

export interface OrganisationsTable {
  id: Generated<string>;
  slug: string;
  kind: OrganisationKind;
  name: Json<LocalisedText>;
  parent_slug: string | null;
  country: string;
  default_currency: string;
  locales: ColumnType<string[], string[] | undefined, string[]>;
  brand_color: string | null;
  website: string | null;
  allowed_origins: ColumnType<string[], string[] | undefined, string[]>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface ApiKeysTable {
  id: Generated<string>;
  organisation_id: string;
  kind: ApiKeyKind;
  role: ColumnType<AdminRole, AdminRole | undefined, AdminRole>;
  /** sha256 hex of the full key; the key itself is never stored. */
  key_hash: string;
  /** First characters of the key, to recognise it in an admin list. */
  prefix: string;
  label: string | null;
  created_at: CreatedAt;
  revoked_at: Timestamp | null;
  /** When the key stops working (migration 0007); null: until revoked. */
  expires_at: Timestamp | null;
  /** Last authenticated request, written at most once a minute per key and instance (migration 0005). */
  last_used_at: Timestamp | null;
}

export interface SpecialtiesTable {
  code: string;
  name: Json<LocalisedText>;
  parent_code: string | null;
}

export interface PriorityAreasTable {
  code: string;
  name: Json<LocalisedText>;
  position: Generated<number>;
}

export interface ProfessionalsTable {
  id: Generated<string>;
  status: ColumnType<ProfessionalStatus, ProfessionalStatus | undefined, ProfessionalStatus>;
  title: Title | null;
  profession: Profession;
  given_name: string;
  family_name: string;
  given_name_ar: string | null;
  family_name_ar: string | null;
  /** Unique case-insensitively (index on lower(email)). */
  email: string;
  specialties: ColumnType<string[], string[] | undefined, string[]>;
  country: string;
  city: string;
  affiliations: JsonArray<Affiliation>;
  credentials: JsonArray<Credential>;
  languages: ColumnType<string[], string[] | undefined, string[]>;
  medical_school: Json<MedicalSchool> | null;
  chapters: ColumnType<string[], string[] | undefined, string[]>;
  offers: JsonArray<Offer>;
  bio: string | null;
  visibility: JsonDefault<VisibilityMap>;
  locale: Generated<string>;
  joined_at: CreatedAt;
  email_verified_at: Timestamp | null;
  verified_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
  /** What the latest consent says (`permissions.listed`); kept by a trigger (migration 0011), never written here. */
  listed: Generated<boolean>;
  /** Ministry slugs the latest consent names (`permissions.ministries`); kept by the same trigger. */
  ministries: Generated<string[]>;
}

/** Maintained by triggers on `professionals`; never write it from application code. */
export interface DirectoryEntriesTable {
  professional_id: string;
  name_text: string;
  search_tsv: string;
  name_sort: string;
  name_sort_ar: string;
  specialties: string[];
  languages: string[];
  offers: string[];
  chapters: string[];
  country: string | null;
  city: string | null;
  city_key: string | null;
  joined_at: Date;
  /** The professional's consented ministries (migration 0011): a ministry's key searches only these rows. */
  ministries: string[];
}

/** The ministry organisations an organisation works with (migration 0011). */
export interface OrganisationMinistriesTable {
  organisation_id: string;
  ministry_id: string;
}

/** Vocabulary of the directory, for typo tolerance (trigger-maintained, never exposed). */
export interface SearchWordsTable {
  word: string;
}

export interface ConsentRecordsTable {
  id: Generated<string>;
  professional_id: string;
  notice_version: string;
  notice_hash: string;
  locale: string;
  source_site: string;
  permissions: JsonDefault<ConsentPermissions>;
  /** The permissions exactly as given, where migration 0011 rewrote `permissions` into today's shape. */
  permissions_as_given: ColumnType<unknown | null, never, never>;
  visibility: JsonDefault<VisibilityMap>;
  created_at: CreatedAt;
}

export interface EmailVerificationsTable {
  id: Generated<string>;
  professional_id: string;
  token_hash: string;
  expires_at: Timestamp;
  consumed_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface SignupChallengesTable {
  id: Generated<string>;
  nonce: string;
  difficulty: number;
  source_site: string | null;
  issued_at: CreatedAt;
  expires_at: Timestamp;
  consumed_at: Timestamp | null;
}

export interface ContactRequestsTable {
  id: Generated<string>;
  professional_id: string;
  organisation_id: string | null;
  purpose: ContactPurpose;
  message: string;
  requester_name: string;
  requester_email: string;
  requester_institution: string | null;
  source_site: string | null;
  relayed: Generated<boolean>;
  relayed_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface EventsTable {
  id: Generated<string>;
  slug: string;
  organiser_slug: string;
  kind: EventKind;
  status: ColumnType<EventStatus, EventStatus | undefined, EventStatus>;
  title: Json<LocalisedText>;
  description: JsonDefault<LocalisedText>;
  speakers: JsonArray<Speaker>;
  starts_at: Timestamp;
  ends_at: Timestamp;
  /** IANA zone of the organiser, e.g. `Asia/Beirut`. */
  time_zone: string;
  mode: EventMode;
  location: Json<EventLocation> | null;
  /** Never public: only in the registrant's confirmation and personal .ics. */
  join_url: string | null;
  capacity: number | null;
  waitlist_enabled: Generated<boolean>;
  registration_closes_at: Timestamp | null;
  cme_credits: number | null;
  language: string;
  priority_area: string | null;
  recording_url: string | null;
  cancellation_reason: string | null;
  /** iCalendar SEQUENCE (RFC 5545 §3.8.7.4): raised on every change an attendee's calendar must pick up. */
  sequence: Generated<number>;
  /** Maintained by a trigger on registrations; `confirmed_count <= capacity` is a CHECK. */
  confirmed_count: ColumnType<number, never, never>;
  waitlisted_count: ColumnType<number, never, never>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface RegistrationsTable {
  id: Generated<string>;
  event_id: string;
  status: RegistrationStatus;
  name: string;
  email: string;
  professional_id: string | null;
  /** sha256 hex of the cancel token sent to the registrant. */
  cancel_token_hash: string;
  locale: Generated<string>;
  /** Recorded attendance, `NULL` until recorded (`false` is "did not attend"). */
  attended: ColumnType<boolean | null, boolean | null | undefined, boolean | null>;
  /** What the reports count; kept in step with `attended` by the application. */
  attended_at: Timestamp | null;
  cancelled_at: Timestamp | null;
  /** Twelve characters of Crockford's base32, mailed as text and QR code; a column default (migration 0021). */
  check_in_code: Generated<string>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface CampaignsTable {
  id: Generated<string>;
  slug: string;
  organiser_slug: string;
  title: Json<LocalisedText>;
  summary: JsonDefault<LocalisedText>;
  /** Minor units of `currency`. */
  goal_amount: number;
  currency: string;
  /** Maintained by a trigger on donations (succeeded only). */
  raised_amount: ColumnType<number, never, never>;
  donor_count: ColumnType<number, never, never>;
  priority_area: string;
  /** `YYYY-MM-DD`. */
  starts_on: string;
  ends_on: string | null;
  status: ColumnType<CampaignStatus, CampaignStatus | undefined, CampaignStatus>;
  checkout_mode: CheckoutMode;
  link_out_url: string | null;
  preset_amounts: ColumnType<number[], number[] | undefined, number[]>;
  allow_monthly: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface DonationsTable {
  id: Generated<string>;
  campaign_id: string;
  amount: number;
  currency: string;
  frequency: DonationFrequency;
  anonymous: Generated<boolean>;
  donor_name: string | null;
  donor_email: string;
  dedication: string | null;
  status: ColumnType<DonationStatus, DonationStatus | undefined, DonationStatus>;
  provider: Generated<string>;
  provider_ref: string | null;
  checkout_url: string | null;
  /** Where hosted checkout sends the donor back. Receipt numbers come from `donation_receipt_seq`. */
  return_url: string | null;
  receipt_number: string | null;
  locale: Generated<string>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
  /** A later month of a monthly donation: the donation whose checkout started the subscription (migration 0005). */
  renewal_of: string | null;
  /** On the first donation of a subscription: the provider's subscription id, to cancel it. */
  subscription_ref: string | null;
  /** When the provider confirmed the subscription ended; renewals paid later are not recorded. */
  subscription_ended_at: Timestamp | null;
  /** Why the last cancellation attempt failed; cleared when one succeeds. */
  subscription_cancel_error: string | null;
}

export type ReviewDecision = Schemas['ReviewInput']['decision'];

/** Audit trail of review decisions; the latest note is the profile's `reviewNote`. */
export interface ProfessionalReviewsTable {
  id: Generated<string>;
  professional_id: string;
  organisation_id: string | null;
  api_key_id: string | null;
  decision: ReviewDecision;
  from_status: string;
  to_status: string;
  note: string | null;
  created_at: CreatedAt;
}

export interface IdempotencyKeysTable {
  scope: string;
  key: string;
  request_hash: string;
  /** NULL while the first request is still in flight. */
  response_status: number | null;
  /** Write as `JSON.stringify(body)` (bodies may be arrays, see JsonArray). */
  response_body: ColumnType<unknown, string | null | undefined, string | null>;
  response_headers: Json<Record<string, string>> | null;
  created_at: CreatedAt;
}

export interface OutboxTable {
  id: Generated<string>;
  to_address: string;
  subject: string;
  text: string;
  /** The HTML part (written since migration 0012; the column dates from 0001). */
  html: string | null;
  /** The language of the message, `en`, `ar` or `fr` (migration 0012; null before). */
  locale: string | null;
  /** Write as `JSON.stringify(attachment)`. */
  attachment: ColumnType<unknown, string | null | undefined, string | null>;
  kind: string;
  /** The organisation whose key, event or campaign caused the message (null: queued before 0006). */
  organisation_id: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
  sent_at: Timestamp | null;
  /** Until when an instance delivering it holds the message (migration 0009). */
  claimed_until: Timestamp | null;
}

export interface WebhookEventsTable {
  id: Generated<string>;
  provider: string;
  event_id: string;
  type: string | null;
  /** Write as `JSON.stringify(payload)`. */
  payload: ColumnType<unknown, string | null | undefined, string | null>;
  received_at: CreatedAt;
  processed_at: Timestamp | null;
}

export interface MahjarMetaTable {
  key: string;
  value: Json<unknown>;
  updated_at: CreatedAt;
}

/** One row: raised by every statement that can change a directory answer (migration 0004). */
export interface DirectoryStateTable {
  id: Generated<boolean>;
  version: ColumnType<number, never, never>;
  /** The change log (directory_changes) is complete from this version on (migration 0006). */
  log_from: ColumnType<number, never, never>;
  /** Names this database's directory in the answer cache several instances share (migration 0009). */
  directory_id: ColumnType<string, never, never>;
}

/** Which professionals each directory version changed (migration 0006), for in-process indexes. */
export interface DirectoryChangesTable {
  version: number;
  professional_id: string;
}

/** A sign-in code mailed to a member (migration 0010); only its hash is kept. */
export interface MemberSignInCodesTable {
  id: Generated<string>;
  code_hash: string;
  /** SHA-256 (hex) of the asking browser's verifier (migration 0015). */
  verifier_hash: string;
  professional_id: string;
  organisation_id: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

/** A member's session (migration 0010); only its token's hash is kept. */
export interface MemberSessionsTable {
  id: Generated<string>;
  token_hash: string;
  professional_id: string;
  organisation_id: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
  ended_at: Timestamp | null;
}

/** A person who may sign in to an organisation's console (migration 0018); `removed_at` set when removed. */
export interface AdminUsersTable {
  id: Generated<string>;
  organisation_id: string;
  email: string;
  role: AdminRole;
  locale: Schemas['MailLocale'];
  invited_at: CreatedAt;
  last_sign_in_at: Timestamp | null;
  removed_at: Timestamp | null;
}

/** A mailed admin sign-in code, by hash, with the asking browser's verifier hash (migration 0018). */
export interface AdminSignInCodesTable {
  id: Generated<string>;
  code_hash: string;
  verifier_hash: string;
  admin_user_id: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

/** An admin user's session (migration 0018): ends idle after 12 h, at `expires_at`, or when ended. */
export interface AdminSessionsTable {
  id: Generated<string>;
  token_hash: string;
  admin_user_id: string;
  created_at: CreatedAt;
  last_used_at: Timestamp;
  expires_at: Timestamp;
  ended_at: Timestamp | null;
}

/** One admin write that succeeded (migration 0018). */
export interface AuditLogTable {
  id: Generated<string>;
  organisation_id: string;
  actor_kind: 'key' | 'user' | 'operator';
  api_key_id: string | null;
  admin_user_id: string | null;
  operation: string;
  target_id: string | null;
  created_at: CreatedAt;
}

/** What is left of a deleted member's consent history (migration 0010): no personal data. */
export interface DeletedAccountsTable {
  id: Generated<string>;
  deleted_at: Timestamp;
  /** `[{ noticeVersion, noticeHash, locale, createdAt }]`; write as `JSON.stringify(…)`. */
  consents: ColumnType<unknown, string, string>;
}

/** A ministry's need (migration 0013). Dates are `date` columns, read as `YYYY-MM-DD` text. */
export interface NeedsTable {
  id: Generated<string>;
  organisation_id: string;
  state: ColumnType<NeedState, NeedState | undefined, NeedState>;
  title: string;
  description: string | null;
  specialty: string;
  sub_specialty: string | null;
  offer_kinds: string[];
  country: string;
  city: string | null;
  facility: string | null;
  remote: boolean;
  time_zone: string | null;
  starts_on: ColumnType<string | null, string | null, string | null>;
  ends_on: ColumnType<string | null, string | null, string | null>;
  languages: ColumnType<string[], string[] | undefined, string[]>;
  priority_area: string;
  people: number;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

/** Who changed what in a need, and when (migration 0013). */
export interface NeedChangesTable {
  id: Generated<string>;
  need_id: string;
  action: 'created' | 'updated' | 'state_changed';
  from_state: NeedState | null;
  to_state: NeedState;
  fields: ColumnType<string[], string[] | undefined, string[]>;
  api_key_id: string | null;
  note: string | null;
  created_at: CreatedAt;
}

/** An invitation mailed for a need (migration 0016): only the token's SHA-256 is kept. */
export interface NeedInvitationsTable {
  id: Generated<string>;
  need_id: string;
  professional_id: string;
  token_hash: string;
  api_key_id: string | null;
  created_at: CreatedAt;
  expires_at: Date;
}

export type NeedResponseState = Schemas['NeedResponseState'];

/** An answer to a need and what came of it (migration 0016). */
export interface NeedResponsesTable {
  id: Generated<string>;
  need_id: string;
  professional_id: string;
  state: ColumnType<NeedResponseState, NeedResponseState | undefined, NeedResponseState>;
  via: 'invitation' | 'member';
  message: string | null;
  outcome_done: boolean | null;
  outcome_hours: number | null;
  outcome_people: number | null;
  outcome_summary: string | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

/** Who did what with an answer, and when (migration 0016); `api_key_id` null for the professional. */
export interface NeedResponseChangesTable {
  id: Generated<string>;
  response_id: string;
  action: 'answered' | 'shortlisted' | 'assigned' | 'outcome_recorded';
  from_state: NeedResponseState | null;
  to_state: NeedResponseState;
  api_key_id: string | null;
  note: string | null;
  created_at: CreatedAt;
}

/** The coordinator's words for one organisation and quarter (migration 0017); each list as the contract has it. */
export interface ReportNarrativesTable {
  organisation_id: string;
  quarter: string;
  milestones: JsonArray<Schemas['Milestone']>;
  outcomes: JsonArray<Schemas['NarrativeItem']>;
  challenges: JsonArray<Schemas['NarrativeItem']>;
  updated_at: Timestamp;
}

export type CredentialState = Schemas['CredentialState'];

/**
 * One credential a professional states, with its review (migration 0020). Rows are added and removed
 * by a trigger following `professionals.credentials`; the review columns are written by the server.
 */
export interface ProfessionalCredentialsTable {
  id: Generated<string>;
  professional_id: string;
  /** 1-based position in `professionals.credentials`. */
  position: number;
  kind: CredentialKind;
  name: string;
  issuer: string;
  country: string;
  year: number | null;
  state: ColumnType<CredentialState, CredentialState | undefined, CredentialState>;
  evidence: string | null;
  /** `YYYY-MM-DD`: the last day it is valid. */
  expires_on: ColumnType<string | null, string | null | undefined, string | null>;
  reviewed_by_key_id: string | null;
  reviewed_by_user_id: string | null;
  reviewed_at: Timestamp | null;
  expiry_reminder_sent_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

/** Every transition of a credential's state: a reviewer's decision (its key) or the expiry sweep (no key). */
export interface ProfessionalCredentialChangesTable {
  id: Generated<string>;
  credential_id: string;
  from_state: CredentialState;
  to_state: CredentialState;
  api_key_id: string | null;
  user_id: string | null;
  evidence: string | null;
  expires_on: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
}

/** What the engagement report counts of a professional (migration 0017); trigger-kept from `professionals`. */
export interface ReportMembersTable {
  professional_id: string;
  status: ProfessionalStatus;
  created_at: Date;
  email_verified_at: Date | null;
  verified_at: Date | null;
  country: string;
  specialties: string[];
  chapters: string[];
  ministries: string[];
  /** The priority area of each offer that names one (repeated per offer). */
  offer_areas: string[];
}

/** Verified members counted ahead per scope, kind, code and month of verification (migration 0017); trigger-kept. */
export interface ReportMemberCountsTable {
  /** `*`, `chapter:<slug>` or `ministry:<slug>`. */
  scope: string;
  kind: 'country' | 'specialty' | 'area';
  code: string;
  /** The first day of the month of verification (UTC), `infinity` when unknown. */
  month: string;
  n: number;
}

/** What matching reads of a possible candidate, as a ministry may see it (migration 0013); trigger-kept. */
export interface NeedMatchEntriesTable {
  professional_id: string;
  /** `ministry|specialty` for every ministry of the latest consent and every specialty. */
  keys: string[];
  specialties: string[];
  offer_kinds: string[];
  available_kinds: string[];
  languages: string[];
  country: string | null;
  verified_credential: boolean;
}

export interface DB {
  report_narratives: ReportNarrativesTable;
  professional_credentials: ProfessionalCredentialsTable;
  professional_credential_changes: ProfessionalCredentialChangesTable;
  report_members: ReportMembersTable;
  report_member_counts: ReportMemberCountsTable;
  need_match_entries: NeedMatchEntriesTable;
  needs: NeedsTable;
  need_changes: NeedChangesTable;
  need_invitations: NeedInvitationsTable;
  need_responses: NeedResponsesTable;
  need_response_changes: NeedResponseChangesTable;
  deleted_accounts: DeletedAccountsTable;
  member_sign_in_codes: MemberSignInCodesTable;
  member_sessions: MemberSessionsTable;
  admin_users: AdminUsersTable;
  admin_sign_in_codes: AdminSignInCodesTable;
  admin_sessions: AdminSessionsTable;
  audit_log: AuditLogTable;
  organisations: OrganisationsTable;
  organisation_ministries: OrganisationMinistriesTable;
  api_keys: ApiKeysTable;
  specialties: SpecialtiesTable;
  priority_areas: PriorityAreasTable;
  professionals: ProfessionalsTable;
  directory_entries: DirectoryEntriesTable;
  search_words: SearchWordsTable;
  consent_records: ConsentRecordsTable;
  email_verifications: EmailVerificationsTable;
  signup_challenges: SignupChallengesTable;
  contact_requests: ContactRequestsTable;
  events: EventsTable;
  registrations: RegistrationsTable;
  campaigns: CampaignsTable;
  donations: DonationsTable;
  professional_reviews: ProfessionalReviewsTable;
  idempotency_keys: IdempotencyKeysTable;
  outbox: OutboxTable;
  webhook_events: WebhookEventsTable;
  mahjar_meta: MahjarMetaTable;
  directory_state: DirectoryStateTable;
  directory_changes: DirectoryChangesTable;
}

export type Organisation = Selectable<OrganisationsTable>;
export type Professional = Selectable<ProfessionalsTable>;
export type NewProfessional = Insertable<ProfessionalsTable>;
export type EventRow = Selectable<EventsTable>;
export type Registration = Selectable<RegistrationsTable>;
export type Campaign = Selectable<CampaignsTable>;
export type Donation = Selectable<DonationsTable>;
