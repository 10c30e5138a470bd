import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-context';
import { APPLICATION_STATUS_LABELS, type ApplicationStatus } from '../applications/domain/application-status';
import { dossierNotFound, isInstructionStaff } from './instruction-access';
import { InstructionRepository } from './instruction.repository';

/** The context of `templates/views/instruction/_dossier-header.njk` (its `dossier`). */
export interface InstructionDossierHeader {
  id: string;
  number: string;
  title: string | null;
  status: ApplicationStatus;
  statusLabel: string;
  organisationName: string;
  callId: string;
  callReference: string;
  version: number;
}

/**
 * Loads a dossier's header for the instruction pages, with the staff access check: instruction staff only, and only
 * dossiers that were submitted (drafts do not exist for staff); anything else is a 404.
 */
@Injectable()
export class InstructionDossierQuery {
  constructor(private readonly repo: InstructionRepository) {}

  async load(user: AuthUser, id: string): Promise<InstructionDossierHeader> {
    if (!isInstructionStaff(user)) throw dossierNotFound();
    const row = await this.repo.findHeader(id);
    if (!row || row.submittedAt === null || row.number === null) throw dossierNotFound();
    return {
      id: row.id,
      number: row.number,
      title: row.title,
      status: row.status,
      statusLabel: APPLICATION_STATUS_LABELS[row.status],
      organisationName: row.organisationName,
      callId: row.callId,
      callReference: row.callReference,
      version: row.version,
    };
  }
}
