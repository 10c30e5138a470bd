import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor/actor';
import { AuditService } from '../../common/audit/audit.service';
import { DomainError, type FieldError } from '../../common/errors/domain-error';
import { staleVersion, versionFromIfMatch } from '../../common/http/etag';
import { OutboxRelay } from '../../common/outbox/outbox.relay';
import type { AuthUser } from '../auth/auth-context';
import { addDays } from '../documents/domain/convention-terms';
import { DocumentRequests } from '../documents/document-requests.service';
import { OperationAccess } from '../operations/operation-access';
import { calendarDateFr, parisToday } from '../operations/domain/dates';
import { MailService } from '../mail/mail.service';
import { type AmountDue, type AmountDueInput, computeAmountDue, DEFAULT_INTERIM_CAP_BP } from '../payments/domain/amount-due';
import { elapsedClockDays, PAYMENT_DEADLINE_DAYS } from '../payments/domain/payment-clock';
import { type Checklist, CHECKLIST_ITEMS, uncheckedItems } from './domain/checklist';
import { selectSample } from './domain/sampling';
import { retainedFor, verificationOutcome, type VerificationOutcome } from './domain/verification-outcome';
import type { ChecklistDto, DecisionsDto } from './dto/verification.dto';
import { VerificationAccess, verificationNotFound } from './verification-access';
import { type LineDecisionWrite, type QueueRow, VerificationRepository, type VerificationRow } from './verification.repository';

type AmountDueView = AmountDueInput & AmountDue;

const state = (message: string): DomainError => new DomainError('VERIFICATION_STATE', message);

/** Days on the 80-day payment clock (CPR art. 74(1)(b)), stopped while the corrections wait on the beneficiary. */
export function clockOf(
  submittedAt: Date,
  sentAt: Date | null,
  answeredAt: Date | null,
  today = parisToday(),
): { elapsedDays: number; daysLeft: number; paused: boolean } {
  const pauses = sentAt ? [{ from: parisToday(sentAt), to: answeredAt ? parisToday(answeredAt) : undefined }] : [];
  const elapsedDays = elapsedClockDays(parisToday(submittedAt), pauses, today);
  return { elapsedDays, daysLeft: PAYMENT_DEADLINE_DAYS - elapsedDays, paused: !!sentAt && !answeredAt };
}

/**
 * Management verification of a submitted report (docs/domain/verification.md, CPR art. 74): opening draws the sample
 * with a random seed kept with it; the instructor decides on every checked line and fills the checklist; proposed
 * corrections go to the beneficiary (contradictory step) before the verification is finalised, which fixes the
 * retained amount read by payments and asks the worker for the report (rapport de contrôle de service fait).
 */
@Injectable()
export class VerificationService {
  constructor(
    private readonly access: VerificationAccess,
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
    private readonly documents: DocumentRequests,
    private readonly mail: MailService,
    private readonly operations: OperationAccess,
    private readonly relay: OutboxRelay,
    private readonly verifications: VerificationRepository,
  ) {}

  async queue(user: AuthUser): Promise<(QueueRow & { clock: ReturnType<typeof clockOf> })[]> {
    const all = user.roles.includes('PROGRAMME_MANAGER') || user.roles.includes('ADMINISTRATOR');
    const rows = await this.verifications.queue(user.id, all);
    return rows.map((r) => ({ ...r, clock: clockOf(new Date(r.submittedAt), r.contradictorySentAt, r.contradictoryAnsweredAt) }));
  }

