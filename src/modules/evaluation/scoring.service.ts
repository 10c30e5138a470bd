import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor/actor';
import { AuditService } from '../../common/audit/audit.service';
import { DomainError, type FieldError } from '../../common/errors/domain-error';
import { staleVersion } from '../../common/http/etag';
import type { AuthUser } from '../auth/auth-context';
import type { CallGrid } from './domain/call-grid';
import { EvaluationAccess, dossierNotFound, stateOf, type DossierContext } from './evaluation-access';
import { PanelRepository, type AssignmentRow } from './panel.repository';
import { ScoringRepository, type DossierContent, type ScoreRow } from './scoring.repository';

export interface ScoreInput {
  criterionCode: string;
  score: number;
  justification?: string;
}

export interface SheetView {
  applicationId: string;
  number: string;
  callId: string;
  status: 'DRAFT' | 'SUBMITTED';
  submittedAt: string | null;
  rapporteur: boolean;
  version: number;
  grid: CallGrid;
  scores: { criterionCode: string; score: number; justification: string }[];
  dossier: DossierContent;
}

const sheetLocked = () => new DomainError('EVALUATION_LOCKED', 'Vos notes sont soumises et verrouillées : seul un gestionnaire peut rouvrir la grille.');

/** The evaluator's side: declaration before access, then a draft sheet, submitted and locked; reopening by staff. */
@Injectable()
export class ScoringService {
  constructor(
    private readonly access: EvaluationAccess,
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
    private readonly panel: PanelRepository,
    private readonly scoring: ScoringRepository,
  ) {}

  mine(user: AuthUser) {
    return this.scoring.assignedTo(user.id);
  }

  /** Declares (or re-declares) a conflict of interest. A declared conflict can only be lifted by the chair's waiver. */
  async declare(user: AuthUser, applicationId: string, conflict: boolean, details: string | undefined, actor: Actor): Promise<{ state: string }> {
    const clean = details?.trim() || null;
    if (conflict && !clean) throw invalid([{ path: 'details', code: 'REQUIRED', message: 'Précisez la nature du conflit d’intérêts.' }]);
    await this.dataSource.transaction(async (em) => {
      const own = await this.access.ownAssignment(user, applicationId, em, true);
      if (own.declaredConflict === true && !conflict) {
        throw new DomainError('CONFLICT', 'Un conflit déclaré ne peut être levé que par le président du comité, par une dérogation motivée.');
      }
      await this.panel.declare(em, applicationId, user.id, conflict, clean);
      await this.audit.record(em, actor, {
        action: 'evaluation.conflict_declared',
        subjectType: 'application',
        subjectId: applicationId,
        before: { declaredConflict: own.declaredConflict },
        after: { evaluatorId: user.id, declaredConflict: conflict, details: clean },
      });
    });
    const after = await this.panel.assignment(applicationId, user.id);
    return { state: stateOf(after as AssignmentRow) };
  }

  /** The panel chair lifts a declared or automatic conflict with a written reason (never their own). */
  async waive(user: AuthUser, applicationId: string, evaluatorId: string, reason: string, actor: Actor): Promise<void> {
    const text = reason.trim();
    if (!text) throw invalid([{ path: 'reason', code: 'REQUIRED', message: 'La dérogation doit être motivée.' }]);
    await this.dataSource.transaction(async (em) => {
      const ctx = await this.access.context(applicationId, em);
      if ((await this.panel.memberRole(ctx.call.id, user.id, em)) !== 'CHAIR') throw dossierNotFound();
      const target = await this.panel.assignment(applicationId, evaluatorId, em, true);
      if (!target) throw new DomainError('NOT_FOUND', "Cet évaluateur n'est pas attribué à ce dossier.");
      if (evaluatorId === user.id) throw new DomainError('FORBIDDEN', 'Le président ne peut pas lever son propre conflit d’intérêts.');
      if (target.declaredConflict !== true && target.automaticReason === null)
        throw new DomainError('CONFLICT', "Aucun conflit d'intérêts à lever pour cet évaluateur.");
      await this.panel.waive(em, applicationId, evaluatorId, user.id, text);
      await this.audit.record(em, actor, {
        action: 'evaluation.conflict_waived',
        subjectType: 'application',
        subjectId: applicationId,
        before: { declaredConflict: target.declaredConflict, automaticReason: target.automaticReason },
        after: { evaluatorId, reason: text },
      });
    });
  }

