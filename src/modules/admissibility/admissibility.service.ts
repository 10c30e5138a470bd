import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor/actor';
import { OutboxRelay } from '../../common/outbox/outbox.relay';
import { DomainError } from '../../common/errors/domain-error';
import { staleVersion, versionFromIfMatch } from '../../common/http/etag';
import type { AuthUser } from '../auth/auth-context';
import { notFound } from '../applications/application-access.service';
import type { ApplicationRow } from '../applications/application-rows';
import { ApplicationReader } from '../applications/application-reader.service';
import { parisDate } from '../applications/domain/application-number';
import { assertTransition } from '../applications/domain/application-status';
import { documentTypeLabel, OTHER_DOCUMENT_TYPE } from '../applications/domain/labels';
import { ApplicationLifecycle } from '../applications/lifecycle/application-lifecycle';
import { DocumentRequests } from '../documents/document-requests.service';
import { admissibilityFacts } from './admissibility-facts';
import { AdmissibilityRepository, type ReviewRow, type SubmissionRow } from './admissibility.repository';
import { type AdmissibilityCheck, runAdmissibilityChecks } from './domain/admissibility-checks';
import { checkOverrides } from './domain/check-overrides';
import { COMPLEMENT_SECTION_LABELS, type Complement, complementsOpen, decisionErrors } from '../applications/domain/complements';
import { diffSnapshots, type FieldChange } from './domain/submission-diff';
import type { AdmissibilityDecisionDto } from './dto/admissibility-decision.dto';
import { frenchCalendarDate } from '../../common/fr';

export interface CheckRun {
  checks: AdmissibilityCheck[];
  submissionNo: number;
}

export interface DecisionResult {
  round: number;
  outcome: ReviewRow['outcome'];
  status: string;
  version: number;
  checks: AdmissibilityCheck[];
  messageId: string | null;
}

export interface SubmissionDiff {
  from: number;
  to: number;
  changes: FieldChange[];
}

/**
 * Admissibility (recevabilité, docs/domain/admissibility.md): the automatic checks run on the latest submission snapshot
 * against the call version it was submitted under; the instructor's decision stores a round with the checks rerun and
 * the message to the applicant, then moves the status through the lifecycle (history and audit row last), in one
 * transaction. Running the checks alone stores nothing.
 */
@Injectable()
export class AdmissibilityService {
  private readonly logger = new Logger(AdmissibilityService.name);

  constructor(
    private readonly applications: ApplicationReader,
    private readonly dataSource: DataSource,
    private readonly documents: DocumentRequests,
    private readonly lifecycle: ApplicationLifecycle,
    private readonly relay: OutboxRelay,
    private readonly repo: AdmissibilityRepository,
  ) {}

  async check(id: string): Promise<CheckRun> {
    const row = await this.submitted(id);
    return this.runChecks(row);
  }

  async rounds(id: string): Promise<ReviewRow[]> {
    await this.submitted(id);
    return this.repo.reviews(id);
  }