  /** Opens the verification of a submitted report (one per report: opening twice finds the first). */
  async open(user: AuthUser, actor: Actor, reportId: string): Promise<{ id: string; created: boolean }> {
    const result = await this.dataSource.transaction(async (em) => {
      const report = await this.verifications.report(reportId, em, true);
      if (!report || report.status === 'CANCELLED') throw new DomainError('NOT_FOUND', "Ce bilan n'existe pas ou ne vous est pas accessible.");
      const app = await this.operations.facts(user, report.applicationId, em);
      if (!app || !VerificationAccess.verifies(user, app)) throw new DomainError('NOT_FOUND', "Ce bilan n'existe pas ou ne vous est pas accessible.");
      const existing = await this.verifications.findByReport(reportId, em);
      if (existing) return { id: existing.id, created: false };
      if (report.status !== 'SUBMITTED') throw state('Seul un bilan déposé peut être vérifié.');

      const call = await this.verifications.callSettings(app.callId, em);
      const settings = {
        exhaustiveThresholdCents: call.exhaustiveThresholdCents,
        sampleRateBp: call.sampleRateBp,
        minSampleSize: call.minSampleSize,
        contradictoryDays: call.contradictoryDays,
        reallocationToleranceBp: call.reallocationToleranceBp,
      };
      // 128 random bits: nobody can steer the draw, anyone holding the seed can redo it (simulate endpoint).
      const seed = randomBytes(16).toString('hex');
      const lines = await this.verifications.reportLines(reportId, em);
      const drawn = selectSample(lines, { seed, ...settings });
      const exhaustive = new Set(drawn.exhaustive);
      const sampled = new Set(drawn.sampled);
      const selected = lines.map((l) => ({
        ...l,
        selection: exhaustive.has(l.id) ? ('EXHAUSTIVE' as const) : sampled.has(l.id) ? ('SAMPLED' as const) : ('UNSAMPLED' as const),
      }));
      const plan = await this.plan(report.applicationId, em);
      const declared = verificationOutcome(
        selected.map((l) => ({ id: l.id, category: l.category, declaredCents: l.amountCents, selection: 'UNSAMPLED' })),
        plan,
        settings.reallocationToleranceBp,
      ).declaredCents;
      const id = await this.verifications.insert(em, { reportId, applicationId: app.id, instructorId: user.id, seed, settings, declaredCents: declared });
      await this.verifications.insertLines(em, id, selected);
      await this.audit.record(em, actor, {
        action: 'verification.opened',
        subjectType: 'verification',
        subjectId: id,
        after: {
          reportId,
          applicationId: app.id,
          seed,
          settings,
          lines: lines.length,
          exhaustive: drawn.exhaustive.length,
          sampled: drawn.sampled.length,
          declaredCents: declared,
        },
      });
      return { id, created: true };
    });
    return result;
  }

  private plan(applicationId: string, em?: EntityManager) {
    return this.verifications.planInForce(applicationId, em);
  }

  /** The outcome as it stands (frozen at finalisation), with the EU amount due it leads to. */
  async compute(v: VerificationRow, em?: EntityManager) {
    const report = (await this.verifications.report(v.reportId, em))!;
    const plan = await this.plan(v.applicationId, em);
    // Checked lines one by one; the thousands of unchecked ones as one total per category (all the outcome uses).
    const lines = await this.verifications.lines(v.id, em, true);
    const unsampled = await this.verifications.unsampledByCategory(v.id, em);
    const outcome: VerificationOutcome =
      v.status === 'FINALISED' && v.outcome
        ? v.outcome
        : verificationOutcome(
            [
              ...lines.map((l) => ({
                id: l.lineId,
                category: l.category,
                declaredCents: l.declaredCents,
                selection: l.selection,
                retainedCents: l.retainedCents,
              })),
              ...unsampled.map((u) => ({ id: `unsampled-${u.category}`, category: u.category, declaredCents: u.amountCents, selection: 'UNSAMPLED' as const })),
            ],
            plan,
            v.settings.reallocationToleranceBp,
            await this.verifications.previousRetained(v.applicationId, v.id, em),
          );
    const cumulative = await this.verifications.cumulative(v.applicationId, v.id, report.seq, em);
    const [call] = await (em ?? this.dataSource).query<{ cap: number | null }[]>(
      `SELECT (to_jsonb(c) ->> 'interim_cap_bp')::int AS cap FROM call c JOIN application a ON a.call_id = c.id WHERE a.id = $1`,
      [v.applicationId],
    );
    const amountInput = {
      euCeilingCents: plan.euCents,
      rateBp: plan.rateBp,
      retainedEligibleCents: cumulative.previousRetainedCents + outcome.retainedCents,
      otherResourcesCents: cumulative.otherResourcesCents,
      paidCents: 0,
      kind: report.kind === 'FINAL' ? ('FINAL' as const) : ('INTERIM' as const),
      interimCapBp: call?.cap ?? DEFAULT_INTERIM_CAP_BP,
    };
    const frozen = v.status === 'FINALISED' ? (v.outcome as { amountDue?: AmountDueView } | null)?.amountDue : undefined;
    return {
      report,
      plan,
      lines,
      unsampledCount: unsampled.reduce((n, u) => n + u.count, 0),
      outcome,
      amountDue: frozen ?? { ...amountInput, ...computeAmountDue(amountInput) },
    };
  }

