import { decodeTimeIdCursor, encodeTimeIdCursor } from '../../common/http/time-id-cursor';
import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-context';
import { STAFF_ROLES } from '../auth/roles';
import { ApplicationQueriesRepository, type ApplicationSummaryRow } from './application-queries.repository';
import { APPLICATION_STATUS_LABELS } from './domain/application-status';
import { ListApplicationsQuery } from './dto/list-applications.query';

export interface ApplicationListPage {
  items: (Omit<ApplicationSummaryRow, 'cursorAt'> & { statusLabel: string })[];
  nextCursor: string | null;
}

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
      nextCursor: rows.length > limit && last ? encodeTimeIdCursor(last.cursorAt, last.id) : null,
    };
  }
}

function decodeCursor(cursor: string | undefined): { at: string; id: string } | null {
  return cursor ? decodeTimeIdCursor(cursor) : null;
}
