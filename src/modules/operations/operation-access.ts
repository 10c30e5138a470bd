import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError } from '../../common/errors/domain-error';
import type { AuthUser } from '../auth/auth-context';
import type { ApplicationStatus } from '../applications/domain/application-status';

/** What the execution routes need to know about a dossier, for one user. */
export interface OperationFacts {
  id: string;
  number: string | null;
  title: string | null;
  status: ApplicationStatus;
  version: number;
  callId: string;
  organisationId: string;
  instructorId: string | null;
  startDate: string | null;
  endDate: string | null;
  submitted: boolean;
  member: boolean;
}

/** Staff who follow an operation (read its convention, reports, amendments): not evaluators, who see panels only. */
export const OPERATION_STAFF = ['INSTRUCTOR', 'PROGRAMME_MANAGER', 'MANAGING_AUTHORITY', 'ADMINISTRATOR'] as const;
/** Staff who decide on an operation (countersign, amendments, postponements). */
export const OPERATION_DECIDERS = ['INSTRUCTOR', 'PROGRAMME_MANAGER', 'ADMINISTRATOR'] as const;

export const notFound = (): DomainError => new DomainError('NOT_FOUND', "Cette opération n'existe pas ou ne vous est pas accessible.");

/**
 * Object-level authorisation of operations (a denied object is a 404). Members of the beneficiary organisation act;
 * operation staff read and decide; participants' personal data is narrower (members and the dossier's instructor).
 */
@Injectable()
export class OperationAccess {
  constructor(private readonly dataSource: DataSource) {}

  async facts(user: AuthUser, id: string, em?: EntityManager, lock = false): Promise<OperationFacts | null> {
    const rows: OperationFacts[] = await (em ?? this.dataSource).query(
      `SELECT a.id, a.number, a.title, a.status, a.version, a.call_id AS "callId", a.organisation_id AS "organisationId", a.instructor_id AS "instructorId",
              a.start_date::text AS "startDate", a.end_date::text AS "endDate", a.submitted_at IS NOT NULL AS submitted,
              EXISTS (SELECT 1 FROM organisation_member m WHERE m.organisation_id = a.organisation_id AND m.user_id = $1) AS member
         FROM application a WHERE a.id = $2 ${lock ? 'FOR UPDATE OF a' : ''}`,
      [user.id, id],
    );
    return rows[0] ?? null;
  }

  /** A member of the beneficiary organisation. */
  async forMember(user: AuthUser, id: string, em?: EntityManager, lock = false): Promise<OperationFacts> {
    const f = await this.facts(user, id, em, lock);
    if (!f || !f.member) throw notFound();
    return f;
  }

  /** A member, or operation staff once the dossier was submitted. */
  async forRead(user: AuthUser, id: string, em?: EntityManager): Promise<OperationFacts> {
    const f = await this.facts(user, id, em);
    if (f && (f.member || (f.submitted && isStaff(user, OPERATION_STAFF)))) return f;
    throw notFound();
  }

  async forDecider(user: AuthUser, id: string, em?: EntityManager, lock = false): Promise<OperationFacts> {
    const f = await this.facts(user, id, em, lock);
    if (f && f.submitted && isStaff(user, OPERATION_DECIDERS)) return f;
    throw notFound();
  }

  /**
   * Participants' personal data (GDPR art. 5(1)(c), ESF+ Annex I): the beneficiary's members and the dossier's
   * assigned instructor, nobody else. Others get the pseudonymous counts through the reports.
   */
  async forParticipants(user: AuthUser, id: string, em?: EntityManager, lock = false): Promise<OperationFacts> {
    const f = await this.facts(user, id, em, lock);
    if (f && (f.member || (f.submitted && f.instructorId === user.id && user.roles.includes('INSTRUCTOR')))) return f;
    throw notFound();
  }
}

export function isStaff(user: AuthUser, roles: readonly string[]): boolean {
  return user.roles.some((r) => roles.includes(r));
}