  async get(user: AuthUser, id: string) {
    const { v, app, asVerifier } = await this.access.forRead(user, id);
    const { report, plan, lines, unsampledCount, outcome, amountDue } = await this.compute(v);
    const details = await this.verifications.checkedLineDetails(v.id);
    const [doc] = await this.dataSource.query<{ id: string; status: string }[]>(`SELECT id, status FROM document WHERE request_key = $1`, [
      `verification-report-${v.id}`,
    ]);
    const checked = lines
      .filter((l) => l.selection !== 'UNSAMPLED')
      .map((l) => ({ ...l, ...details.get(l.lineId)! }))
      .sort((a, b) => a.category.localeCompare(b.category) || a.incurredOn.localeCompare(b.incurredOn) || a.lineId.localeCompare(b.lineId));
    const today = parisToday();
    return {
      id: v.id,
      reportId: v.reportId,
      applicationId: v.applicationId,
      number: app.number,
      title: app.title,
      report: { seq: report.seq, kind: report.kind, periodStart: report.periodStart, periodEnd: report.periodEnd, submittedAt: report.submittedAt },
      status: v.status,
      version: v.version,
      seed: v.seed,
      settings: v.settings,
      declaredCents: v.declaredCents,
      retainedCents: v.retainedCents,
      clock: clockOf(report.submittedAt!, v.contradictorySentAt, v.contradictoryAnsweredAt, today),
      contradictory: {
        sentAt: v.contradictorySentAt,
        dueDate: v.contradictoryDueDate,
        answeredAt: v.contradictoryAnsweredAt,
        comment: v.answerComment,
        files: await this.verifications.answerFiles(v.id),
      },
      finalisedAt: v.finalisedAt,
      checklist: v.checklist,
      counts: {
        lines: lines.length + unsampledCount,
        exhaustive: lines.filter((l) => l.selection === 'EXHAUSTIVE').length,
        sampled: lines.filter((l) => l.selection === 'SAMPLED').length,
      },
      lines: checked,
      outcome,
      plan: { versionNo: plan.versionNo, costOption: plan.costOption, flatRateBp: plan.flatRateBp, rateBp: plan.rateBp, euCents: plan.euCents },
      amountDue,
      document: doc ? { id: doc.id, status: doc.status } : null,
      can: {
        decide: asVerifier && (v.status === 'IN_PROGRESS' || (v.status === 'CONTRADICTORY' && this.answeredOrOverdue(v, today))),
        sendContradictory: asVerifier && v.status === 'IN_PROGRESS',
        finalise: asVerifier && (v.status === 'IN_PROGRESS' || (v.status === 'CONTRADICTORY' && this.answeredOrOverdue(v, today))),
        answer: app.member && v.status === 'CONTRADICTORY' && !v.contradictoryAnsweredAt,
      },
    };
  }

  private answeredOrOverdue(v: VerificationRow, today: string): boolean {
    return !!v.contradictoryAnsweredAt || (!!v.contradictoryDueDate && v.contradictoryDueDate < today);
  }

  /** Decisions on checked lines, all or nothing; every error at once with its path. */
  async decide(user: AuthUser, actor: Actor, id: string, ifMatch: string | undefined, dto: DecisionsDto): Promise<number> {
    const expected = versionFromIfMatch(ifMatch);
    return this.dataSource.transaction(async (em) => {
      const { v } = await this.access.forVerifier(user, id, em);
      if (v.version !== expected) throw staleVersion('La vérification');
      if (!(v.status === 'IN_PROGRESS' || (v.status === 'CONTRADICTORY' && this.answeredOrOverdue(v, parisToday())))) {
        throw state(
          v.status === 'FINALISED'
            ? 'Cette vérification est finalisée.'
            : 'Les décisions se reprennent une fois la réponse du bénéficiaire reçue ou le délai expiré.',
        );
      }
      const lines = new Map((await this.verifications.lines(v.id, em, true)).map((l) => [l.lineId, l]));
      const errors: FieldError[] = [];
      const writes: LineDecisionWrite[] = [];
      const seen = new Set<string>();
      dto.decisions.forEach((d, i) => {
        const path = `decisions[${i}]`;
        const line = lines.get(d.lineId);
        if (!line)
          return void errors.push({
            path: `${path}.lineId`,
            code: 'LINE_NOT_CHECKED',
            message: "Cette ligne n'est ni au-dessus du seuil ni dans l'échantillon : elle ne se décide pas une à une.",
          });
        if (seen.has(d.lineId))
          return void errors.push({ path: `${path}.lineId`, code: 'DUPLICATE_LINE', message: 'Une même ligne ne peut être décidée deux fois dans un envoi.' });
        seen.add(d.lineId);
        const retained = retainedFor(d.decision, line.declaredCents, d.retainedCents);
        if (retained === 'REDUCED_AMOUNT_REQUIRED')
          errors.push({ path: `${path}.retainedCents`, code: 'REQUIRED', message: 'Indiquez le montant retenu de la ligne réduite.' });
        if (retained === 'REDUCED_AMOUNT_OUT_OF_RANGE')
          errors.push({
            path: `${path}.retainedCents`,
            code: 'OUT_OF_RANGE',
            message: 'Le montant retenu d’une ligne réduite est inférieur au montant déclaré et positif.',
          });
        const reasonCode = d.decision === 'RETAINED' ? (d.reasonCode ?? null) : d.reasonCode;
        if (d.decision !== 'RETAINED' && !reasonCode)
          errors.push({ path: `${path}.reasonCode`, code: 'REQUIRED', message: 'Choisissez le motif de la réduction ou du rejet.' });
        const reasonText = d.reasonText?.trim() || null;
        if (reasonCode === 'OTHER' && !reasonText) errors.push({ path: `${path}.reasonText`, code: 'REQUIRED', message: 'Précisez le motif « autre ».' });
        if (typeof retained === 'number')
          writes.push({
            lineId: d.lineId,
            decision: d.decision,
            retainedCents: retained,
            reasonCode: reasonCode ?? null,
            reasonText,
            comment: d.comment?.trim() || null,
          });
      });
      if (errors.length) throw new DomainError('VALIDATION_FAILED', `${errors.length} décision(s) invalide(s).`, { errors });
      await this.verifications.decide(em, v.id, writes, user.id);
      if (!(await this.verifications.bump(em, v.id, v.version))) throw staleVersion('La vérification');
      await this.audit.record(em, actor, {
        action: 'verification.lines_decided',
        subjectType: 'verification',
        subjectId: v.id,
        after: {
          version: v.version + 1,
          decisions: writes.map((w) => ({ lineId: w.lineId, decision: w.decision, retainedCents: w.retainedCents, reasonCode: w.reasonCode })),
        },
      });
      return v.version + 1;
    });
  }