  async decide(
    user: AuthUser,
    actor: Actor,
    id: string,
    ifMatch: string | undefined,
    dto: AdmissibilityDecisionDto,
    now = new Date(),
  ): Promise<DecisionResult> {
    const result = await this.dataSource.transaction(async (em) => {
      const row = await this.submitted(id, em, true);
      if (versionFromIfMatch(ifMatch) !== row.version) throw staleVersion('Le dossier');
      const today = parisDate(now);
      const call = (await this.applications.findCall(row.callId, em))!;
      const complements: Complement[] = (dto.complements ?? []).map((c) => ({
        section: c.section,
        documentType: c.documentType || null,
        message: c.message.trim(),
      }));
      const reasons = (dto.reasons ?? []).map((r) => r.trim()).filter((r) => r !== '');
      const errors = decisionErrors({ outcome: dto.outcome, reasons, complements, dueDate: dto.dueDate }, today, [
        ...call.requiredDocumentTypes,
        OTHER_DOCUMENT_TYPE,
      ]);
      if (errors.length) throw new DomainError('VALIDATION_FAILED', `${errors.length} champ(s) invalide(s).`, { errors });
      assertTransition(row.status, dto.outcome);
      const previous = await this.repo.latestReview(id, em);
      if (row.status === 'INCOMPLETE' && previous?.dueDate && complementsOpen({ dueDate: previous.dueDate }, today)) {
        // Complements not received by the due date make the dossier inadmissible; not before (docs/domain/admissibility.md).
        throw new DomainError(
          'COMPLEMENTS_NOT_OVERDUE',
          `Le porteur peut encore compléter son dossier jusqu'au ${frenchCalendarDate(previous.dueDate)} : il ne peut pas être déclaré irrecevable avant.`,
          {
            dueDate: previous.dueDate,
          },
        );
      }

      const { checks, submissionNo } = await this.runChecks(row, em);
      // Checks are rerun here, so the reasons are judged against what fails now, not what the page showed.
      const { overrides, errors: unjustified } = checkOverrides(dto.outcome, checks, dto.overrides ?? []);
      if (unjustified.length) {
        throw new DomainError(
          'ADMISSIBILITY_OVERRIDE_UNJUSTIFIED',
          `Motivez chaque contrôle non satisfait avant de déclarer le dossier recevable (${unjustified.length} motif(s) manquant(s) ou invalide(s)).`,
          { errors: unjustified },
        );
      }
      const review = await this.repo.insertReview(em, {
        applicationId: id,
        submissionNo,
        checks,
        outcome: dto.outcome,
        reasons,
        remarks: dto.remarks?.trim() || null,
        complements,
        overrides,
        dueDate: dto.outcome === 'INCOMPLETE' ? dto.dueDate! : null,
        decidedBy: user.id,
      });
      const mail = applicantMessage(row, dto.outcome, reasons, complements, dto.dueDate ?? null);
      const messageId = mail
        ? await this.repo.insertMessage(em, { applicationId: id, kind: mail.kind, subject: mail.subject, body: mail.body, authorId: user.id })
        : null;
      if (dto.outcome === 'INADMISSIBLE') {
        // The decision letter states the reasons (docs/domain/documents.md); requested with the decision so it exists iff the decision does.
        await this.documents.request(em, {
          kind: 'DECISION_LETTER',
          subjectId: id,
          source: { type: 'admissibility', id: review.id },
          requestKey: `admissibility-review-${review.id}`,
          requestedBy: user.id,
        });
      }
      const { version } = await this.lifecycle.transition(em, {
        id,
        from: row.status,
        to: dto.outcome,
        actor,
        reason: historyReason(dto.outcome, reasons, complements, dto.dueDate, overrides.length) ?? undefined,
        expectedVersion: row.version,
        audit: {
          action: 'application.admissibility.decided',
          before: { version: row.version },
          after: {
            round: review.round,
            submissionNo,
            failedChecks: checks.filter((c) => !c.passed).map((c) => c.checkId),
            overrides,
            reasons,
            complements,
            dueDate: dto.dueDate ?? null,
          },
        },
      });
      return { result: { round: review.round, outcome: dto.outcome, status: dto.outcome, version, checks, messageId }, mail };
    });
    if (dto.outcome === 'INADMISSIBLE') this.relay.kick();
    if (result.mail) {
      // There is no mailer yet: log what would be sent to the dossier's members, without any address.
      this.logger.log(
        `application ${id} admissibility ${dto.outcome}, message ${result.result.messageId}, no mailer configured; e-mail to send: ${JSON.stringify({ subject: result.mail.subject, body: result.mail.body })} [correlationId=${actor.correlationId}]`,
      );
    }
    return result.result;
  }

