import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { IdentityChangeStatus } from './domain/legal-identity';
import type { LegalForm } from './domain/organisation-profile';
import { updatedRows } from './organisation-errors';
import { first } from '../../common/collections';

export interface LegalIdentity {
  siret: string | null;
  legalName: string | null;
  legalForm: LegalForm | null;
}

export interface IdentityChangeRow {
  id: string;
  organisationId: string;
  status: IdentityChangeStatus;
  siret: string | null;
  legalName: string | null;
  legalForm: LegalForm | null;
  reason: string;
  previous: LegalIdentity;
  requestedAt: Date;
  decidedAt: Date | null;
  decisionComment: string | null;
  version: number;
  /** requested_at to the microsecond (a Date keeps milliseconds): the keyset cursor. */
  requestedAtKey: string;
}

const SELECT = `r.id, r.organisation_id AS "organisationId", r.status, r.siret, r.legal_name AS "legalName", r.legal_form AS "legalForm",
  r.reason, r.previous, r.requested_at AS "requestedAt", r.decided_at AS "decidedAt", r.decision_comment AS "decisionComment", r.version,
  to_char(r.requested_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "requestedAtKey"`;

/** Requests to change a frozen legal identity (migration 1765010000001). */
@Injectable()
export class IdentityChangesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** True once the organisation has a submitted dossier (withdrawn ones included: their snapshot names it). */
  async identityFrozen(organisationId: string, em?: EntityManager): Promise<boolean> {
    const rows: unknown[] = await (em ?? this.dataSource).query(`SELECT 1 FROM application WHERE organisation_id = $1 AND submitted_at IS NOT NULL LIMIT 1`, [
      organisationId,
    ]);
    return rows.length > 0;
  }

  async insert(
    em: EntityManager,
    r: { organisationId: string; requested: LegalIdentity; reason: string; previous: LegalIdentity; requestedBy: string },
  ): Promise<IdentityChangeRow> {
    const rows: IdentityChangeRow[] = await em.query(
      `INSERT INTO organisation_identity_change AS r (organisation_id, siret, legal_name, legal_form, reason, previous, requested_by)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7) RETURNING ${SELECT}`,
      [r.organisationId, r.requested.siret, r.requested.legalName, r.requested.legalForm, r.reason, JSON.stringify(r.previous), r.requestedBy],
    );
    return first(rows, 'the inserted identity change');
  }

  async find(id: string, em?: EntityManager, lock = false): Promise<IdentityChangeRow | null> {
    const rows: IdentityChangeRow[] = await (em ?? this.dataSource).query(
      `SELECT ${SELECT} FROM organisation_identity_change r WHERE r.id = $1${lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0] ?? null;
  }

  async listForOrganisation(organisationId: string): Promise<IdentityChangeRow[]> {
    return this.dataSource.query(
      `SELECT ${SELECT} FROM organisation_identity_change r WHERE r.organisation_id = $1 ORDER BY r.requested_at DESC, r.id DESC LIMIT 100`,
      [organisationId],
    );
  }

  /** Oldest first (a queue to work through), keyset-paginated after (requestedAt, id). */
  async listByStatus(status: IdentityChangeStatus, limit: number, after: { at: string; id: string } | null): Promise<IdentityChangeRow[]> {
    return this.dataSource.query(
      `SELECT ${SELECT} FROM organisation_identity_change r
        WHERE r.status = $1 AND ($2::timestamptz IS NULL OR (r.requested_at, r.id) > ($2::timestamptz, $3::uuid))
        ORDER BY r.requested_at, r.id LIMIT $4`,
      [status, after?.at ?? null, after?.id ?? null, limit],
    );
  }

  /** Records the decision when the request is still PENDING at the expected version; null otherwise. */
  async decide(
    em: EntityManager,
    id: string,
    version: number,
    d: { status: 'APPROVED' | 'REFUSED'; decidedBy: string; comment: string | null },
  ): Promise<IdentityChangeRow | null> {
    const result: unknown = await em.query(
      `UPDATE organisation_identity_change AS r SET status = $3, decided_by = $4, decided_at = now(), decision_comment = $5, version = r.version + 1
        WHERE r.id = $1 AND r.version = $2 AND r.status = 'PENDING' RETURNING ${SELECT}`,
      [id, version, d.status, d.decidedBy, d.comment],
    );
    return updatedRows<IdentityChangeRow>(result)[0] ?? null;
  }
}
