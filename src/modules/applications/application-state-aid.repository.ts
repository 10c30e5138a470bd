import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { toCentsOrNull } from '../../common/money/cents';
import type { StateAidDeclaration, StateAidRegime } from '../cofinancing/domain/state-aid';
import { STATE_AID_SQL } from './state-aid.sql';

/** The dossier's State aid declaration (docs/domain/state-aid.md): one row per dossier. */
@Injectable()
export class ApplicationStateAidRepository {
  constructor(private readonly dataSource: DataSource) {}

  private run(em?: EntityManager) {
    return em ?? this.dataSource.manager;
  }

  async find(applicationId: string, em?: EntityManager): Promise<StateAidDeclaration | null> {
    const rows: (Omit<StateAidDeclaration, 'deMinimisReceivedCents'> & { deMinimisReceivedCents: string | null })[] = await this.run(em).query(STATE_AID_SQL, [
      applicationId,
    ]);
    const r = rows[0];
    return r ? { ...r, regime: r.regime as StateAidRegime, deMinimisReceivedCents: toCentsOrNull(r.deMinimisReceivedCents) } : null;
  }

  /**
   * What the retention end runs from: the date the aid is granted — the day the convention bears both signatures, in
   * Paris (docs/domain/state-aid.md) — and the CPR art. 82 date fixed at closure.
   */
  async retentionFacts(applicationId: string, em?: EntityManager): Promise<{ grantDate: string | null; cpr82End: string | null }> {
    const [r]: { grantDate: string | null; cpr82End: string | null }[] = await this.run(em).query(
      `SELECT (SELECT CASE WHEN count(DISTINCT party) = 2 THEN to_char(max(signed_at) AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD') END
                 FROM convention_signature WHERE application_id = $1) AS "grantDate",
              (SELECT retention_end::text FROM operation_closure WHERE application_id = $1) AS "cpr82End"`,
      [applicationId],
    );
    return r ?? { grantDate: null, cpr82End: null };
  }

  /**
   * Writes the declaration and the application's State aid flag (read by CPR art. 53(2)) with the optimistic version of
   * the dossier: false when the row was not at `version` or is no longer editable.
   */
  async save(em: EntityManager, id: string, version: number, d: StateAidDeclaration, userId: string): Promise<boolean> {
    const updated: unknown[] = await em.query(
      `UPDATE application SET state_aid = $3, version = version + 1, updated_at = now()
        WHERE id = $1 AND version = $2 AND status IN ('DRAFT', 'INCOMPLETE') RETURNING id`,
      [id, version, d.regime !== 'NONE'],
    );
    if (updated.length === 0) return false;
    await em.query(
      `INSERT INTO application_state_aid (application_id, regime, justification, gber_article, reference, de_minimis_received_cents, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (application_id) DO UPDATE SET regime = EXCLUDED.regime, justification = EXCLUDED.justification, gber_article = EXCLUDED.gber_article,
              reference = EXCLUDED.reference, de_minimis_received_cents = EXCLUDED.de_minimis_received_cents, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [id, d.regime, d.justification, d.gberArticle, d.reference, d.deMinimisReceivedCents, userId],
    );
    return true;
  }
}