  async saveChecklist(user: AuthUser, actor: Actor, id: string, ifMatch: string | undefined, dto: ChecklistDto): Promise<number> {
    const expected = versionFromIfMatch(ifMatch);
    return this.dataSource.transaction(async (em) => {
      const { v } = await this.access.forVerifier(user, id, em);
      if (v.version !== expected) throw staleVersion('La vérification');
      if (v.status === 'FINALISED') throw state('Cette vérification est finalisée.');
      const checklist: Checklist = { ...v.checklist };
      for (const item of CHECKLIST_ITEMS) {
        const value = dto.items[item];
        if (value) checklist[item] = { result: value.result, comment: value.comment?.trim() || null };
      }
      if (!(await this.verifications.bump(em, v.id, v.version, `checklist = $3::jsonb`, [JSON.stringify(checklist)]))) throw staleVersion('La vérification');
      await this.audit.record(em, actor, {
        action: 'verification.checklist_saved',
        subjectType: 'verification',
        subjectId: v.id,
        before: v.checklist,
        after: checklist,
      });
      return v.version + 1;
    });
  }

  private assertComplete(outcome: VerificationOutcome, checklist: Checklist): void {
    const errors: FieldError[] = [];
    if (outcome.undecided > 0) errors.push({ path: 'lines', code: 'UNDECIDED_LINES', message: `${outcome.undecided} ligne(s) contrôlée(s) sans décision.` });
    for (const item of uncheckedItems(checklist))
      errors.push({ path: `checklist.${item}`, code: 'NOT_CHECKED', message: 'Ce point de la liste de contrôle n’a pas été examiné.' });
    if (errors.length) throw new DomainError('VERIFICATION_INCOMPLETE', 'La vérification n’est pas terminée.', { errors });
  }

  /** Sends the proposed corrections to the beneficiary: the clock stops until its answer (CPR art. 74(1)(b)). */
  async sendContradictory(user: AuthUser, actor: Actor, id: string, ifMatch: string | undefined): Promise<{ version: number; dueDate: string }> {
    const expected = versionFromIfMatch(ifMatch);
    return this.dataSource.transaction(async (em) => {
      const { v, app } = await this.access.forVerifier(user, id, em);
      if (v.version !== expected) throw staleVersion('La vérification');
      if (v.status !== 'IN_PROGRESS') throw state('Les corrections ont déjà été transmises au bénéficiaire.');
      const { outcome } = await this.compute(v, em);
      this.assertComplete(outcome, v.checklist);
      const dueDate = addDays(parisToday(), v.settings.contradictoryDays);
      if (
        !(await this.verifications.bump(em, v.id, v.version, `status = 'CONTRADICTORY', contradictory_sent_at = now(), contradictory_due_date = $3`, [dueDate]))
      )
        throw staleVersion('La vérification');
      const report = (await this.verifications.report(v.reportId, em))!;
      await this.mail.toOrganisation(em, app.organisationId, {
        template: 'verification-corrections',
        eventKey: `verification.contradictory_sent:${v.id}`,
        params: {
          verificationId: v.id,
          number: app.number ?? 'sans numéro',
          title: app.title ?? 'Dossier sans titre',
          reportLabel: report.kind === 'FINAL' ? 'bilan final' : `bilan intermédiaire n° ${report.seq}`,
          dueDate: calendarDateFr(dueDate),
        },
      });
      await this.audit.record(em, actor, {
        action: 'verification.contradictory_sent',
        subjectType: 'verification',
        subjectId: v.id,
        before: { status: v.status },
        after: { status: 'CONTRADICTORY', dueDate, declaredCents: outcome.declaredCents, proposedRetainedCents: outcome.retainedCents },
      });
      return { version: v.version + 1, dueDate };
    });
  }

