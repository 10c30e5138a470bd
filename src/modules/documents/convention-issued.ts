import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { systemActor } from '../../common/actor/actor';
import { AuditService } from '../../common/audit/audit.service';
import type { ApplicationStatus } from '../applications/domain/application-status';
import { assertTransition } from '../applications/domain/application-status';
import { ApplicationsRepository } from '../applications/applications.repository';

/**
 * A programmed dossier becomes CONVENTION_ISSUED when its convention attributive (CPR art. 73(3)) exists: run in the
 * transaction that marks the convention READY, so the status never says "issued" without the file, nor the reverse.
 * A later convention version (an amendment) finds the dossier already issued and changes nothing.
 */
@Injectable()
export class ConventionIssued {
  constructor(
    private readonly applications: ApplicationsRepository,
    private readonly audit: AuditService,
  ) {}

  async onConventionReady(em: EntityManager, applicationId: string, documentId: string, version: number, jobId: string): Promise<void> {
    const app = await this.applications.findById(applicationId, em, true);
    if (!app || app.status !== 'PROGRAMMED') return;
    const to: ApplicationStatus = 'CONVENTION_ISSUED';
    assertTransition(app.status, to);
    const newVersion = await this.applications.changeStatus(em, applicationId, 'PROGRAMMED', to);
    if (newVersion === null) return;
    await this.applications.insertHistory(em, {
      applicationId,
      from: 'PROGRAMMED',
      to,
      actorUserId: null,
      reason: `Convention attributive émise (version ${version})`,
      version: newVersion,
    });
    await this.audit.record(em, systemActor(jobId), {
      action: 'application.convention_issued',
      subjectType: 'application',
      subjectId: applicationId,
      before: { status: 'PROGRAMMED', version: app.version },
      after: { status: to, version: newVersion, documentId, conventionVersion: version },
    });
  }
}
