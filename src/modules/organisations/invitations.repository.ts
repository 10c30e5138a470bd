import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { updatedRows } from './organisation-errors';
import { first } from '../../common/collections';

export interface InvitationRow {
  id: string;
  organisationId: string;
  email: string;
  invitedBy: string;
  createdAt: Date;
  expiresAt: Date;
  acceptedAt: Date | null;
  acceptedBy: string | null;
  revokedAt: Date | null;
}

export interface InvitationWithOrganisation extends InvitationRow {
  legalName: string;
}

const SELECT = `i.id, i.organisation_id AS "organisationId", i.email, i.invited_by AS "invitedBy", i.created_at AS "createdAt",
  i.expires_at AS "expiresAt", i.accepted_at AS "acceptedAt", i.accepted_by AS "acceptedBy", i.revoked_at AS "revokedAt"`;

@Injectable()
export class InvitationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Closes (as revoked) an expired invitation still open for this address, so that the unique pending index
   * `organisation_invitation_pending_key` lets a new one in. Returns the ids closed.
   */
  async closeExpired(em: EntityManager, organisationId: string, email: string, now: Date): Promise<string[]> {
    const result: unknown = await em.query(
      `UPDATE organisation_invitation SET revoked_at = $3
        WHERE organisation_id = $1 AND email = $2 AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at <= $3
        RETURNING id`,
      [organisationId, email, now],
    );
    return updatedRows<{ id: string }>(result).map((r) => r.id);
  }

  async insert(
    em: EntityManager,
    i: { organisationId: string; email: string; tokenHash: string; invitedBy: string; createdAt: Date; expiresAt: Date },
  ): Promise<InvitationRow> {
    const rows: InvitationRow[] = await em.query(
      `INSERT INTO organisation_invitation AS i (organisation_id, email, token_hash, invited_by, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${SELECT}`,
      [i.organisationId, i.email, i.tokenHash, i.invitedBy, i.createdAt, i.expiresAt],
    );
    return first(rows, 'the inserted invitation');
  }

  /** Newest first; an organisation has a handful of invitations, so the list is capped rather than paginated. */
  async listForOrganisation(organisationId: string, limit = 100): Promise<InvitationRow[]> {
    return this.dataSource.query(`SELECT ${SELECT} FROM organisation_invitation i WHERE i.organisation_id = $1 ORDER BY i.created_at DESC, i.id LIMIT $2`, [
      organisationId,
      limit,
    ]);
  }

  /** Revokes an open invitation of this organisation; `null` when there is none (unknown, accepted or revoked). */
  async revoke(em: EntityManager, organisationId: string, invitationId: string): Promise<InvitationRow | null> {
    const result: unknown = await em.query(
      `UPDATE organisation_invitation AS i SET revoked_at = now()
        WHERE i.id = $1 AND i.organisation_id = $2 AND i.accepted_at IS NULL AND i.revoked_at IS NULL
        RETURNING ${SELECT}`,
      [invitationId, organisationId],
    );
    return updatedRows<InvitationRow>(result)[0] ?? null;
  }

  async findByTokenHash(tokenHash: string, em?: EntityManager, lock = false): Promise<InvitationWithOrganisation | null> {
    const rows: InvitationWithOrganisation[] = await (em ?? this.dataSource).query(
      `SELECT ${SELECT}, o.legal_name AS "legalName"
         FROM organisation_invitation i JOIN organisation o ON o.id = i.organisation_id
        WHERE i.token_hash = $1${lock ? ' FOR UPDATE OF i' : ''}`,
      [tokenHash],
    );
    return rows[0] ?? null;
  }

  async markAccepted(em: EntityManager, id: string, userId: string): Promise<void> {
    await em.query(`UPDATE organisation_invitation SET accepted_at = now(), accepted_by = $2 WHERE id = $1 AND accepted_at IS NULL AND revoked_at IS NULL`, [
      id,
      userId,
    ]);
  }
}
