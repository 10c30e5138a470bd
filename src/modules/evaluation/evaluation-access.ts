import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainError } from '../../common/errors/domain-error';
import type { AuthUser } from '../auth/auth-context';
import type { Role } from '../auth/roles';
import { callGridOf, type CallGrid } from './domain/call-grid';
import { conflictState, isConflicted } from './domain/conflict-rules';
import { PanelRepository, type AssignmentRow, type CallRow, type DossierRow } from './panel.repository';

/** Staff who manage panels and see every evaluation (docs/domain/evaluation.md). */
export const PANEL_MANAGERS: Role[] = ['PROGRAMME_MANAGER', 'ADMINISTRATOR'];
/** Staff who may read evaluations, summaries and the ranking. */
export const EVALUATION_READERS: Role[] = ['PROGRAMME_MANAGER', 'MANAGING_AUTHORITY', 'ADMINISTRATOR'];

export const dossierNotFound = (): DomainError => new DomainError('NOT_FOUND', "Ce dossier n'existe pas ou ne vous est pas accessible.");
export const callNotFound = (): DomainError => new DomainError('NOT_FOUND', "Cet appel à projets n'existe pas ou ne vous est pas accessible.");

export const hasAny = (user: AuthUser, roles: readonly Role[]): boolean => user.roles.some((r) => roles.includes(r));

export const stateOf = (a: AssignmentRow) =>
  conflictState({ declaredConflict: a.declaredConflict, automaticReason: a.automaticReason, waived: a.waivedBy !== null });

/** A declared or automatic conflict not waived, declared yet or not: such an evaluation counts in no aggregate. */
export const conflictedOf = (a: AssignmentRow): boolean =>
  isConflicted({ declaredConflict: a.declaredConflict, automaticReason: a.automaticReason, waived: a.waivedBy !== null });

export interface DossierContext {
  dossier: DossierRow;
  call: CallRow;
  grid: CallGrid;
}

/**
 * Object-level rules of the evaluation routes: anything denied is a 404, as if the dossier did not exist.
 * An evaluator sees a dossier only when assigned, declared and not conflicted (or waived).
 */
@Injectable()
export class EvaluationAccess {
  constructor(private readonly panel: PanelRepository) {}

  /** The caller's own assignment, declared or not (the declaration step needs it). */
  async ownAssignment(user: AuthUser, applicationId: string, em?: EntityManager, lock = false): Promise<AssignmentRow & DossierContext> {
    const assignment = await this.panel.assignment(applicationId, user.id, em, lock);
    if (!assignment) throw dossierNotFound();
    return { ...assignment, ...(await this.context(applicationId, em)) };
  }

  /** The caller's own sheet, only when declared and clear of conflict. */
  async ownSheet(user: AuthUser, applicationId: string, em?: EntityManager, lock = false): Promise<AssignmentRow & DossierContext> {
    const sheet = await this.ownAssignment(user, applicationId, em, lock);
    if (stateOf(sheet) !== 'CLEAR') throw dossierNotFound();
    return sheet;
  }

  /**
   * Who may see every evaluation of a dossier: reading staff; the chair of the call's panel unless conflicted on it;
   * an assigned evaluator (the rapporteur included) clear of conflict once their own sheet is submitted.
   */
  async forPanelView(
    user: AuthUser,
    applicationId: string,
    em?: EntityManager,
  ): Promise<DossierContext & { assignments: AssignmentRow[]; own: AssignmentRow | null }> {
    const ctx = await this.context(applicationId, em);
    const assignments = await this.panel.assignmentsOfDossier(applicationId, em);
    const own = assignments.find((a) => a.evaluatorId === user.id) ?? null;
    if (hasAny(user, EVALUATION_READERS)) return { ...ctx, assignments, own };
    if (!user.roles.includes('EVALUATOR')) throw dossierNotFound();
    if (own) {
      if (stateOf(own) === 'CLEAR' && own.status === 'SUBMITTED') return { ...ctx, assignments, own };
      throw dossierNotFound();
    }
    if ((await this.panel.memberRole(ctx.call.id, user.id, em)) === 'CHAIR') return { ...ctx, assignments, own };
    throw dossierNotFound();
  }

  /** The ranking: reading staff or the chair of the call's panel. */
  async forRanking(user: AuthUser, callId: string): Promise<CallRow> {
    const call = await this.panel.findCall(callId);
    if (!call) throw callNotFound();
    if (hasAny(user, EVALUATION_READERS)) return call;
    if (user.roles.includes('EVALUATOR') && (await this.panel.memberRole(callId, user.id)) === 'CHAIR') return call;
    throw callNotFound();
  }

  async context(applicationId: string, em?: EntityManager, lock = false): Promise<DossierContext> {
    const dossier = await this.panel.findDossier(applicationId, em, lock);
    if (!dossier) throw dossierNotFound();
    const call = await this.panel.findCall(dossier.callId, em);
    const grid = callGridOf(call?.grid);
    if (!call || !grid) throw dossierNotFound();
    return { dossier, call, grid };
  }
}
