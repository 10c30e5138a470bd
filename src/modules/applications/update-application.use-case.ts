import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor/actor';
import { AuditService, type AuditEntry } from '../../common/audit/audit.service';
import { DomainError, type FieldError } from '../../common/errors/domain-error';
import type { AuthUser } from '../auth/auth-context';
import { REGULATION_MAX_FLAT_RATE_BP } from '../cofinancing/domain/cofinancing';
import { ApplicationAccess } from './application-access.service';
import type { ApplicationRow } from './application-rows';
import type { Article15Answer, Article15Section, FinancingPlanSection, ProjectSection } from './domain/application-content';
import { isCalendarDate } from './domain/duration';
import { computeApplicationPlan } from './domain/submission-checks';
import { Article15AnswerDto, Article15Dto } from './dto/article15.dto';
import { FinancingPlanDto } from './dto/financing-plan.dto';
import { ProjectDto } from './dto/project.dto';
import { ApplicationsRepository } from './applications.repository';
import { ApplicationStateAidRepository } from './application-state-aid.repository';
import { deMinimisCeiling, isStateAid, type StateAidDeclaration, validateStateAid } from '../cofinancing/domain/state-aid';
import { formatEuros } from '../../common/money/cents';
import { staleVersion, versionFromIfMatch } from '../../common/http/etag';
import type { ComplementSection } from './domain/complements';

/**
 * Section updates of a draft, each with optimistic concurrency: the row is locked, its version compared with the
 * If-Match the client sent (412 when stale, 428 when absent), and written with `WHERE id = $1 AND version = $2`.
 * Access comes first, so a stranger's dossier is a 404 whatever the headers.
 */
@Injectable()
export class UpdateApplicationUseCase {
  constructor(
    private readonly access: ApplicationAccess,
    private readonly applications: ApplicationsRepository,
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
    private readonly stateAid: ApplicationStateAidRepository,
  ) {}

  async updateProject(user: AuthUser, actor: Actor, id: string, ifMatch: string | undefined, dto: ProjectDto): Promise<number> {
    const project = normaliseProject(dto);
    return this.edit(user, actor, id, ifMatch, 'PROJECT', async (em, row) => ({
      written: await this.applications.updateProject(em, id, row.version, project),
      audit: { action: 'application.project.updated', subjectType: 'application', subjectId: id, after: { version: row.version + 1 } },
    }));
  }

  async updateArticle15(user: AuthUser, actor: Actor, id: string, ifMatch: string | undefined, dto: Article15Dto): Promise<number> {
    const a15: Article15Section = { i1: answer(dto.i1), i2: answer(dto.i2), ii: answer(dto.ii) };
    return this.edit(user, actor, id, ifMatch, 'ARTICLE_15', async (em, row) => ({
      written: await this.applications.updateArticle15(em, id, row.version, a15),
      audit: {
        action: 'application.article15.updated',
        subjectType: 'application',
        subjectId: id,
        after: { version: row.version + 1, answers: { i1: a15.i1?.answer ?? null, i2: a15.i2?.answer ?? null, ii: a15.ii?.answer ?? null } },
      },
    }));
  }

  /** Saves the plan even when it breaks a co-financing rule (the view lists the violations; submission refuses them). */
  async updateFinancingPlan(user: AuthUser, actor: Actor, id: string, ifMatch: string | undefined, dto: FinancingPlanDto): Promise<number> {
    return this.edit(user, actor, id, ifMatch, 'FINANCING_PLAN', async (em, row) => {
      const call = (await this.applications.findCall(row.callId, em))!;
      const declared = await this.stateAid.find(id, em);
      const callRate = call.costOptions.find((o) => o.option === dto.costOption)?.rateBp;
      const section: FinancingPlanSection = {
        costOption: dto.costOption,
        flatRateBp: dto.flatRateBp ?? Math.min(callRate ?? REGULATION_MAX_FLAT_RATE_BP[dto.costOption], REGULATION_MAX_FLAT_RATE_BP[dto.costOption]),
        // The declared regime decides when there is one (docs/domain/state-aid.md); the plan's own flag otherwise.
        stateAid: declared ? isStateAid(declared.regime) : (dto.stateAid ?? false),
        lines: dto.lines.map((l) => ({
          category: l.category,
          label: (l.label ?? '').trim(),
          amountCents: l.amountCents,
          ...(l.simplifiedCostCode ? { simplifiedCostCode: l.simplifiedCostCode, quantity: l.quantity ?? 0 } : {}),
        })),
        resources: dto.resources.map((r) => ({ type: r.type, funderName: r.funderName?.trim() || null, amountCents: r.amountCents })),
      };
      const { plan, errors } = computeApplicationPlan(section, call);
      if (!plan) throw new DomainError('VALIDATION_FAILED', `${errors.length} champ(s) invalide(s).`, { errors });
      const before = {
        costOption: row.costOption,
        flatRateBp: row.flatRateBp,
        stateAid: row.stateAid,
        lines: await this.applications.lines(id, em),
        resources: await this.applications.resources(id, em),
      };
      return {
        written: await this.applications.updateFinancingPlan(em, id, row.version, section, plan),
        // Money-relevant edit: the audit keeps the plan before and after (docs/security.md).
        audit: {
          action: 'application.financing_plan.updated',
          subjectType: 'application',
          subjectId: id,
          before,
          after: { ...section, totalEligibleCents: plan.totalEligibleCostsCents, euRequestedCents: plan.requestedEsfPlusCents },
        },
      };
    });
  }

