import { Injectable } from '@nestjs/common';
import { toCents, toCentsOrNull } from '../../common/money/cents';
import { DataSource, EntityManager } from 'typeorm';

export interface RankingCallRow {
  envelopeCents: number;
  /** EU amount already granted by committees on this call (FAVORABLE decisions). */
  grantedCents: number;
  grid: Record<string, unknown> | null;
}

export interface RankingDossierRow {
  applicationId: string;
  number: string;
  verdict: 'ELIGIBLE' | 'INELIGIBLE';
  hasInstructionReport: boolean;
  /** `eu_cents` of the retained plan (highest `version_no`); null when no plan version exists. */
  euCents: number | null;
  consensusScores: Record<string, number> | null;
}

/** Reads what the ranking needs, in one round trip per concern; writes nothing. */
@Injectable()
export class RankingRepository {
  constructor(private readonly dataSource: DataSource) {}

  async call(callId: string, em?: EntityManager): Promise<RankingCallRow | null> {
    const rows: { envelopeCents: string; grantedCents: string; grid: Record<string, unknown> | null }[] = await (em ?? this.dataSource).query(
      `SELECT c.envelope_cents AS "envelopeCents", c.evaluation_grid AS grid,
              -- As the committee's envelope consumption: renounced operations and what closed operations left unused
              -- (operation_closure.released_cents, docs/domain/payments.md) return to the envelope.
              COALESCE((SELECT sum(d.eu_cents) FROM committee_decision d JOIN application a ON a.id = d.application_id
                         WHERE a.call_id = c.id AND d.outcome = 'FAVORABLE' AND a.status <> 'RENOUNCED'), 0)
                - COALESCE((SELECT sum(oc.released_cents) FROM operation_closure oc WHERE oc.call_id = c.id), 0) AS "grantedCents"
         FROM call c WHERE c.id = $1`,
      [callId],
    );
    const r = rows[0];
    return r ? { envelopeCents: toCents(r.envelopeCents), grantedCents: toCents(r.grantedCents), grid: r.grid } : null;
  }

  /** Dossiers of the call in INSTRUCTED or UNDER_EVALUATION whose eligibility verdict is confirmed. */
  async dossiers(callId: string, em?: EntityManager): Promise<RankingDossierRow[]> {
    const rows: (Omit<RankingDossierRow, 'euCents'> & { euCents: string | null })[] = await (em ?? this.dataSource).query(
      `SELECT a.id AS "applicationId", a.number, er.verdict, (ir.application_id IS NOT NULL) AS "hasInstructionReport",
              (SELECT f.eu_cents FROM financing_plan_version f WHERE f.application_id = a.id ORDER BY f.version_no DESC LIMIT 1) AS "euCents",
              ec.scores AS "consensusScores"
         FROM application a
         JOIN eligibility_report er ON er.application_id = a.id AND er.verdict IS NOT NULL
         LEFT JOIN instruction_report ir ON ir.application_id = a.id
         LEFT JOIN evaluation_consensus ec ON ec.application_id = a.id
        WHERE a.call_id = $1 AND a.status IN ('INSTRUCTED', 'UNDER_EVALUATION')`,
      [callId],
    );
    return rows.map((r) => ({ ...r, euCents: toCentsOrNull(r.euCents) }));
  }
}
