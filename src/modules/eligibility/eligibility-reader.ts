import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type EligibilityReportRow, EligibilityRepository, type InstructedDossier } from './eligibility.repository';

export type { EligibilityReportRow, InstructedDossier };

/** What the instruction report reads of eligibility: the submitted dossier and its eligibility report. */
@Injectable()
export class EligibilityReader {
  constructor(private readonly repo: EligibilityRepository) {}

  findSubmittedDossier(id: string, em?: EntityManager, lock = false): Promise<InstructedDossier | null> {
    return this.repo.findSubmittedDossier(id, em, lock);
  }

  findReport(applicationId: string, em?: EntityManager, lock = false): Promise<EligibilityReportRow | null> {
    return this.repo.findReport(applicationId, em, lock);
  }
}
