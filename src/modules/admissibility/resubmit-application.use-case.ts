import { Injectable } from '@nestjs/common';
import { planVersionTotals } from '../applications/financing-plan-version.sql';
import { EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor/actor';
import { DomainError } from '../../common/errors/domain-error';
import { staleVersion } from '../../common/http/etag';
import type { AuthUser } from '../auth/auth-context';
import { ApplicationAccess } from '../applications/application-access.service';
import { contentOf } from '../applications/application-content';
import { ApplicationViews } from '../applications/application-view.service';
import { parisDate } from '../applications/domain/application-number';
import { APPLICATION_STATUS_LABELS } from '../applications/domain/application-status';
import { checkSubmission } from '../applications/domain/submission-checks';
import type { SubmitApplicationDto } from '../applications/dto/submit-application.dto';
import { idempotencyRequestHash, requireIdempotencyKey } from '../../common/idempotency/idempotency-key';
import { type IdempotencyClaim, IdempotencyService } from '../../common/idempotency/idempotency.service';
import { ApplicationLifecycle } from '../applications/lifecycle/application-lifecycle';
import { targetsInForce } from '../participants/indicator-targets.sql';
import { submissionSnapshot } from '../applications/submission-snapshot';
import type { SubmissionResult } from '../applications/submit-application.use-case';
import { AdmissibilityRepository } from './admissibility.repository';
import { complementsOpen } from '../applications/domain/complements';
import { diffSnapshots } from './domain/submission-diff';
import { frenchCalendarDate } from '../../common/fr';

/**
 * Resubmission after a request for complements (docs/domain/admissibility.md, lifecycle.md): INCOMPLETE → SUBMITTED before the due date, with
 * the submission checks rerun on the call version of the dossier (the deadline was judged at the first submission, so
 * a closed call does not block complements). Writes submission n+1 (the first snapshot stays untouched), a new
 * applicant plan version when the plan changed, the stored idempotent response, then INCOMPLETE → SUBMITTED through the
 * lifecycle (history and audit row last).
 */
@Injectable()
export class ResubmitApplicationUseCase {
  constructor(
    private readonly access: ApplicationAccess,
    private readonly idempotency: IdempotencyService,
    private readonly lifecycle: ApplicationLifecycle,
    private readonly repo: AdmissibilityRepository,
    private readonly views: ApplicationViews,
  ) {}

  async resubmit(user: AuthUser, actor: Actor, id: string, dto: SubmitApplicationDto, rawKey: string | string[] | undefined): Promise<SubmissionResult> {
    await this.access.forMember(user, id);
    const key = requireIdempotencyKey(rawKey);
    const requestHash = idempotencyRequestHash({ applicationId: id, attestation: dto.attestation, expectedVersion: dto.expectedVersion ?? null });
    return this.idempotency.execute(`${user.id}:applications.resubmit`, key, requestHash, (em, claim) => this.resubmitIn(em, user, actor, id, dto, claim));
  }

  private async resubmitIn(em: EntityManager, user: AuthUser, actor: Actor, id: string, dto: SubmitApplicationDto, claim: IdempotencyClaim): Promise<string> {
    const row = await this.access.forMember(user, id, em, true);
    if (row.status !== 'INCOMPLETE') {
      throw new DomainError(
        'INVALID_STATUS_TRANSITION',
        `Seul un dossier incomplet peut être redéposé ; celui-ci est au statut « ${APPLICATION_STATUS_LABELS[row.status]} ».`,
        {
          from: row.status,
          to: 'SUBMITTED',
        },
      );
    }
    if (dto.expectedVersion !== undefined && dto.expectedVersion !== row.version) throw staleVersion('Le dossier');
    const now = new Date();
    const request = await this.repo.latestReview(id, em);
    if (request?.dueDate && !complementsOpen({ dueDate: request.dueDate }, parisDate(now))) {
      throw new DomainError(
        'COMPLEMENTS_OVERDUE',
        `Le délai pour compléter le dossier a expiré le ${frenchCalendarDate(request.dueDate)} : il ne peut plus être redéposé.`,
        { dueDate: request.dueDate },
      );
    }

    const bundle = await this.views.bundle(row, em);
    const call = (await this.repo.callVersion(row.callId, row.callVersion, em))!;
    const checked = checkSubmission(contentOf(bundle), call, now);
    const errors = checked.errors.filter((e) => e.path !== 'call');
    if (errors.length > 0 || !checked.plan) {
      throw new DomainError('APPLICATION_INCOMPLETE', `Le dossier ne peut pas être redéposé : ${errors.length} point(s) à compléter ou corriger.`, { errors });
    }
    const plan = checked.plan;

    const submissions = await this.repo.submissions(id, em);
    const submissionNo = submissions.length + 1;
    // The declaration is not re-checked here (docs/domain/state-aid.md) but stays in every snapshot, so that the diff
    // between submissions shows a change of regime, never a declaration that vanished.
    const declared = await this.views.stateAidDeclaration(id, em);
    const snapshot = submissionSnapshot(
      declared ? { ...bundle, stateAid: declared } : bundle,
      plan,
      row.number!,
      now,
      row.callVersion,
      await targetsInForce(em, id),
    );
    await this.repo.insertSubmission(em, { applicationId: id, submissionNo, snapshot, submittedAt: now, submittedBy: user.id });

    const fp = snapshot.financingPlan;
    const retained = await this.repo.latestPlanVersion(id, em);
    const planHead = { costOption: fp.costOption, flatRateBp: fp.flatRateBp, lines: fp.lines, resources: fp.resources };
    let planVersionNo: number | null = null;
    if (
      !retained ||
      diffSnapshots(
        { plan: { costOption: retained.costOption, flatRateBp: retained.flatRateBp, lines: retained.lines, resources: retained.resources } },
        { plan: planHead },
      ).length > 0
    ) {
      planVersionNo = (retained?.versionNo ?? 0) + 1;
      await this.repo.insertPlanVersion(em, {
        applicationId: id,
        versionNo: planVersionNo,
        costOption: fp.costOption!,
        flatRateBp: fp.flatRateBp,
        lines: fp.lines,
        resources: fp.resources,
        totals: planVersionTotals(plan),
        rateBp: call.maxRateBp,
        reason: `Redépôt n° ${submissionNo} après demande de compléments`,
        createdBy: user.id,
      });
    }

    const version = row.version + 1; // the transition below bumps the locked row's version by exactly one (If-Match on it)
    const response = {
      id,
      number: row.number,
      status: 'SUBMITTED',
      submissionNo,
      submittedAt: now.toISOString(),
      version,
      planVersionNo,
      totalEligibleCents: plan.totalEligibleCostsCents,
      euRequestedCents: plan.requestedEsfPlusCents,
    };
    const body = await this.idempotency.complete(em, claim, 200, response);
    await this.lifecycle.transition(em, {
      id,
      from: 'INCOMPLETE',
      to: 'SUBMITTED',
      actor,
      reason: `Redépôt n° ${submissionNo}`,
      expectedVersion: row.version,
      audit: {
        action: 'application.resubmitted',
        before: { version: row.version },
        after: { submissionNo, planVersionNo, totalEligibleCents: plan.totalEligibleCostsCents, euRequestedCents: plan.requestedEsfPlusCents },
      },
    });
    return body;
  }
}
