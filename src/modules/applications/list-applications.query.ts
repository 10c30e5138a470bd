import { Injectable } from '@nestjs/common';
import { DomainError } from '../../common/errors/domain-error';
import type { AuthUser } from '../auth/auth-context';
import { STAFF_ROLES } from '../auth/roles';
import { ApplicationQueriesRepository, type ApplicationSummaryRow } from './application-queries.repository';
import { APPLICATION_STATUS_LABELS } from './domain/application-status';
import { ListApplicationsQuery } from './dto/list-applications.query';

export interface ApplicationListPage {
  items: (Omit<ApplicationSummaryRow, 'cursorAt'> & { statusLabel: string })[];
  nextCursor: string | null;
}

const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)\|([0-9a-f-]{36})$/;

/**
 * `GET /api/v1/applications`: with `mine`, or for a user without a staff role, the dossiers of the user's
 * organisations (drafts included); otherwise, for staff, every submitted dossier (never drafts). Keyset pagination on
 * (created_at, id), newest first.
 */
@Injectable()
export class ListApplicationsUseCase {
  constructor(private readonly queries: ApplicationQueriesRepository) {}

  async list(user: AuthUser, q: ListApplicationsQuery): Promise<ApplicationListPage> {
    const limit = q.limit ?? 20;
    const filter = { limit: limit + 1, after: decodeCursor(q.cursor), status: q.status, callId: q.callId };
    // Evaluators list their assigned dossiers through /api/v1/evaluations only (docs/domain/evaluation.md).
    const staff = user.roles.some((r) => STAFF_ROLES.includes(r) && r !== 'EVALUATOR');
    const mine = q.mine !== undefined && q.mine !== 'false';
    const rows = mine || !staff ? await this.queries.listForMember(user.id, filter) : await this.queries.listForStaff(filter);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(({ cursorAt: _c, ...r }) => ({ ...r, statusLabel: APPLICATION_STATUS_LABELS[r.status] })),
      nextCursor: rows.length > limit && last ? Buffer.from(`${last.cursorAt}|${last.id}`).toString('base64url') : null,
    };
  }
}

function decodeCursor(cursor: string | undefined): { at: string; id: string } | null {
  if (!cursor) return null;
  const m = CURSOR.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m) throw new DomainError('VALIDATION_FAILED', 'Curseur de pagination invalide.', { errors: [{ path: 'cursor', code: 'INVALID', message: 'Curseur invalide.' }] });
  return { at: m[1], id: m[2] };
}
