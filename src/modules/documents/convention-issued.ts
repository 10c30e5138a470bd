import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { systemActor } from '../../common/actor/actor';
import { ApplicationLifecycle } from '../applications/lifecycle/application-lifecycle';

/**
 * A programmed dossier becomes CONVENTION_ISSUED when its convention attributive (CPR art. 73(3)) exists: run in the
 * transaction that marks the convention READY, so the status never says "issued" without the file, nor the reverse.
 * A later convention version (an amendment) finds the dossier already issued and changes nothing.
 */
@Injectable()
export class ConventionIssued {
  constructor(private readonly lifecycle: ApplicationLifecycle) {}

  async onConventionReady(em: EntityManager, applicationId: string, documentId: string, version: number, jobId: string): Promise<void> {
    const app = await this.lifecycle.current(em, applicationId);
    if (!app || app.status !== 'PROGRAMMED') return;
    await this.lifecycle.transition(em, {
      id: applicationId,
      from: 'PROGRAMMED',
      to: 'CONVENTION_ISSUED',
      actor: systemActor(jobId),
      reason: `Convention attributive émise (version ${version})`,
      audit: { action: 'application.convention_issued', before: { version: app.version }, after: { documentId, conventionVersion: version } },
    });
  }
}