  async sheet(user: AuthUser, applicationId: string): Promise<SheetView> {
    const own = await this.access.ownSheet(user, applicationId);
    return this.view(own);
  }

  /** Saves draft scores (partial allowed): integers within the scale; justifications may wait for submission. */
  async saveScores(user: AuthUser, applicationId: string, scores: readonly ScoreInput[], expectedVersion: number, actor: Actor): Promise<SheetView> {
    await this.dataSource.transaction(async (em) => {
      const own = await this.lockedDraft(user, applicationId, expectedVersion, em);
      const clean = validateScores(own.grid, scores);
      if ((await this.scoring.bumpSheet(em, applicationId, user.id, expectedVersion)) === null) throw staleVersion('Votre grille');
      await this.scoring.upsertScores(em, applicationId, user.id, clean);
      await this.scoring.insertHistory(em, { applicationId, evaluatorId: user.id, event: 'SAVED', scores: clean, reason: null, actorUserId: actor.userId });
      await this.audit.record(em, actor, {
        action: 'evaluation.scores_saved',
        subjectType: 'application',
        subjectId: applicationId,
        after: { evaluatorId: user.id, scores: clean },
      });
    });
    return this.sheet(user, applicationId);
  }

  /** Submits and locks the sheet: every criterion scored with a justification (docs/domain/evaluation.md). */
  async submit(user: AuthUser, applicationId: string, expectedVersion: number, actor: Actor): Promise<SheetView> {
    await this.dataSource.transaction(async (em) => {
      const own = await this.lockedDraft(user, applicationId, expectedVersion, em);
      const scores = (await this.scoring.scoresOfDossier(applicationId, em)).filter((s) => s.evaluatorId === user.id);
      const errors: FieldError[] = [];
      for (const c of own.grid.criteria) {
        const s = scores.find((x) => x.criterionCode === c.code);
        if (!s) errors.push({ path: `scores.${c.code}.score`, code: 'REQUIRED', message: `Note manquante pour ${c.code}.` });
        else if (!s.justification.trim())
          errors.push({ path: `scores.${c.code}.justification`, code: 'REQUIRED', message: `Justification manquante pour ${c.code}.` });
      }
      if (errors.length) throw invalid(errors, `${errors.length} point(s) à compléter avant de soumettre.`);
      if ((await this.scoring.setSheetStatus(em, applicationId, user.id, expectedVersion, 'DRAFT', 'SUBMITTED')) === null) throw staleVersion('Votre grille');
      const kept = scores.map(({ criterionCode, score, justification }) => ({ criterionCode, score, justification }));
      await this.scoring.insertHistory(em, { applicationId, evaluatorId: user.id, event: 'SUBMITTED', scores: kept, reason: null, actorUserId: actor.userId });
      await this.audit.record(em, actor, {
        action: 'evaluation.submitted',
        subjectType: 'application',
        subjectId: applicationId,
        after: { evaluatorId: user.id, scores: kept },
      });
    });
    return this.sheet(user, applicationId);
  }

