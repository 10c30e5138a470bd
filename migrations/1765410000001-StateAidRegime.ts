import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The State aid regime the applicant declares for a dossier (docs/domain/state-aid.md): de minimis with the aid received
 * over three years, a GBER article with its scheme, an SIEG entrustment, or no State aid with a justification. One row
 * per dossier; `application.state_aid` stays the flag the co-financing rules read (CPR art. 53(2)) and follows it.
 */
export class StateAidRegime1765410000001 implements MigrationInterface {
  name = 'StateAidRegime1765410000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE application_state_aid (
        application_id uuid PRIMARY KEY REFERENCES application(id) ON DELETE CASCADE,
        regime text NOT NULL,
        justification text,
        gber_article text,
        reference text,
        de_minimis_received_cents bigint,
        updated_by uuid REFERENCES app_user(id) ON DELETE RESTRICT,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT application_state_aid_regime_check CHECK (regime IN ('NONE','DE_MINIMIS','GBER','SIEG_DECISION','SIEG_DE_MINIMIS')),
        CONSTRAINT application_state_aid_none_check CHECK (regime <> 'NONE' OR length(btrim(coalesce(justification, ''))) > 0),
        CONSTRAINT application_state_aid_gber_check CHECK (regime <> 'GBER' OR (gber_article IS NOT NULL AND reference IS NOT NULL)),
        CONSTRAINT application_state_aid_sieg_check CHECK (regime <> 'SIEG_DECISION' OR reference IS NOT NULL),
        CONSTRAINT application_state_aid_de_minimis_check CHECK (
          (regime IN ('DE_MINIMIS','SIEG_DE_MINIMIS')) = (de_minimis_received_cents IS NOT NULL) AND coalesce(de_minimis_received_cents, 0) >= 0)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE application_state_aid`);
  }
}
