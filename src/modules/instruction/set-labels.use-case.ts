import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../../common/actor/actor';
import { AuditService } from '../../common/audit/audit.service';
import { DomainError, type FieldError } from '../../common/errors/domain-error';
import { staleVersion, versionFromIfMatch } from '../../common/http/etag';
import type { AuthUser } from '../auth/auth-context';
import type { InstructionState } from './assign-instructor.use-case';
import { normaliseLabels } from './domain/labels';
import { dossierNotFound, isInstructionStaff } from './instruction-access';
import { InstructionRepository } from './instruction.repository';

/** `PUT /api/v1/applications/:id/labels`: replaces the instructor's labels of a dossier. */
@Injectable()
export class SetLabelsUseCase {
  constructor(
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
    private readonly repo: InstructionRepository,
  ) {}

  async set(user: AuthUser, actor: Actor, id: string, ifMatch: string | string[] | undefined, input: unknown[]): Promise<InstructionState> {
    if (!isInstructionStaff(user)) throw dossierNotFound();
    const errors: FieldError[] = [];
    const labels = normaliseLabels(input, 'labels', errors);
    if (errors.length) throw new DomainError('VALIDATION_FAILED', 'Les étiquettes sont invalides.', { errors });
    const version = versionFromIfMatch(ifMatch);
    return this.dataSource.transaction(async (em) => {
      const row = await this.repo.findHeader(id, em, true);
      if (!row || row.submittedAt === null) throw dossierNotFound();
      if (row.version !== version) throw staleVersion('Le dossier');
      const newVersion = await this.repo.setLabels(em, id, version, labels);
      if (newVersion === null) throw staleVersion('Le dossier');
      await this.audit.record(em, actor, {
        action: 'application.labels_changed',
        subjectType: 'application',
        subjectId: id,
        before: { labels: row.labels },
        after: { labels },
      });
      return { id, instructorId: row.instructorId, labels, version: newVersion };
    });
  }
}