  /**
   * The State aid section (docs/domain/state-aid.md): one regime with its facts, or « no State aid » justified. A de
   * minimis aid that would take the undertaking over the three-year ceiling with the ESF+ amount requested is refused.
   */
  async updateStateAid(user: AuthUser, actor: Actor, id: string, ifMatch: string | undefined, d: StateAidDeclaration): Promise<number> {
    const errors = validateStateAid(d);
    if (errors.length) throw new DomainError('VALIDATION_FAILED', `${errors.length} champ(s) invalide(s).`, { errors });
    return this.edit(user, actor, id, ifMatch, 'FINANCING_PLAN', async (em, row) => {
      const ceiling = deMinimisCeiling(d.regime, d.deMinimisReceivedCents, row.euRequestedCents ?? 0);
      if (ceiling.applies && ceiling.exceeded) {
        throw new DomainError('VALIDATION_FAILED', 'Plafond de minimis dépassé.', {
          errors: [
            {
              path: 'deMinimisReceivedCents',
              code: 'DE_MINIMIS_CEILING_EXCEEDED',
              message: `Avec le FSE+ demandé (${formatEuros(row.euRequestedCents ?? 0)}), les aides de minimis reçues sur trois ans atteindraient ${formatEuros(ceiling.totalCents)}, au-delà du plafond de ${formatEuros(ceiling.ceilingCents)} : l'aide ne peut pas être accordée sous ce régime.`,
            },
          ],
        });
      }
      const before = await this.stateAid.find(id, em);
      return {
        written: await this.stateAid.save(em, id, row.version, d, user.id),
        audit: {
          action: 'application.state_aid.updated',
          subjectType: 'application',
          subjectId: id,
          before: before ?? undefined,
          after: { ...d, version: row.version + 1 },
        },
      };
    });
  }

  private async edit(
    user: AuthUser,
    actor: Actor,
    id: string,
    ifMatch: string | undefined,
    section: ComplementSection,
    write: (em: EntityManager, row: ApplicationRow) => Promise<{ written: boolean; audit: AuditEntry }>,
  ): Promise<number> {
    return this.dataSource.transaction(async (em) => {
      const row = await this.access.forEdit(user, id, em, true, { section });
      if (versionFromIfMatch(ifMatch) !== row.version) throw staleVersion('Le dossier');
      const { written, audit } = await write(em, row);
      if (!written) throw staleVersion('Le dossier');
      await this.audit.record(em, actor, audit);
      // The write matched `version = row.version` and set `version + 1`: the new ETag, for the next autosave.
      return row.version + 1;
    });
  }
}

function normaliseProject(dto: ProjectDto): ProjectSection {
  const text = (v: string | null | undefined) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
  const errors: FieldError[] = [];
  for (const field of ['startDate', 'endDate', 'experimentationStartDate'] as const) {
    const v = dto[field];
    if (v && !isCalendarDate(v)) errors.push({ path: field, code: 'INVALID_DATE', message: "Cette date n'existe pas." });
  }
  if (!errors.length && dto.startDate && dto.endDate && dto.endDate < dto.startDate) {
    errors.push({ path: 'endDate', code: 'DATES_INVERTED', message: 'La date de fin doit être postérieure à la date de début.' });
  }
  if (errors.length) throw new DomainError('VALIDATION_FAILED', `${errors.length} champ(s) invalide(s).`, { errors });
  return {
    title: text(dto.title),
    summary: text(dto.summary),
    socialNeed: text(dto.socialNeed),
    targetPublics: [...new Set(dto.targetPublics ?? [])],
    startDate: dto.startDate || null,
    endDate: dto.endDate || null,
    place: text(dto.place),
    departement: text(dto.departement)?.toUpperCase() ?? null,
    withParticipants: dto.withParticipants ?? null,
    plannedParticipants: dto.withParticipants === false ? null : (dto.plannedParticipants ?? null),
    operationType: dto.operationType || null,
    existingProject: dto.existingProject ?? null,
    // The three grounds of an existing project mean nothing for a new one (docs/domain/eligibility.md).
    experimentationStartDate: dto.existingProject ? dto.experimentationStartDate || null : null,
    newTerritory: dto.existingProject ? (dto.newTerritory ?? null) : null,
    substantialChange: dto.existingProject ? (dto.substantialChange ?? null) : null,
    physicalInvestment: dto.physicalInvestment ?? null,
  };
}

function answer(dto: Article15AnswerDto | null | undefined): Article15Answer | null {
  if (!dto) return null;
  const justification = dto.justification?.trim() || null;
  return { answer: dto.answer ?? null, justification };
}