  /** Staff reopen a submitted sheet with a reason, as long as no consensus was recorded on the dossier. */
  async reopen(applicationId: string, evaluatorId: string, reason: string, actor: Actor): Promise<void> {
    const text = reason.trim();
    if (!text) throw invalid([{ path: 'reason', code: 'REQUIRED', message: 'La réouverture doit être motivée.' }]);
    await this.dataSource.transaction(async (em) => {
      const ctx = await this.access.context(applicationId, em, true);
      const sheet = await this.panel.assignment(applicationId, evaluatorId, em, true);
      if (!sheet) throw new DomainError('NOT_FOUND', "Cet évaluateur n'est pas attribué à ce dossier.");
      if (sheet.status !== 'SUBMITTED') throw new DomainError('CONFLICT', "Cette grille n'est pas soumise.");
      if (ctx.dossier.status !== 'UNDER_EVALUATION') throw new DomainError('EVALUATION_LOCKED', "Le dossier n'est plus en évaluation.");
      if (await this.scoring.consensus(applicationId, em))
        throw new DomainError('EVALUATION_LOCKED', 'Le consensus est établi : la grille ne peut plus être rouverte.');
      await this.scoring.setSheetStatus(em, applicationId, evaluatorId, sheet.version, 'SUBMITTED', 'DRAFT');
      await this.scoring.insertHistory(em, { applicationId, evaluatorId, event: 'REOPENED', scores: [], reason: text, actorUserId: actor.userId });
      await this.audit.record(em, actor, {
        action: 'evaluation.reopened',
        subjectType: 'application',
        subjectId: applicationId,
        after: { evaluatorId, reason: text },
      });
    });
  }

  history(applicationId: string, evaluatorId: string) {
    return this.scoring.history(applicationId, evaluatorId);
  }

  private async lockedDraft(user: AuthUser, applicationId: string, expectedVersion: number, em: EntityManager): Promise<AssignmentRow & DossierContext> {
    const own = await this.access.ownSheet(user, applicationId, em, true);
    if (own.version !== expectedVersion) throw staleVersion('Votre grille');
    if (own.status === 'SUBMITTED') throw sheetLocked();
    if (own.dossier.status !== 'UNDER_EVALUATION') throw new DomainError('EVALUATION_LOCKED', "Le dossier n'est plus en évaluation.");
    return own;
  }

  private async view(own: AssignmentRow & DossierContext): Promise<SheetView> {
    const [scores, dossier] = await Promise.all([this.scoring.scoresOfDossier(own.applicationId), this.scoring.dossierContent(own.applicationId)]);
    if (!dossier) throw dossierNotFound();
    return {
      applicationId: own.applicationId,
      number: own.dossier.number,
      callId: own.callId,
      status: own.status,
      submittedAt: own.submittedAt ? new Date(own.submittedAt).toISOString() : null,
      rapporteur: own.rapporteur,
      version: own.version,
      grid: own.grid,
      scores: scores
        .filter((s) => s.evaluatorId === own.evaluatorId)
        .map(({ criterionCode, score, justification }) => ({ criterionCode, score, justification })),
      dossier,
    };
  }
}

function validateScores(grid: CallGrid, scores: readonly ScoreInput[]): Omit<ScoreRow, 'evaluatorId'>[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  scores.forEach((s, i) => {
    const c = grid.criteria.find((x) => x.code === s.criterionCode);
    if (!c) errors.push({ path: `scores[${i}].criterionCode`, code: 'UNKNOWN_CRITERION', message: `Critère inconnu : ${s.criterionCode}.` });
    else if (seen.has(c.code)) errors.push({ path: `scores[${i}].criterionCode`, code: 'DUPLICATE_CRITERION', message: `Critère ${c.code} noté deux fois.` });
    else if (!Number.isSafeInteger(s.score) || s.score < c.scaleMin || s.score > c.scaleMax) {
      errors.push({
        path: `scores[${i}].score`,
        code: 'SCORE_OUT_OF_SCALE',
        message: `La note de ${c.code} est un entier entre ${c.scaleMin} et ${c.scaleMax}.`,
      });
    }
    seen.add(s.criterionCode);
  });
  if (errors.length) throw invalid(errors);
  return scores.map((s) => ({ criterionCode: s.criterionCode, score: s.score, justification: s.justification?.trim() ?? '' }));
}

function invalid(errors: FieldError[], message = `${errors.length} champ(s) invalide(s).`): DomainError {
  return new DomainError('VALIDATION_FAILED', message, { errors });
}
