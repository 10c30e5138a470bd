import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor/actor';
import { AuditService } from '../../common/audit/audit.service';
import { DomainError } from '../../common/errors/domain-error';
import { ApplicationLifecycle } from '../applications/lifecycle/application-lifecycle';
import { planAssignments, type PanelRole } from './domain/assignment';
import { callGridOf } from './domain/call-grid';
import { automaticConflict } from './domain/conflict-rules';
import { callNotFound, conflictedOf, dossierNotFound } from './evaluation-access';
import { PanelRepository, type AssignmentRow, type CallRow, type DossierRow, type PanelMemberRow } from './panel.repository';

export interface AssignmentView {
  applicationId: string;
  evaluatorId: string;
  evaluatorName: string;
  rapporteur: boolean;
  sheetStatus: 'DRAFT' | 'SUBMITTED';
  declaration: 'UNDECLARED' | 'DECLARED';
  conflicted: boolean;
  automaticReason: string | null;
  waived: boolean;
}

export interface AutoAssignResult {
  created: { applicationId: string; evaluatorId: string; rapporteur: boolean }[];
  rapporteursNamed: { applicationId: string; evaluatorId: string }[];
  shortfalls: { applicationId: string; missing: number }[];
}

const invalid = (path: string, code: string, message: string) => new DomainError('VALIDATION_FAILED', message, { errors: [{ path, code, message }] });

/** A call's panel: members, assignments by hand or planned, and the status move INSTRUCTED → UNDER_EVALUATION. */
@Injectable()
export class PanelService {
  constructor(
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
    private readonly lifecycle: ApplicationLifecycle,
    private readonly panel: PanelRepository,
  ) {}

  async members(callId: string): Promise<PanelMemberRow[]> {
    await this.call(callId);
    return this.panel.members(callId);
  }

  async addMember(callId: string, userId: string, role: PanelRole, actor: Actor): Promise<PanelMemberRow[]> {
    await this.dataSource.transaction(async (em) => {
      const call = await this.call(callId, em, true);
      if (call.status === 'ARCHIVED') throw new DomainError('INVALID_STATUS_TRANSITION', 'Un appel archivé ne peut plus être modifié.');
      if (!(await this.panel.activeEvaluator(userId, em))) throw invalid('userId', 'NOT_AN_EVALUATOR', "Cette personne n'a pas le rôle évaluateur.");
      if (!(await this.panel.insertMember(em, callId, userId, role, actor.userId))) {
        const already = (await this.panel.memberRole(callId, userId, em)) !== null;
        throw new DomainError('CONFLICT', already ? 'Cette personne fait déjà partie du comité.' : 'Le comité a déjà un président.');
      }
      await this.audit.record(em, actor, { action: 'panel.member_added', subjectType: 'call', subjectId: callId, after: { userId, role } });
    });
    return this.panel.members(callId);
  }