  /** The beneficiary's answer: comments (files are joined before, through the answer files route). */
  async answer(user: AuthUser, actor: Actor, id: string, ifMatch: string | undefined, comment: string): Promise<number> {
    const expected = versionFromIfMatch(ifMatch);
    return this.dataSource.transaction(async (em) => {
      const { v } = await this.access.forMember(user, id, em);
      if (v.version !== expected) throw staleVersion('La vérification');
      if (v.status !== 'CONTRADICTORY' || v.contradictoryAnsweredAt) throw state('Cette vérification n’attend pas de réponse de votre part.');
      const text = comment.trim();
      if (!(await this.verifications.bump(em, v.id, v.version, `contradictory_answered_at = now(), answered_by = $3, answer_comment = $4`, [user.id, text])))
        throw staleVersion('La vérification');
      await this.audit.record(em, actor, {
        action: 'verification.contradictory_answered',
        subjectType: 'verification',
        subjectId: v.id,
        after: { commentLength: text.length },
      });
      return v.version + 1;
    });
  }

  /**
   * Finalises: the retained amount is fixed for payments, the outcome frozen, the report PDF requested from the
   * worker in the same transaction. Corrections go through the contradictory step first (answered or overdue).
   */
  async finalise(
    user: AuthUser,
    actor: Actor,
    id: string,
    ifMatch: string | undefined,
  ): Promise<{ version: number; retainedCents: number; documentId: string }> {
    const expected = versionFromIfMatch(ifMatch);
    const result = await this.dataSource.transaction(async (em) => {
      const { v } = await this.access.forVerifier(user, id, em);
      if (v.version !== expected) throw staleVersion('La vérification');
      if (v.status === 'FINALISED') throw state('Cette vérification est déjà finalisée.');
      if (v.status === 'CONTRADICTORY' && !this.answeredOrOverdue(v, parisToday()))
        throw state('Le bénéficiaire a jusqu’au ' + v.contradictoryDueDate + ' pour répondre.');
      const { outcome, amountDue } = await this.compute(v, em);
      this.assertComplete(outcome, v.checklist);
      if (v.status === 'IN_PROGRESS' && outcome.retainedCents < outcome.declaredCents) {
        throw state('Des corrections sont proposées : transmettez-les au bénéficiaire avant de finaliser (procédure contradictoire).');
      }
      const ok = await this.verifications.bump(
        em,
        v.id,
        v.version,
        `status = 'FINALISED', retained_cents = $3, outcome = $4::jsonb, finalised_by = $5, finalised_at = now()`,
        [outcome.retainedCents, JSON.stringify({ ...outcome, amountDue }), user.id],
      );
      if (!ok) throw staleVersion('La vérification');
      const doc = await this.documents.request(em, {
        kind: 'VERIFICATION_REPORT',
        subjectId: v.applicationId,
        source: { type: 'verification', id: v.id },
        requestKey: `verification-report-${v.id}`,
        requestedBy: user.id,
      });
      await this.audit.record(em, actor, {
        action: 'verification.finalised',
        subjectType: 'verification',
        subjectId: v.id,
        before: { status: v.status },
        after: { status: 'FINALISED', declaredCents: outcome.declaredCents, retainedCents: outcome.retainedCents, documentId: doc.id },
      });
      return { version: v.version + 1, retainedCents: outcome.retainedCents, documentId: doc.id };
    });
    this.relay.kick();
    return result;
  }

  /** For pages: the verification of a report, if opened and visible. */
  async idOfReport(user: AuthUser, reportId: string): Promise<string> {
    const v = await this.verifications.findByReport(reportId);
    if (!v) throw verificationNotFound();
    await this.access.forRead(user, v.id);
    return v.id;
  }
}
