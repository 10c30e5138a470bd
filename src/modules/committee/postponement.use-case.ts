import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../../common/actor/actor';
import { DomainError } from '../../common/errors/domain-error';
import { ApplicationLifecycle } from '../applications/lifecycle/application-lifecycle';
import type { AuthUser } from '../auth/auth-context';
import type { PostponementAnswerResponse } from './dto/postponement-answer.dto';
import { first } from '../../common/collections';

const notFound = () => new DomainError('NOT_FOUND', "Ce dossier n'existe pas ou ne vous est pas accessible.");

/**
 * The way back of a postponed (ajourné) dossier (docs/domain/committee.md): a member of the applicant organisation
 * answers what the committee asked; in the same transaction the answer is stored, the instruction report reopens so
 * the instructor can revise and validate it again, and the dossier goes POSTPONED → UNDER_INSTRUCTION through the
 * lifecycle (audit row last). Once instructed again it is back in the ranking, for the agenda of a later session.
 */
@Injectable()
export class PostponementUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly lifecycle: ApplicationLifecycle,
  ) {}

  async answer(user: AuthUser, actor: Actor, applicationId: string, expectedVersion: number, answer: string): Promise<PostponementAnswerResponse> {
    return this.dataSource.transaction(async (em) => {
      const [dossier]: { status: string; version: number }[] = await em.query(
        `SELECT a.status, a.version FROM application a JOIN organisation_member m ON m.organisation_id = a.organisation_id AND m.user_id = $2
          WHERE a.id = $1 FOR UPDATE OF a`,
        [applicationId, user.id],
      );
      if (!dossier) throw notFound();
      const [decision]: { id: string; requests: string }[] = await em.query(
        `SELECT id, requests FROM committee_decision WHERE application_id = $1 AND outcome = 'POSTPONED' ORDER BY decided_at DESC LIMIT 1`,
        [applicationId],
      );
      if (dossier.status !== 'POSTPONED' || !decision) {
        throw new DomainError('INVALID_STATUS_TRANSITION', 'Seul un dossier ajourné par le comité attend une réponse à ses demandes.', {
          currentStatus: dossier.status,
        });
      }
      const saved = first<{ id: string; answeredAt: Date }>(
        await em.query(
          `INSERT INTO postponement_answer (application_id, decision_id, answer, answered_by) VALUES ($1, $2, $3, $4) RETURNING id, answered_at AS "answeredAt"`,
          [applicationId, decision.id, answer, user.id],
        ),
        'the inserted postponement_answer row',
      );
      // The report validated before the committee is reopened: the instructor revises it in the light of the answer.
      await em.query(`UPDATE instruction_report SET submitted_at = NULL, submitted_by = NULL, version = version + 1 WHERE application_id = $1`, [
        applicationId,
      ]);
      const moved = await this.lifecycle.transition(em, {
        id: applicationId,
        from: 'POSTPONED',
        to: 'UNDER_INSTRUCTION',
        actor,
        expectedVersion,
        reason: 'Réponse du porteur aux demandes du comité (dossier ajourné)',
        audit: { action: 'application.postponement_answered', after: { answerId: saved.id, decisionId: decision.id } },
      });
      return {
        id: saved.id,
        applicationId,
        requests: decision.requests,
        answer,
        answeredAt: saved.answeredAt.toISOString(),
        status: 'UNDER_INSTRUCTION',
        version: moved.version,
      };
    });
  }
}