  async removeMember(callId: string, userId: string, actor: Actor): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      await this.call(callId, em, true);
      if ((await this.panel.memberRole(callId, userId, em)) === null) throw new DomainError('NOT_FOUND', 'Cette personne ne fait pas partie du comité.');
      if ((await this.panel.countAssignments(em, callId, userId)) > 0) {
        throw new DomainError('CONFLICT', 'Cet évaluateur a des dossiers attribués : il reste membre du comité pour la traçabilité.');
      }
      await this.panel.deleteMember(em, callId, userId);
      await this.audit.record(em, actor, { action: 'panel.member_removed', subjectType: 'call', subjectId: callId, before: { userId } });
    });
  }

  async assignments(callId: string): Promise<AssignmentView[]> {
    await this.call(callId);
    return (await this.panel.assignmentsOfCall(callId)).map(toView);
  }

  /** One assignment by hand; an automatic conflict is recorded at once (the chair may waive it). */
  async assign(callId: string, a: { applicationId: string; evaluatorId: string; rapporteur?: boolean }, actor: Actor): Promise<AssignmentView> {
    await this.dataSource.transaction(async (em) => {
      await this.call(callId, em, true);
      const dossier = await this.panel.findDossier(a.applicationId, em, true);
      if (!dossier || dossier.callId !== callId) throw dossierNotFound();
      assertAssignable(dossier);
      if ((await this.panel.memberRole(callId, a.evaluatorId, em)) === null) {
        throw invalid('evaluatorId', 'NOT_A_PANEL_MEMBER', "Cette personne ne fait pas partie du comité d'évaluation de l'appel.");
      }
      const existing = await this.panel.assignmentsOfDossier(dossier.id, em);
      if (existing.some((e) => e.evaluatorId === a.evaluatorId)) throw new DomainError('CONFLICT', 'Ce dossier est déjà attribué à cet évaluateur.');
      if (a.rapporteur && existing.some((e) => e.rapporteur)) throw new DomainError('CONFLICT', 'Ce dossier a déjà un rapporteur.');
      const orgs = await this.panel.organisationsOf([a.evaluatorId], em);
      const automaticReason = automaticConflict({ id: dossier.organisationId, siret: dossier.siret }, orgs.get(a.evaluatorId) ?? []);
      await this.panel.insertAssignment(em, { ...a, callId, rapporteur: a.rapporteur === true, assignedBy: actor.userId, automaticReason });
      await this.startEvaluation(em, dossier, actor);
      await this.audit.record(em, actor, {
        action: 'evaluation.assigned',
        subjectType: 'application',
        subjectId: dossier.id,
        after: { evaluatorId: a.evaluatorId, rapporteur: a.rapporteur === true, automaticConflict: automaticReason },
      });
    });
    const row = await this.panel.assignment(a.applicationId, a.evaluatorId);
    return toView(row as AssignmentRow);
  }

  /** Completes every assignable dossier of the call to N counted evaluators (grid option or `perDossier`). */
  async autoAssign(callId: string, perDossier: number | undefined, actor: Actor): Promise<AutoAssignResult> {
    return this.dataSource.transaction(async (em) => {
      const call = await this.call(callId, em, true);
      const n = perDossier ?? callGridOf(call.grid)?.evaluatorsPerDossier ?? 2;
      const members = await this.panel.members(callId, em);
      const dossiers = await this.panel.assignableDossiers(em, callId);
      const assignments = await this.panel.assignmentsOfCall(callId, em);
      const orgs = await this.panel.organisationsOf(
        members.map((m) => m.userId),
        em,
      );
      const counted = assignments.filter((a) => !conflictedOf(a));
      const plan = planAssignments(
        dossiers.map((d) => {
          const mine = assignments.filter((a) => a.applicationId === d.id);
          return {
            applicationId: d.id,
            assignedIds: mine.map((a) => a.evaluatorId),
            countedIds: mine.filter((a) => !conflictedOf(a)).map((a) => a.evaluatorId),
            rapporteurId: mine.find((a) => a.rapporteur && !conflictedOf(a))?.evaluatorId ?? null,
            excludedIds: members
              .filter((m) => automaticConflict({ id: d.organisationId, siret: d.siret }, orgs.get(m.userId) ?? []) !== null)
              .map((m) => m.userId),
          };
        }),
        members.map((m) => ({
          id: m.userId,
          role: m.role,
          load: counted.filter((a) => a.evaluatorId === m.userId).length,
          rapporteurLoad: counted.filter((a) => a.evaluatorId === m.userId && a.rapporteur).length,
        })),
        n,
      );
      const byId = new Map(dossiers.map((d) => [d.id, d]));
      const newRapporteur = new Set(plan.rapporteurs.map((r) => `${r.applicationId}/${r.evaluatorId}`));
      const created = plan.assignments.map((a) => ({ ...a, rapporteur: newRapporteur.has(`${a.applicationId}/${a.evaluatorId}`) }));
      for (const a of created) {
        await this.panel.insertAssignment(em, { ...a, callId, assignedBy: actor.userId, automaticReason: null });
      }
      const rapporteursNamed = plan.rapporteurs.filter((r) => !created.some((c) => c.applicationId === r.applicationId && c.evaluatorId === r.evaluatorId));
      for (const r of rapporteursNamed) await this.panel.setRapporteur(em, r.applicationId, r.evaluatorId);
      const started = [...new Set(created.map((c) => c.applicationId))].map((id) => byId.get(id) as DossierRow).filter((d) => d.status === 'INSTRUCTED');
      await this.lifecycle.transitionAll(
        em,
        started.map((d) => ({ id: d.id, from: 'INSTRUCTED', to: 'UNDER_EVALUATION', actor })),
      );
      const result = { created, rapporteursNamed, shortfalls: plan.shortfalls };
      await this.audit.record(em, actor, { action: 'evaluation.auto_assigned', subjectType: 'call', subjectId: callId, after: { perDossier: n, ...result } });
      return result;
    });
  }

  /** INSTRUCTED → UNDER_EVALUATION on the first assignment, through the lifecycle. */
  private async startEvaluation(em: EntityManager, dossier: DossierRow, actor: Actor): Promise<void> {
    if (dossier.status !== 'INSTRUCTED') return;
    await this.lifecycle.transition(em, { id: dossier.id, from: 'INSTRUCTED', to: 'UNDER_EVALUATION', actor });
    dossier.status = 'UNDER_EVALUATION';
  }

  private async call(callId: string, em?: EntityManager, lock = false): Promise<CallRow> {
    const call = await this.panel.findCall(callId, em, lock);
    if (!call) throw callNotFound();
    return call;
  }
}

function assertAssignable(d: DossierRow): void {
  if (d.status !== 'INSTRUCTED' && d.status !== 'UNDER_EVALUATION') {
    throw new DomainError('INVALID_STATUS_TRANSITION', 'Seul un dossier instruit ou en évaluation peut être attribué à un évaluateur.', {
      currentStatus: d.status,
    });
  }
  if (d.verdict !== 'ELIGIBLE' || !d.hasInstructionReport) {
    throw new DomainError('BUSINESS_RULE_VIOLATED', "Le dossier doit être éligible et avoir un rapport d'instruction avant l'évaluation.");
  }
}

function toView(a: AssignmentRow): AssignmentView {
  return {
    applicationId: a.applicationId,
    evaluatorId: a.evaluatorId,
    evaluatorName: a.evaluatorName,
    rapporteur: a.rapporteur,
    sheetStatus: a.status,
    declaration: a.declaredConflict === null ? 'UNDECLARED' : 'DECLARED',
    conflicted: conflictedOf(a),
    automaticReason: a.automaticReason,
    waived: a.waivedBy !== null,
  };
}
