import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor/actor';
import { AuditService } from '../../common/audit/audit.service';
import { DomainError } from '../../common/errors/domain-error';
import { staleVersion, versionFromIfMatch } from '../../common/http/etag';
import type { AuthUser } from '../auth/auth-context';
import { callNotFound, dossierNotFound, isInstructionStaff } from './instruction-access';
import { InstructionRepository } from './instruction.repository';

export interface InstructionState {
  id: string;
  instructorId: string | null;
  labels: string[];
  version: number;
}

const notAnInstructor = (): DomainError =>
  new DomainError('BUSINESS_RULE_VIOLATED', "La personne choisie n'a pas le rôle d'instructeur.", {
    errors: [{ path: 'instructorId', code: 'NOT_AN_INSTRUCTOR', message: "Choisissez un compte actif ayant le rôle d'instructeur." }],
  });

/** Assigning dossiers to an instructor, one (with If-Match) or many of a call at once (all or nothing). */
@Injectable()
export class AssignInstructorUseCase {
  constructor(
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
    private readonly repo: InstructionRepository,
  ) {}

  async assign(user: AuthUser, actor: Actor, id: string, ifMatch: string | string[] | undefined, instructorId: string | null): Promise<InstructionState> {
    if (!isInstructionStaff(user)) throw dossierNotFound();
    const version = versionFromIfMatch(ifMatch);
    return this.dataSource.transaction(async (em) => {
      const row = await this.repo.findHeader(id, em, true);
      if (!row || row.submittedAt === null) throw dossierNotFound();
      if (row.version !== version) throw staleVersion('Le dossier');
      await this.checkInstructor(em, instructorId);
      const newVersion = await this.repo.setInstructor(em, id, version, instructorId);
      if (newVersion === null) throw staleVersion('Le dossier');
      await this.record(em, actor, id, row.instructorId, instructorId);
      return { id, instructorId, labels: row.labels, version: newVersion };
    });
  }

  /** Every id must be a submitted dossier of the call, otherwise nothing is assigned (404 with the offending paths). */
  async assignMany(
    user: AuthUser,
    actor: Actor,
    callId: string,
    ids: string[],
    instructorId: string | null,
  ): Promise<{ assigned: number; items: { id: string; version: number }[] }> {
    if (!isInstructionStaff(user)) throw callNotFound();
    if (!(await this.repo.findCall(callId))) throw callNotFound();
    const wanted = ids.map((id) => id.toLowerCase());
    return this.dataSource.transaction(async (em) => {
      await this.checkInstructor(em, instructorId);
      const rows = await this.repo.lockSubmittedOfCall(em, callId, wanted);
      const found = new Map(rows.map((r) => [r.id, r]));
      const missing = wanted.flatMap((id, i) =>
        found.has(id) ? [] : [{ path: `applicationIds[${i}]`, code: 'NOT_FOUND', message: "Ce dossier n'existe pas dans cet appel." }],
      );
      if (missing.length)
        throw new DomainError('NOT_FOUND', "Certains dossiers n'existent pas dans cet appel : aucune affectation n'a été faite.", { errors: missing });
      const items: { id: string; version: number }[] = [];
      for (const id of wanted) items.push({ id, version: (await this.repo.setInstructor(em, id, null, instructorId))! });
      // Audit rows last, one per dossier (the chain lock is taken by the first).
      for (const id of wanted) await this.record(em, actor, id, found.get(id)!.instructorId, instructorId);
      return { assigned: items.length, items };
    });
  }

  private async checkInstructor(em: EntityManager, instructorId: string | null): Promise<void> {
    if (instructorId !== null && !(await this.repo.isActiveInstructor(instructorId, em))) throw notAnInstructor();
  }

  private record(em: EntityManager, actor: Actor, id: string, before: string | null, after: string | null): Promise<void> {
    return this.audit.record(em, actor, {
      action: 'application.instructor_assigned',
      subjectType: 'application',
      subjectId: id,
      before: { instructorId: before },
      after: { instructorId: after },
    });
  }
}
