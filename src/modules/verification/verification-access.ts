import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainError } from '../../common/errors/domain-error';
import type { AuthUser } from '../auth/auth-context';
import { FINANCE_STAFF } from '../auth/finance-staff';
import { OperationAccess, type OperationFacts } from '../operations/operation-access';
import { VerificationRepository, type VerificationRow } from './verification.repository';

export const verificationNotFound = (): DomainError => new DomainError('NOT_FOUND', "Cette vérification n'existe pas ou ne vous est pas accessible.");

/** Who reads a verification without acting on it: the managing authority (audit trail of management verifications). */
const VERIFICATION_READERS = [...FINANCE_STAFF, 'MANAGING_AUTHORITY'];
/** Staff who verify any dossier; an instructor verifies the dossiers assigned to them (or not yet assigned). */
const ANY_DOSSIER = ['PROGRAMME_MANAGER', 'ADMINISTRATOR'];

export interface VerificationContext {
  v: VerificationRow;
  app: OperationFacts;
}

/**
 * Object-level authorisation of verifications (a denial is a 404, like an unknown id). The beneficiary's members see a
 * verification once its corrections were sent to them (the work in progress is the instructor's), and answer it.
 */
@Injectable()
export class VerificationAccess {
  constructor(
    private readonly operations: OperationAccess,
    private readonly verifications: VerificationRepository,
  ) {}

  /** May `user` verify this dossier? (FINANCE_STAFF, and for an instructor: assigned to it, or nobody is.) */
  static verifies(user: AuthUser, app: Pick<OperationFacts, 'instructorId' | 'submitted'>, verificationInstructor: string | null = null): boolean {
    if (!app.submitted) return false;
    if (user.roles.some((r) => ANY_DOSSIER.includes(r))) return true;
    if (!user.roles.includes('INSTRUCTOR')) return false;
    const assigned = verificationInstructor ?? app.instructorId;
    return assigned === null || assigned === user.id;
  }

  private async load(user: AuthUser, id: string, em?: EntityManager, lock = false): Promise<VerificationContext> {
    const v = await this.verifications.find(id, em, lock);
    if (!v) throw verificationNotFound();
    const app = await this.operations.facts(user, v.applicationId, em);
    if (!app) throw verificationNotFound();
    return { v, app };
  }

  async forRead(user: AuthUser, id: string, em?: EntityManager): Promise<VerificationContext & { asVerifier: boolean }> {
    const ctx = await this.load(user, id, em);
    const asVerifier = VerificationAccess.verifies(user, ctx.app, ctx.v.instructorId);
    if (asVerifier || (ctx.app.submitted && user.roles.some((r) => VERIFICATION_READERS.includes(r)))) return { ...ctx, asVerifier };
    if (ctx.app.member && ctx.v.status !== 'IN_PROGRESS') return { ...ctx, asVerifier: false };
    throw verificationNotFound();
  }

  /** The verification row is locked when `em` is given. */
  async forVerifier(user: AuthUser, id: string, em?: EntityManager): Promise<VerificationContext> {
    const ctx = await this.load(user, id, em, !!em);
    if (!VerificationAccess.verifies(user, ctx.app, ctx.v.instructorId)) throw verificationNotFound();
    return ctx;
  }

  async forMember(user: AuthUser, id: string, em?: EntityManager): Promise<VerificationContext> {
    const ctx = await this.load(user, id, em, !!em);
    if (!ctx.app.member || ctx.v.status === 'IN_PROGRESS') throw verificationNotFound();
    return ctx;
  }
}
