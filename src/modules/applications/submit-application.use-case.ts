import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
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
import { firstPlanVersion } from './applications.repository';
import { idempotencyRequestHash, requireIdempotencyKey } from '../../common/idempotency/idempotency-key';
import { type IdempotencyClaim, IdempotencyService } from '../../common/idempotency/idempotency.service';
import type { ApplicationRow } from './application-rows';
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
 * anything is missing, having changed nothing. Everything happens in one transaction: the dossier's row lock with the
 * membership check, the Idempotency-Key claim, the checks, then DRAFT → SUBMITTED through the lifecycle: one statement
 * takes the year's next gapless number and writes the numbered snapshot, history, plan version 1, submission row,
 * stored idempotent answer, audit row and the listeners' rows (receipt request, status mails), and commits. The outbox
 * relay is kicked after commit. docs/decisions/0010-throughput.md counts the round trips.
 */
@Injectable()
export class SubmitApplicationUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: ApplicationAccess,
    private readonly idempotency: IdempotencyService,
    private readonly lifecycle: ApplicationLifecycle,
    private readonly relay: OutboxRelay,
    private readonly views: ApplicationViews,
  ) {}

  async submit(user: AuthUser, actor: Actor, id: string, dto: SubmitApplicationDto, rawKey: string | string[] | undefined): Promise<SubmissionResult> {
    const outcome = await this.dataSource.transaction(async (em): Promise<SubmissionResult> => {
      // The row lock first: a concurrent duplicate waits here, then finds the first one's answer through the claim.
      const row = await this.access.forMember(user, id, em, true);
      const key = requireIdempotencyKey(rawKey);
      const requestHash = idempotencyRequestHash({ applicationId: id, attestation: dto.attestation, expectedVersion: dto.expectedVersion ?? null });
      // Claimed in this transaction: it commits with the submission or not at all (nothing to release on failure).
      const claimed = await this.idempotency.claim(`${user.id}:applications.submit`, key, requestHash, em);
      if (claimed.kind === 'replay') return { status: claimed.status, body: claimed.body, replayed: true };
      return { status: 200, body: await this.submitIn(em, user, actor, row, dto, claimed.claim), replayed: false };
    });
    if (!outcome.replayed) this.relay.kick();
    return outcome;
  }

  private async submitIn(
    em: EntityManager,
    user: AuthUser,
    actor: Actor,
    row: ApplicationRow,
    dto: SubmitApplicationDto,
    claim: IdempotencyClaim,
  ): Promise<string> {
    const { id } = row;
    assertTransition(row.status, 'SUBMITTED');
    if (dto.expectedVersion !== undefined && dto.expectedVersion !== row.version) throw staleVersion('Le dossier');

    const now = new Date(); // the server's clock decides whether the call is still open
    const bundle = await this.views.bundle(row, em);
    const { errors, plan } = checkSubmission(contentOf(bundle), bundle.call, now);
    if (errors.length > 0 || !plan) {
      throw new DomainError('APPLICATION_INCOMPLETE', `Le dossier ne peut pas être déposé : ${errors.length} point(s) à compléter ou corriger.`, { errors });
    }

    const callVersion = bundle.call.publishedVersion!;
    // The gapless yearly counter is taken by the transaction's last statement, which writes the submission's rows and
    // commits (ApplicationLifecycle#submit, docs/decisions/0010-throughput.md): only the key's claim is written before it.
    const targets = bundle.indicatorTargets ?? (await targetsInForce(em, id)); // a DRAFT's bundle read them already
    const snapshot = submissionSnapshot(bundle, plan, '', now, callVersion, targets); // `number` is set by that statement
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
      {
        year: parisYear(now),
        callVersion,
        submittedAt: now,
        submittedBy: user.id,
        snapshot,
        plan,
        planVersion: firstPlanVersion({ id, submittedBy: user.id, snapshot, plan, rateBp: bundle.call.maxRateBp }),
        answer: { claim, status: 200, body: response },
        commitsTransaction: true, // the last statement of the idempotent transaction: nothing follows it
      },
    );
    if (body === null) throw new Error('the submission stored no answer');
    return body;
  }
}