  async diff(id: string, from?: number, to?: number): Promise<SubmissionDiff> {
    await this.submitted(id);
    const all = await this.repo.submissions(id);
    const last = all.length;
    const toNo = to ?? last;
    const fromNo = from ?? Math.max(1, toNo - 1);
    const a = all.find((s) => s.submissionNo === fromNo);
    const b = all.find((s) => s.submissionNo === toNo);
    if (!a || !b) {
      throw new DomainError('VALIDATION_FAILED', `Le dossier compte ${last} dépôt(s).`, {
        errors: [{ path: !a ? 'from' : 'to', code: 'NOT_FOUND', message: `Dépôt inconnu : ce dossier compte ${last} dépôt(s).` }],
      });
    }
    return { from: fromNo, to: toNo, changes: diffSnapshots(a.snapshot, b.snapshot) };
  }

  async submissions(id: string): Promise<SubmissionRow[]> {
    return this.repo.submissions(id);
  }

  private async runChecks(row: ApplicationRow, em?: EntityManager): Promise<CheckRun> {
    const all = await this.repo.submissions(row.id, em);
    const [first] = all;
    const latest = all.at(-1);
    if (!first || !latest) throw notFound();
    const call = await this.repo.callVersion(row.callId, latest.snapshot.call.version ?? row.callVersion, em);
    const legalForm = await this.repo.organisationLegalForm(row.organisationId, em);
    return { checks: runAdmissibilityChecks(admissibilityFacts(first, latest, call!, legalForm)), submissionNo: latest.submissionNo };
  }

  /** Instruction staff see submitted dossiers only; a draft is a 404, as if it did not exist. */
  private async submitted(id: string, em?: EntityManager, lock = false): Promise<ApplicationRow> {
    const row = await this.applications.findById(id, em, lock);
    if (!row || row.submittedAt === null) throw notFound();
    return row;
  }
}

function historyReason(outcome: string, reasons: string[], complements: Complement[], dueDate: string | null | undefined, overridden: number): string | null {
  if (outcome === 'ADMISSIBLE' && overridden > 0) return `Recevable malgré ${overridden} contrôle(s) automatique(s) non satisfait(s), motivé(s) par écrit`;
  if (outcome === 'INADMISSIBLE') return reasons.join(' ; ');
  if (outcome === 'INCOMPLETE')
    return `Compléments demandés (${complements.map((c) => COMPLEMENT_SECTION_LABELS[c.section]).join(', ')}) avant le ${frenchCalendarDate(dueDate!)}`;
  return null;
}

function applicantMessage(row: ApplicationRow, outcome: string, reasons: string[], complements: Complement[], dueDate: string | null) {
  const ref = row.number ?? row.id;
  if (outcome === 'INCOMPLETE') {
    const items = complements.map(
      (c) => `- ${COMPLEMENT_SECTION_LABELS[c.section]}${c.documentType ? ` (${documentTypeLabel(c.documentType)})` : ''} : ${c.message}`,
    );
    return {
      kind: 'COMPLEMENTS_REQUESTED',
      subject: `Demande de compléments — dossier ${ref}`,
      body: [
        `Votre dossier ${ref} est incomplet.`,
        `Complétez les éléments suivants, puis redéposez le dossier, au plus tard le ${frenchCalendarDate(dueDate!)} :`,
        ...items,
        `Sans réponse à cette date, le dossier pourra être déclaré irrecevable.`,
      ].join('\n'),
    };
  }
  if (outcome === 'INADMISSIBLE') {
    return {
      kind: 'INADMISSIBLE',
      subject: `Dossier irrecevable — dossier ${ref}`,
      body: [
        `Votre dossier ${ref} est déclaré irrecevable pour le(s) motif(s) suivant(s) :`,
        ...reasons.map((r) => `- ${r}`),
        "Vous pouvez former un recours gracieux auprès de l'organisme intermédiaire ou un recours contentieux devant le tribunal administratif dans un délai de deux mois.",
      ].join('\n'),
    };
  }
  return null;
}
