import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AdvanceCategory, LegalForm, MemberRole } from './domain/organisation-profile';
import { updatedRows } from './organisation-errors';
import { first } from '../../common/collections';

export interface OrganisationFields {
  siret: string;
  legalName: string;
  legalForm: LegalForm;
  essStatus: boolean;
  vatRecovery: boolean;
  advanceCategory: AdvanceCategory;
  addressLine: string;
  postalCode: string;
  city: string;
  departement: string;
}

export interface OrganisationRow extends OrganisationFields {
  id: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface MemberRow {
  userId: string;
  displayName: string;
  email: string;
  memberRole: MemberRole;
  joinedAt: Date;
}

/** API field → column; the only columns an update may touch. */
const COLUMNS: Record<keyof OrganisationFields, string> = {
  siret: 'siret',
  legalName: 'legal_name',
  legalForm: 'legal_form',
  essStatus: 'ess_status',
  vatRecovery: 'vat_recovery',
  advanceCategory: 'advance_category',
  addressLine: 'address_line',
  postalCode: 'postal_code',
  city: 'city',
  departement: 'departement',
};

const SELECT = `o.id, o.siret, o.legal_name AS "legalName", o.legal_form AS "legalForm", o.ess_status AS "essStatus",
  o.vat_recovery AS "vatRecovery", o.advance_category AS "advanceCategory", o.address_line AS "addressLine",
  o.postal_code AS "postalCode", o.city, o.departement, o.version, o.created_at AS "createdAt", o.updated_at AS "updatedAt"`;

@Injectable()
export class OrganisationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(em: EntityManager, f: OrganisationFields): Promise<OrganisationRow> {
    const keys = Object.keys(COLUMNS) as (keyof OrganisationFields)[];
    const rows: OrganisationRow[] = await em.query(
      `INSERT INTO organisation AS o (${keys.map((k) => COLUMNS[k]).join(', ')}) VALUES (${keys.map((_, i) => `$${i + 1}`).join(', ')})
       RETURNING ${SELECT}`,
      keys.map((k) => f[k]),
    );
    return first(rows, 'the inserted organisation');
  }

  async insertMember(em: EntityManager, organisationId: string, userId: string, role: MemberRole): Promise<boolean> {
    const rows: unknown[] = await em.query(
      `INSERT INTO organisation_member (organisation_id, user_id, member_role) VALUES ($1, $2, $3)
       ON CONFLICT (organisation_id, user_id) DO NOTHING RETURNING user_id`,
      [organisationId, userId, role],
    );
    return rows.length === 1;
  }

  /**
   * The organisation, the user's role in it (null when not a member) and whether one of its dossiers is assigned to
   * the user as an evaluator; `lock` for an update in `em`.
   */
  async findWithMembership(
    id: string,
    userId: string,
    em?: EntityManager,
    lock = false,
  ): Promise<(OrganisationRow & { memberRole: MemberRole | null; assignedToEvaluator: boolean }) | null> {
    const rows: (OrganisationRow & { memberRole: MemberRole | null; assignedToEvaluator: boolean })[] = await (em ?? this.dataSource).query(
      `SELECT ${SELECT}, m.member_role AS "memberRole",
              EXISTS (SELECT 1 FROM evaluation_assignment ea JOIN application a ON a.id = ea.application_id
                       WHERE a.organisation_id = o.id AND ea.evaluator_id = $2) AS "assignedToEvaluator"
         FROM organisation o LEFT JOIN organisation_member m ON m.organisation_id = o.id AND m.user_id = $2
        WHERE o.id = $1${lock ? ' FOR UPDATE OF o' : ''}`,
      [id, userId],
    );
    return rows[0] ?? null;
  }

  /** The user's organisations by legal name, keyset-paginated after (legalName, id). */
  async listForMember(
    userId: string,
    limit: number,
    after: { legalName: string; id: string } | null,
  ): Promise<(OrganisationRow & { memberRole: MemberRole })[]> {
    return this.dataSource.query(
      `SELECT ${SELECT}, m.member_role AS "memberRole"
         FROM organisation_member m JOIN organisation o ON o.id = m.organisation_id
        WHERE m.user_id = $1 AND ($2::text IS NULL OR (o.legal_name, o.id) > ($2::text, $3::uuid))
        ORDER BY o.legal_name, o.id
        LIMIT $4`,
      [userId, after?.legalName ?? null, after?.id ?? null, limit],
    );
  }

  /** Optimistic update: `null` when the version moved on (or the row is gone). */
  async update(em: EntityManager, id: string, version: number, changes: Partial<OrganisationFields>): Promise<OrganisationRow | null> {
    const keys = (Object.keys(changes) as (keyof OrganisationFields)[]).filter((k) => k in COLUMNS && changes[k] !== undefined);
    const sets = keys.map((k, i) => `${COLUMNS[k]} = $${i + 3}`);
    const result: unknown = await em.query(
      `UPDATE organisation AS o SET ${[...sets, 'version = o.version + 1', 'updated_at = now()'].join(', ')}
        WHERE o.id = $1 AND o.version = $2 RETURNING ${SELECT}`,
      [id, version, ...keys.map((k) => changes[k])],
    );
    return updatedRows<OrganisationRow>(result)[0] ?? null;
  }

  async deleteMember(em: EntityManager, organisationId: string, userId: string): Promise<void> {
    await em.query(`DELETE FROM organisation_member WHERE organisation_id = $1 AND user_id = $2`, [organisationId, userId]);
  }

  async listMembers(organisationId: string, em?: EntityManager): Promise<MemberRow[]> {
    return (em ?? this.dataSource).query(
      `SELECT u.id AS "userId", u.display_name AS "displayName", u.email, m.member_role AS "memberRole", m.created_at AS "joinedAt"
         FROM organisation_member m JOIN app_user u ON u.id = m.user_id
        WHERE m.organisation_id = $1
        ORDER BY m.member_role = 'OWNER' DESC, u.display_name, u.id`,
      [organisationId],
    );
  }

  async isMemberByEmail(organisationId: string, email: string, em?: EntityManager): Promise<boolean> {
    const rows: unknown[] = await (em ?? this.dataSource).query(
      `SELECT 1 FROM organisation_member m JOIN app_user u ON u.id = m.user_id WHERE m.organisation_id = $1 AND u.email = $2`,
      [organisationId, email],
    );
    return rows.length > 0;
  }
}
