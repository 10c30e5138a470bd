import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { ApplicationRow, CallRow } from './application-rows';
import { ApplicationsRepository } from './applications.repository';

/**
 * What other modules may read of a dossier (docs/architecture.md, "Modules and their seams"): the application table
 * belongs to this module, so admissibility, committee and the others read it here and change its status only through
 * ApplicationLifecycle, never through the repository.
 */
@Injectable()
export class ApplicationReader {
  constructor(private readonly applications: ApplicationsRepository) {}

  /** The dossier row; `lock` takes a row lock in the caller's transaction before a guarded change. */
  findById(id: string, em?: EntityManager, lock = false): Promise<ApplicationRow | null> {
    return this.applications.findById(id, em, lock);
  }

  /** The call the dossier answers, as the dossier's checks read it. */
  findCall(callId: string, em?: EntityManager): Promise<CallRow | null> {
    return this.applications.findCall(callId, em);
  }

  /** The applicant organisation's identity as printed on the dossier's pages. */
  findOrganisation(id: string, em?: EntityManager): Promise<{ id: string; legalName: string; siret: string } | null> {
    return this.applications.findOrganisation(id, em);
  }
}
