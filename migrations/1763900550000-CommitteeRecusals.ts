import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Committee recusals with their reason (docs/domain/committee.md: members with a conflict leave the item), and the funding-line
 * mode frozen with the agenda so that reserve promotion follows the same rule as the ranking (§8 `fillRemainder`).
 * `committee_item.recused_user_ids` stays the quick list; this table is the evidence (who, why, automatic or declared).
 */
export class CommitteeRecusals1763900550000 implements MigrationInterface {
  name = 'CommitteeRecusals1763900550000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE committee_session ADD COLUMN fill_remainder boolean NOT NULL DEFAULT false`);
    await q.query(`
      CREATE TABLE committee_recusal (
        session_id uuid NOT NULL,
        application_id uuid NOT NULL,
        user_id uuid NOT NULL,
        kind text NOT NULL,
        reason text NOT NULL,
        recorded_by uuid,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT committee_recusal_pkey PRIMARY KEY (session_id, application_id, user_id),
        CONSTRAINT committee_recusal_item_fkey FOREIGN KEY (session_id, application_id)
          REFERENCES committee_item(session_id, application_id) ON DELETE RESTRICT,
        CONSTRAINT committee_recusal_member_fkey FOREIGN KEY (session_id, user_id)
          REFERENCES committee_member(session_id, user_id) ON DELETE RESTRICT,
        CONSTRAINT committee_recusal_recorded_by_fkey FOREIGN KEY (recorded_by) REFERENCES app_user(id) ON DELETE RESTRICT,
        CONSTRAINT committee_recusal_kind_check CHECK (kind IN ('AUTOMATIC','DECLARED')),
        CONSTRAINT committee_recusal_reason_check CHECK (length(btrim(reason)) BETWEEN 1 AND 2000)
      )`);
    await q.query(`REVOKE UPDATE, DELETE ON committee_recusal FROM essaim_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE committee_recusal`);
    await q.query(`ALTER TABLE committee_session DROP COLUMN fill_remainder`);
  }
}
