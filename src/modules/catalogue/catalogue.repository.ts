import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { catalogueByDepartementSql, cataloguePageSql, operationByNumberSql } from './catalogue.sql';
import { type CatalogueQuery } from './domain/catalogue-query';
import type { DepartementFigure } from './domain/departement-map';
import { type OperationRow } from './domain/published-operation';

export interface PublicationRow {
  applicationId: string;
  organisationId: string;
  number: string | null;
  title: string | null;
  status: string;
  publicContact: string | null;
  seeksPartners: boolean;
  version: number;
}

/** Read side of the public catalogue, and the beneficiary's publication choices. */
@Injectable()
export class CatalogueRepository {
  constructor(private readonly dataSource: DataSource) {}

  async page(query: CatalogueQuery): Promise<OperationRow[]> {
    const { sql, params } = cataloguePageSql(query);
    return this.dataSource.query(sql, params);
  }

  async byDepartement(query: CatalogueQuery): Promise<DepartementFigure[]> {
    const { sql, params } = catalogueByDepartementSql(query);
    const rows: { departement: string | null; operations: number; eu_cents: string }[] = await this.dataSource.query(sql, params);
    return rows
      .filter((r) => r.departement !== null)
      .map((r) => ({ departement: r.departement!, operations: Number(r.operations), euCents: Number(r.eu_cents) }));
  }

  async byNumber(number: string): Promise<OperationRow | null> {
    const { sql, params } = operationByNumberSql(number);
    const rows: OperationRow[] = await this.dataSource.query(sql, params);
    return rows[0] ?? null;
  }

  async filterCodes(): Promise<{ publics: string[]; types: string[] }> {
    const rows: { kind: string; code: string }[] = await this.dataSource.query(FILTER_CODES_SQL);
    return { publics: rows.filter((r) => r.kind === 'public').map((r) => r.code), types: rows.filter((r) => r.kind === 'type').map((r) => r.code) };
  }

  /** A dossier of an organisation the user belongs to, with its publication choices; null otherwise (answer 404). */
  async publicationForMember(userId: string, applicationId: string, em?: EntityManager, lock = false): Promise<PublicationRow | null> {
    const rows: PublicationRow[] = await (em ?? this.dataSource).query(
      `SELECT a.id AS "applicationId", a.organisation_id AS "organisationId", a.number, a.title, a.status,
              pub.public_contact AS "publicContact", coalesce(pub.seeks_partners, false) AS "seeksPartners", coalesce(pub.version, 0) AS version
         FROM application a
         JOIN organisation_member m ON m.organisation_id = a.organisation_id AND m.user_id = $2
         LEFT JOIN application_publication pub ON pub.application_id = a.id
        WHERE a.id = $1 ${lock ? 'FOR UPDATE OF a' : ''}`,
      [applicationId, userId],
    );
    return rows[0] ?? null;
  }

  /** Upserts the choices; `expectedVersion` 0 means none recorded yet. Returns the new version, or null when stale. */
  async savePublication(
    em: EntityManager,
    applicationId: string,
    userId: string,
    v: { publicContact: string | null; seeksPartners: boolean },
    expectedVersion: number,
  ): Promise<number | null> {
    const rows: { version: number }[] =
      expectedVersion === 0
        ? await em.query(
            `INSERT INTO application_publication (application_id, public_contact, seeks_partners, updated_by) VALUES ($1, $2, $3, $4)
             ON CONFLICT (application_id) DO NOTHING RETURNING version`,
            [applicationId, v.publicContact, v.seeksPartners, userId],
          )
        : await em.query(
            `UPDATE application_publication SET public_contact = $2, seeks_partners = $3, updated_by = $4, updated_at = now(), version = version + 1
              WHERE application_id = $1 AND version = $5 RETURNING version`,
            [applicationId, v.publicContact, v.seeksPartners, userId, expectedVersion],
          );
    return rows[0]?.version ?? null;
  }
}

/** Codes offered as filters: the target publics and operation types of every published call, plus the defaults. */
export const FILTER_CODES_SQL = `
  SELECT 'public' AS kind, v AS code FROM call, jsonb_array_elements_text(target_publics) v WHERE status <> 'DRAFT'
  UNION SELECT 'type', v FROM call, jsonb_array_elements_text(allowed_operation_types) v WHERE status <> 'DRAFT'`;
