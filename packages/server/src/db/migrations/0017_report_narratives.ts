import type { Kysely } from 'kysely';
import { runStatements } from './0001_core.js';

/**
 * The quarterly report's narrative (issue 17, item 5).
 *
 * `report_narratives`: the coordinator's milestones, outcomes and challenges, one row per
 * organisation and quarter (`2026-Q3`), each list a JSON array as the contract's
 * `ReportNarrativeInput` has it. `putReportNarrative` replaces the row as a whole.
 */
const up_statements = [
  `CREATE TABLE report_narratives (
    organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    quarter text NOT NULL CHECK (quarter ~ '^[0-9]{4}-Q[1-4]$'),
    milestones jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(milestones) = 'array'),
    outcomes jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(outcomes) = 'array'),
    challenges jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(challenges) = 'array'),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (organisation_id, quarter)
  )`,
];

const down_statements = ['DROP TABLE IF EXISTS report_narratives'];

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, up_statements);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, down_statements);
}
