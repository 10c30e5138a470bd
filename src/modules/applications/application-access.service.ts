import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainError } from '../../common/errors/domain-error';
import type { AuthUser } from '../auth/auth-context';
import { STAFF_ROLES } from '../auth/roles';
import type { ApplicationRow } from './application-rows';
import { APPLICATION_STATUS_LABELS } from './domain/application-status';
import { parisDate } from './domain/application-number';
import { assertComplementEditable, type EditTarget } from './domain/complements';
import { ApplicationsRepository } from './applications.repository';

export const notFound = (): DomainError => new DomainError('NOT_FOUND', "Ce dossier n'existe pas ou ne vous est pas accessible.");

/**
 * Object-level authorisation of dossiers (docs/api.md, ASVS 8.2.2): members of the owning organisation read and
 * edit; staff read dossiers once submitted, never drafts (nor drafts withdrawn before submission). Anything else is
 * a 404, as if the dossier did not exist.
 */
@Injectable()
export class ApplicationAccess {
  constructor(private readonly applications: ApplicationsRepository) {}

  async forRead(user: AuthUser, id: string, em?: EntityManager): Promise<ApplicationRow> {
    const found = await this.applications.findWithMembership(id, user.id, em);
    if (!found) throw notFound();
    const { row, member } = found;
    if (member) return row;
    // Evaluators see only the dossiers assigned to them, once declared free of conflict (docs/domain/evaluation.md: /api/v1/evaluations).
    if (row.submittedAt !== null && user.roles.some((r) => STAFF_ROLES.includes(r) && r !== 'EVALUATOR')) return row;
    throw notFound();
  }

  /** A member's dossier, optionally locked (`FOR UPDATE`) in the caller's transaction. */
  async forMember(user: AuthUser, id: string, em?: EntityManager, lock = false): Promise<ApplicationRow> {
    const found = await this.applications.findWithMembership(id, user.id, em, lock);
    if (!found?.member) throw notFound();
    return found.row;
  }

  /**
   * A member's draft, or an INCOMPLETE dossier when `target` is one of the parts flagged by the request for
   * complements and its due date has not passed (docs/domain/admissibility.md); anything else answers 409.
   */
  async forEdit(user: AuthUser, id: string, em?: EntityManager, lock = false, target?: EditTarget): Promise<ApplicationRow> {
    const row = await this.forMember(user, id, em, lock);
    if (row.status === 'INCOMPLETE' && target) {
      const request = await this.applications.complementRequest(id, em);
      if (request) {
        assertComplementEditable(request, target, parisDate(new Date()));
        return row;
      }
    }
    assertDraft(row);
    return row;
  }
}

export function assertDraft(row: Pick<ApplicationRow, 'status'>): void {
  if (row.status !== 'DRAFT') {
    throw new DomainError('APPLICATION_NOT_EDITABLE', `Le dossier est au statut « ${APPLICATION_STATUS_LABELS[row.status]} » : il ne peut plus être modifié.`, {
      currentStatus: row.status,
    });
  }
}
