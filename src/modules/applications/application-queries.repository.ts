import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { toCentsOrNull } from '../../common/money/cents';
import type { ApplicationStatus } from './domain/application-status';

export interface ApplicationSummaryRow {
  id: string;
  number: string | null;
  status: ApplicationStatus;
  title: string | null;
  callId: string;
  callReference: string;
  callTitle: string;
  organisationId: string;
  organisationName: string;
  euRequestedCents: number | null;
  submittedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
  /** Keyset position: created_at with microseconds, then id. */
  cursorAt: string;
}

export interface ListFilter {
  limit: number;
  after: { at: string; id: string } | null;
  status?: ApplicationStatus;
  callId?: string;
}

const SUMMARY_COLUMNS = `a.id, a.number, a.status, a.title, a.call_id AS "callId", c.reference AS "callReference", c.title AS "callTitle",
  a.organisation_id AS "organisationId", o.legal_name AS "organisationName", a.eu_requested_cents AS "euRequestedCents",
  a.submitted_at AS "submittedAt", a.created_at AS "createdAt", a.updated_at AS "updatedAt", a.version,
  to_char(a.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "cursorAt"`;

export interface OpenCallRow {
  id: string;
  reference: string;
  title: string;
  opensAt: Date;
  closesAt: Date;
}

/** Read-side queries: lists with keyset pagination, open calls, the user's organisations. */
@Injectable()
export class ApplicationQueriesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Dossiers of the organisations `userId` belongs to, every status, newest first. */
  async listForMember(userId: string, f: ListFilter): Promise<ApplicationSummaryRow[]> {
    return this.list(`a.organisation_id IN (SELECT organisation_id FROM organisation_member WHERE user_id = $1)`, [userId], f);
  }

  /** Every dossier staff may see: submitted ones, never drafts. */
  async listForStaff(f: ListFilter): Promise<ApplicationSummaryRow[]> {
    return this.list(`a.submitted_at IS NOT NULL`, [], f);
  }

  async openCalls(now: Date): Promise<OpenCallRow[]> {
    return this.dataSource.query(
      `SELECT id, reference, title, opens_at AS "opensAt", closes_at AS "closesAt" FROM call
        WHERE status = 'PUBLISHED' AND published_version IS NOT NULL AND closes_at > $1 AND (opens_at <= $1 OR drafts_before_opening)
        ORDER BY closes_at, reference LIMIT 50`,
      [now],
    );
  }

  async organisationsOf(userId: string): Promise<{ id: string; legalName: string; siret: string }[]> {
    return this.dataSource.query(
      `SELECT o.id, o.legal_name AS "legalName", o.siret FROM organisation_member m JOIN organisation o ON o.id = m.organisation_id
        WHERE m.user_id = $1 ORDER BY o.legal_name`,
      [userId],
    );
  }

  private async list(where: string, params: unknown[], f: ListFilter): Promise<ApplicationSummaryRow[]> {
    const conditions = [where];
    const values = [...params];
    const param = (v: unknown) => {
      values.push(v);
      return `$${values.length}`;
    };
    if (f.status) conditions.push(`a.status = ${param(f.status)}`);
    if (f.callId) conditions.push(`a.call_id = ${param(f.callId)}`);
    if (f.after) conditions.push(`(a.created_at, a.id) < (${param(f.after.at)}::timestamptz, ${param(f.after.id)}::uuid)`);
    const rows: (Omit<ApplicationSummaryRow, 'euRequestedCents'> & { euRequestedCents: string | null })[] = await this.dataSource.query(
      `SELECT ${SUMMARY_COLUMNS} FROM application a JOIN call c ON c.id = a.call_id JOIN organisation o ON o.id = a.organisation_id
        WHERE ${conditions.join(' AND ')} ORDER BY a.created_at DESC, a.id DESC LIMIT ${param(f.limit)}`,
      values,
    );
    return rows.map((r) => ({ ...r, euRequestedCents: toCentsOrNull(r.euRequestedCents) }));
  }
}
