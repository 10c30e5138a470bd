import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { parseSafeInteger } from '../../database/money.transformer';
import { first } from '../../common/collections';

type Runner = DataSource | EntityManager;

export interface ConventionVersion {
  id: string;
  version: number;
  sha256: string;
  readyAt: Date;
}

export interface CallExecutionSettings {
  signatureDeadlineDays: number;
  reallocationToleranceBp: number;
  indicatorCodes: string[];
  maxDurationMonths: number;
  eligibilityStart: string;
  eligibilityEnd: string;
  maxRateBp: number;
  costOptions: { option: string; rateBp: number }[];
  minEuCents: number;
  maxEuCents: number | null;
}

export interface OperationRow {
  applicationId: string;
  endDate: string;
  signatureDueDate: string;
  notifiedOn: string | null;
  renouncedAt: Date | null;
  renunciationReason: string | null;
  actualStartDate: string | null;
  firstExpensesDate: string | null;
  firstExpensesCents: number | null;
  startAttestedAt: Date | null;
  version: number;
}

export interface SignatureRow {
  id: string;
  documentId: string;
  documentVersion: number;
  documentSha256: string;
  party: 'BENEFICIARY' | 'BODY';
  signerUserId: string;
  signerName: string;
  signerTitle: string;
  signedAt: Date;
}

const OPERATION = `application_id AS "applicationId", end_date::text AS "endDate", signature_due_date::text AS "signatureDueDate",
  notified_on::text AS "notifiedOn", renounced_at AS "renouncedAt", renunciation_reason AS "renunciationReason",
  actual_start_date::text AS "actualStartDate", first_expenses_date::text AS "firstExpensesDate", first_expenses_cents AS "firstExpensesCents",
  start_attested_at AS "startAttestedAt", version`;

