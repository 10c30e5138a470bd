import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor/actor';
import { DomainError } from '../../common/errors/domain-error';
import { OutboxRelay } from '../../common/outbox/outbox.relay';
import type { AuthUser } from '../auth/auth-context';
import { ApplicationAccess } from './application-access.service';
import { contentOf } from './application-content';
import { ApplicationViews } from './application-view.service';
import { parisYear } from './domain/application-number';
import { assertTransition } from './domain/application-status';
import { checkSubmission } from './domain/submission-checks';
import { SubmitApplicationDto } from './dto/submit-application.dto';
import { ApplicationsRepository } from './applications.repository';
import { idempotencyRequestHash, requireIdempotencyKey } from '../../common/idempotency/idempotency-key';
import { type IdempotencyClaim, IdempotencyService } from '../../common/idempotency/idempotency.service';
import { ApplicationLifecycle } from './lifecycle/application-lifecycle';
import { staleVersion } from '../../common/http/etag';
import { targetsInForce } from '../participants/indicator-targets.sql';
import { submissionSnapshot } from './submission-snapshot';

export interface SubmissionResult {
  status: number;
  /** The exact response text; identical on every replay of the same Idempotency-Key. */
  body: string;
  replayed: boolean;
}

/**
 * Submission (docs/domain/admissibility.md, lifecycle.md). Checks every rule and answers 422 with the full list when
 * anything is missing, having changed nothing. Otherwise, in one transaction: the first plan version, then DRAFT →
 * SUBMITTED through the lifecycle (history, the receipt and status mail requested by listeners, then one statement
 * taking the year's next gapless number and writing the numbered snapshot, submission row, stored idempotent answer and
 * audit row); the outbox relay is kicked after commit.
 */
@Injectable()
export class SubmitApplicationUseCase {
  constructor(
    private readonly access: ApplicationAccess,
    private readonly applications: ApplicationsRepository,
    private readonly idempotency: IdempotencyService,
    private readonly lifecycle: ApplicationLifecycle,
    private readonly relay: OutboxRelay,
    private readonly views: ApplicationViews,
  ) {}

  async submit(user: AuthUser, actor: Actor, id: string, dto: SubmitApplicationDto, rawKey: string | string[] | undefined): Promise<SubmissionResult> {
    await this.access.forMember(user, id);
    const key = requireIdempotencyKey(rawKey);
    const requestHash = idempotencyRequestHash({ applicationId: id, attestation: dto.attestation, expectedVersion: dto.expectedVersion ?? null });
    const outcome = await this.idempotency.execute(`${user.id}:applications.submit`, key, requestHash, (em, claim) =>
      this.submitIn(em, user, actor, id, dto, claim),
    );
    if (!outcome.replayed) this.relay.kick();
    return outcome;
  }

  private async submitIn(em: EntityManager, user: AuthUser, actor: Actor, id: string, dto: SubmitApplicationDto, claim: IdempotencyClaim): Promise<string> {
    // The row lock queues concurrent submissions of the same dossier: the second one then finds it SUBMITTED (409).
    const row = await this.access.forMember(user, id, em, true);
    assertTransition(row.status, 'SUBMITTED');
    if (dto.expectedVersion !== undefined && dto.expectedVersion !== row.version) throw staleVersion('Le dossier');

    const now = new Date(); // the server's clock decides whether the call is still open
    const bundle = await this.views.bundle(row, em);
    const { errors, plan } = checkSubmission(contentOf(bundle), bundle.call, now);
    if (errors.length > 0 || !plan) {
      throw new DomainError('APPLICATION_INCOMPLETE', `Le dossier ne peut pas être déposé : ${errors.length} point(s) à compléter ou corriger.`, { errors });
    }

    const callVersion = bundle.call.publishedVersion!;
    // The gapless yearly counter is taken by the transaction's last statement, which writes everything that bears the
    // number (ApplicationLifecycle#submit, docs/decisions/0010-throughput.md): all the rest is written before it.
    const targets = bundle.indicatorTargets ?? (await targetsInForce(em, id)); // a DRAFT's bundle read them already
    const snapshot = submissionSnapshot(bundle, plan, '', now, callVersion, targets); // `number` is set by that statement
    await this.applications.recordFirstPlanVersion(em, { id, submittedBy: user.id, snapshot, plan, rateBp: bundle.call.maxRateBp });
    const response = {
      id,
      number: '',
      status: 'SUBMITTED',
      submittedAt: now.toISOString(),
      callVersion,
      version: row.version + 1, // the guarded UPDATE bumps the locked row's version by exactly one (If-Match on it)
      totalEligibleCents: plan.totalEligibleCostsCents,
      euRequestedCents: plan.requestedEsfPlusCents,
      documents: snapshot.documents.map((d) => ({ id: d.id, documentType: d.documentType, sha256: d.sha256 })),
    };
    const { body } = await this.lifecycle.submit(
      em,
      {
        id,
        actor,
        expectedVersion: row.version,
        audit: {
          action: 'application.submitted',
          after: { callVersion, totalEligibleCents: plan.totalEligibleCostsCents, euRequestedCents: plan.requestedEsfPlusCents },
        },
      },
      { year: parisYear(now), callVersion, submittedAt: now, submittedBy: user.id, snapshot, plan, answer: { claim, status: 200, body: response } },
    );
    if (body === null) throw new Error('the submission stored no answer');
    return body;
  }
}
