import { Injectable } from '@nestjs/common';
import { toCents, toCentsOrNull } from '../../common/money/cents';
import { DataSource, EntityManager } from 'typeorm';
import { first } from '../../common/collections';
import { retainedPlanColumnSql } from '../applications/financing-plan-version.sql';

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
              ${retainedPlanColumnSql('eu_cents', 'a.id')} AS "euCents",
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

  /**
   * A fingerprint of every row version `call` and `dossiers` read. Every insert or update gives a row a new
   * transaction id (`xmin`), never seen before; per table, the count of rows and the sum of a 64-bit hash of their
   * `xmin` therefore change as soon as a consensus, eligibility verdict, instruction report, plan version, committee
   * decision, closure, status, or the call's grid and envelope changes (a deleted row changes the count). Plan versions
   * are taken all, not only the retained one: a superset only costs a spurious recomputation. A false equality would
   * need the hash sums to collide (2⁻⁶⁴). Row versions rather than timestamps: no write path has to remember to bump
   * anything. It is checked on every request by the answer cache (RankingCache), and costs a fraction of reading the
   * rows: one aggregate row instead of thousands of rows with their scores.
   */
  async fingerprint(callId: string, em?: EntityManager): Promise<string> {
    const rows: { fingerprint: string }[] = await (em ?? this.dataSource).query(
      `SELECT concat_ws('/',
         (SELECT concat(c.xmin, ':', c.ctid) FROM call c WHERE c.id = $1),
         (SELECT concat(count(*), ':', sum(${h('d', 1)} + ${h('a', 2)})) FROM committee_decision d JOIN application a ON a.id = d.application_id WHERE a.call_id = $1),
         (SELECT concat(count(*), ':', sum(${h('oc', 3)})) FROM operation_closure oc WHERE oc.call_id = $1),
         (SELECT concat(count(*), ':', sum(${h('a', 4)} + ${h('er', 5)} + coalesce(${h('ir', 6)}, 0) + coalesce(${h('ec', 7)}, 0)))
            FROM application a
            JOIN eligibility_report er ON er.application_id = a.id AND er.verdict IS NOT NULL
            LEFT JOIN instruction_report ir ON ir.application_id = a.id
            LEFT JOIN evaluation_consensus ec ON ec.application_id = a.id
           WHERE a.call_id = $1 AND a.status IN ('INSTRUCTED', 'UNDER_EVALUATION')),
         (SELECT concat(count(*), ':', sum(${h('f', 8)}))
            FROM financing_plan_version f JOIN application a ON a.id = f.application_id
           WHERE a.call_id = $1 AND a.status IN ('INSTRUCTED', 'UNDER_EVALUATION'))) AS fingerprint`,
      [callId],
    );
    return first(rows, 'the ranking fingerprint').fingerprint;
  }
}

/**
 * The hash of a row version's transaction id, one seed per table, shifted to 60 bits so that adding the four hashes of
 * a row cannot overflow bigint; `sum()` of bigint is numeric in PostgreSQL, so the totals cannot overflow either.
 */
function h(alias: string, seed: number): string {
  return `(hashint8extended(${alias}.xmin::text::bigint, ${seed}) >> 4)`;
}