/** SQL of operations: the convention versions, signatures, the operation row and the call's execution settings. */
@Injectable()
export class OperationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  private run(em?: Runner): Runner {
    return em ?? this.dataSource;
  }

  /** The convention in force: its highest READY version (an amendment adds one). */
  async currentConvention(applicationId: string, em?: Runner): Promise<ConventionVersion | null> {
    const rows: ConventionVersion[] = await this.run(em).query(
      `SELECT id, version, sha256, ready_at AS "readyAt" FROM document
        WHERE subject_type = 'application' AND subject_id = $1 AND kind = 'CONVENTION' AND status = 'READY' ORDER BY version DESC LIMIT 1`,
      [applicationId],
    );
    return rows[0] ?? null;
  }

  /** The Paris calendar day the first convention was issued (the signature delay runs from it). */
  async conventionIssuedOn(applicationId: string, em?: Runner): Promise<string | null> {
    const [row]: { d: string | null }[] = await this.run(em).query(
      `SELECT (min(ready_at) AT TIME ZONE 'Europe/Paris')::date::text AS d FROM document
        WHERE subject_type = 'application' AND subject_id = $1 AND kind = 'CONVENTION' AND status = 'READY'`,
      [applicationId],
    );
    return row?.d ?? null;
  }

  async callSettings(callId: string, em?: Runner): Promise<CallExecutionSettings> {
    const r = first(
      await this.run(em).query<(Omit<CallExecutionSettings, 'minEuCents' | 'maxEuCents'> & { minEuCents: string; maxEuCents: string | null })[]>(
        `SELECT signature_deadline_days AS "signatureDeadlineDays", reallocation_tolerance_bp AS "reallocationToleranceBp", indicator_codes AS "indicatorCodes",
              max_duration_months AS "maxDurationMonths", eligibility_start::text AS "eligibilityStart", eligibility_end::text AS "eligibilityEnd",
              max_rate_bp AS "maxRateBp", cost_options AS "costOptions", min_eu_cents AS "minEuCents", max_eu_cents AS "maxEuCents"
         FROM call WHERE id = $1`,
        [callId],
      ),
      'the call query',
    );
    return { ...r, minEuCents: parseSafeInteger(r.minEuCents), maxEuCents: r.maxEuCents === null ? null : parseSafeInteger(r.maxEuCents) };
  }

  async operation(applicationId: string, em?: Runner): Promise<OperationRow | null> {
    const rows = await this.run(em).query<(Omit<OperationRow, 'firstExpensesCents'> & { firstExpensesCents: string | null })[]>(
      `SELECT ${OPERATION} FROM operation WHERE application_id = $1`,
      [applicationId],
    );
    return rows[0] ? { ...rows[0], firstExpensesCents: rows[0].firstExpensesCents === null ? null : parseSafeInteger(rows[0].firstExpensesCents) } : null;
  }

  /** Creates the operation row once (end date from the convention, signature due date); later calls find it. */
  async ensure(em: EntityManager, applicationId: string, endDate: string, signatureDueDate: string): Promise<void> {
    await em.query(`INSERT INTO operation (application_id, end_date, signature_due_date) VALUES ($1, $2, $3) ON CONFLICT (application_id) DO NOTHING`, [
      applicationId,
      endDate,
      signatureDueDate,
    ]);
  }

  async signatures(applicationId: string, em?: Runner): Promise<SignatureRow[]> {
    return this.run(em).query<SignatureRow[]>(
      `SELECT id, document_id AS "documentId", document_version AS "documentVersion", document_sha256 AS "documentSha256", party,
              signer_user_id AS "signerUserId", signer_name AS "signerName", signer_title AS "signerTitle", signed_at AS "signedAt"
         FROM convention_signature WHERE application_id = $1 ORDER BY signed_at, party`,
      [applicationId],
    );
  }

  async insertSignature(em: EntityManager, s: Omit<SignatureRow, 'id' | 'signedAt'> & { applicationId: string }): Promise<{ id: string; signedAt: Date }> {
    const row = first(
      await em.query<{ id: string; signedAt: Date }[]>(
        `INSERT INTO convention_signature (application_id, document_id, document_version, document_sha256, party, signer_user_id, signer_name, signer_title)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (document_id, party) DO NOTHING RETURNING id, signed_at AS "signedAt"`,
        [s.applicationId, s.documentId, s.documentVersion, s.documentSha256, s.party, s.signerUserId, s.signerName.trim(), s.signerTitle.trim()],
      ),
      'the inserted convention_signature row',
    );
    return row;
  }

  async markNotified(em: EntityManager, applicationId: string, on: string): Promise<void> {
    await em.query(`UPDATE operation SET notified_on = $2, version = version + 1 WHERE application_id = $1`, [applicationId, on]);
  }

  async markRenounced(em: EntityManager, applicationId: string, reason: string): Promise<void> {
    await em.query(`UPDATE operation SET renounced_at = now(), renunciation_reason = $2, version = version + 1 WHERE application_id = $1`, [
      applicationId,
      reason,
    ]);
  }

  async markStarted(
    em: EntityManager,
    applicationId: string,
    s: { actualStartDate: string; firstExpensesDate: string | null; firstExpensesCents: number | null; userId: string },
  ): Promise<void> {
    await em.query(
      `UPDATE operation SET actual_start_date = $2, first_expenses_date = $3, first_expenses_cents = $4, start_attested_by = $5, start_attested_at = now(), version = version + 1
        WHERE application_id = $1`,
      [applicationId, s.actualStartDate, s.firstExpensesDate, s.firstExpensesCents, s.userId],
    );
  }

  async setEndDate(em: EntityManager, applicationId: string, endDate: string): Promise<void> {
    await em.query(`UPDATE operation SET end_date = $2, version = version + 1 WHERE application_id = $1`, [applicationId, endDate]);
  }

  /** The EU amount programmed by the committee (the convention's), else the retained plan's. */
  async programmedEuCents(applicationId: string, em?: Runner): Promise<number> {
    const [r]: { eu: string | null }[] = await this.run(em).query(
      `SELECT coalesce(
         (SELECT eu_cents FROM committee_decision WHERE application_id = $1 AND outcome = 'FAVORABLE' ORDER BY decided_at DESC LIMIT 1),
         (SELECT eu_cents FROM financing_plan_version WHERE application_id = $1 ORDER BY version_no DESC LIMIT 1)) AS eu`,
      [applicationId],
    );
    return r?.eu === null || r?.eu === undefined ? 0 : parseSafeInteger(r.eu);
  }
}
