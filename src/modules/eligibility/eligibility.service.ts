import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor/actor';
import { AuditService } from '../../common/audit/audit.service';
import { DomainError } from '../../common/errors/domain-error';
import { staleVersion } from '../../common/http/etag';
import { ApplicationLifecycle } from '../applications/lifecycle/application-lifecycle';
import type { AuthUser } from '../auth/auth-context';
import { applyOverrides } from './domain/apply-overrides';
import { type CsessScore, DEFAULT_CSESS_GRID as DEFAULT_GRID, validateCsessScores } from './domain/csess-grid';
import { evaluateEligibility } from './domain/evaluate-eligibility';
import { factsFromSubmission } from './domain/facts-from-submission';
import { verdictOf } from './domain/verdict';
import type { CsessScoresDto, RuleOverrideDto } from './dto/eligibility.dto';
import { type EligibilityView, toEligibilityView } from './eligibility.view';
import { type EligibilityReportRow, EligibilityRepository, type InstructedDossier } from './eligibility.repository';

export const dossierNotFound = (): DomainError => new DomainError('NOT_FOUND', "Ce dossier n'existe pas ou ne vous est pas accessible.");

const notEvaluated = (): DomainError =>
  new DomainError('ELIGIBILITY_NOT_EVALUATED', "L'éligibilité de ce dossier n'a pas encore été examinée : lancez d'abord l'évaluation.");

/**
 * Eligibility of a dossier (docs/domain/eligibility.md): the engine runs on the latest submission and the call version it was
 * submitted under; the instructor overrides rules with written reasons and confirms the verdict. Each change is one
 * transaction with its audit row last.
 */
@Injectable()
export class EligibilityService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
    private readonly eligibility: EligibilityRepository,
    private readonly lifecycle: ApplicationLifecycle,
  ) {}

  /** The stored report, or null when the engine never ran on this dossier (404 for an unknown or draft dossier). */
  async get(id: string): Promise<{ dossier: InstructedDossier; view: EligibilityView | null }> {
    const dossier = await this.eligibility.findSubmittedDossier(id);
    if (!dossier) throw dossierNotFound();
    const report = await this.eligibility.findReport(id);
    return { dossier, view: report ? await this.present(dossier, report) : null };
  }

  /** Runs every rule; the first run moves ADMISSIBLE → UNDER_INSTRUCTION. */
  async evaluate(user: AuthUser, actor: Actor, id: string): Promise<EligibilityView> {
    await this.dataSource.transaction(async (em) => {
      const dossier = await this.eligibility.findSubmittedDossier(id, em, true);
      if (!dossier) throw dossierNotFound();
      if (dossier.status !== 'ADMISSIBLE' && dossier.status !== 'UNDER_INSTRUCTION') {
        throw new DomainError('INVALID_STATUS_TRANSITION', "L'éligibilité s'examine sur un dossier recevable ou en instruction.", {
          currentStatus: dossier.status,
        });
      }
      const submission = await this.eligibility.latestSubmission(id, em);
      const call = await this.eligibility.callRules(dossier.callId, dossier.callVersion, em);
      if (!submission || !call) throw dossierNotFound();
      const facts = factsFromSubmission(submission, call, this.config.grantorNature);
      const report = evaluateEligibility(facts);
      const version = await this.eligibility.saveEvaluation(em, {
        applicationId: id,
        ruleSetVersion: report.ruleSetVersion,
        facts,
        results: report.results,
        evaluatedBy: user.id,
      });

      const evaluated = {
        ruleSetVersion: report.ruleSetVersion,
        engineEligible: report.eligible,
        failing: report.results.filter((r) => !r.passed).map((r) => r.ruleId),
        reportVersion: version,
      };
      if (dossier.status === 'ADMISSIBLE') {
        // The first run opens the instruction: the transition's audit row is this evaluation's.
        await this.lifecycle.transition(em, {
          id,
          from: 'ADMISSIBLE',
          to: 'UNDER_INSTRUCTION',
          actor,
          reason: "Examen de l'éligibilité",
          audit: { action: 'eligibility.evaluated', after: evaluated },
        });
      } else {
        await this.audit.record(em, actor, { action: 'eligibility.evaluated', subjectType: 'application', subjectId: id, after: evaluated });
      }
    });
    return this.reload(id);
  }

  async override(user: AuthUser, actor: Actor, id: string, ruleId: string, expectedVersion: number, dto: RuleOverrideDto): Promise<EligibilityView> {
    const reason = dto.reason.trim();
    if (reason.length < 10) {
      throw new DomainError('VALIDATION_FAILED', 'Le motif écrit est obligatoire.', {
        errors: [{ path: 'reason', code: 'REASON_REQUIRED', message: 'Le motif écrit est obligatoire (10 caractères au moins).' }],
      });
    }
    await this.change(id, expectedVersion, async (em, report) => {
      const overrides = [
        ...report.overrides.filter((o) => o.ruleId !== ruleId),
        { ruleId, passed: dto.passed, reason, by: user.id, at: new Date().toISOString() },
      ];
      // Checks the rule id against the stored results (VALIDATION_FAILED on an unknown rule).
      applyOverrides({ ruleSetVersion: report.ruleSetVersion, eligible: false, results: report.results }, overrides);
      if (!(await this.eligibility.saveOverrides(em, id, expectedVersion, overrides))) throw staleVersion("Le rapport d'éligibilité");
      const engine = report.results.find((r) => r.ruleId === ruleId)!;
      await this.audit.record(em, actor, {
        action: 'eligibility.rule_overridden',
        subjectType: 'application',
        subjectId: id,
        before: { ruleId, enginePassed: engine.passed, override: report.overrides.find((o) => o.ruleId === ruleId) ?? null, verdict: report.verdict },
        after: { ruleId, passed: dto.passed, reason, reportVersion: expectedVersion + 1 },
      });
    });
    return this.reload(id);
  }

  /** Records ELIGIBLE / INELIGIBLE from the effective results, with every failing rule as a reason. */
  async confirm(user: AuthUser, actor: Actor, id: string, expectedVersion: number): Promise<EligibilityView> {
    await this.change(id, expectedVersion, async (em, report) => {
      const v = verdictOf(applyOverrides({ ruleSetVersion: report.ruleSetVersion, eligible: false, results: report.results }, report.overrides));
      if (!(await this.eligibility.confirm(em, id, expectedVersion, { verdict: v.verdict, reasons: v.reasons, by: user.id })))
        throw staleVersion("Le rapport d'éligibilité");
      await this.audit.record(em, actor, {
        action: 'eligibility.confirmed',
        subjectType: 'application',
        subjectId: id,
        before: { verdict: report.verdict },
        after: { verdict: v.verdict, reasons: v.reasons.map((r) => r.ruleId), reportVersion: expectedVersion + 1 },
      });
    });
    return this.reload(id);
  }

  /** CSESS scoring: replaces the scores; non-blocking, the verdict stays as it is. */
  async scoreCsess(actor: Actor, id: string, expectedVersion: number, dto: CsessScoresDto): Promise<EligibilityView> {
    const scores: CsessScore[] = dto.scores.map((s) => ({ code: s.code, score: s.score, comment: s.comment?.trim() || null }));
    await this.change(id, expectedVersion, async (em, report, dossier) => {
      const grid = await this.gridOf(dossier, em);
      const errors = validateCsessScores(grid.grid, scores);
      if (errors.length) throw new DomainError('VALIDATION_FAILED', `${errors.length} note(s) invalide(s).`, { errors });
      if (!(await this.eligibility.saveCsessScores(em, id, expectedVersion, scores))) throw staleVersion("Le rapport d'éligibilité");
      await this.audit.record(em, actor, {
        action: 'eligibility.csess_scored',
        subjectType: 'application',
        subjectId: id,
        before: { scores: report.csessScores },
        after: { scores, reportVersion: expectedVersion + 1 },
      });
    });
    return this.reload(id);
  }

  private async change(
    id: string,
    expectedVersion: number,
    work: (em: EntityManager, report: EligibilityReportRow, dossier: InstructedDossier) => Promise<void>,
  ): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const dossier = await this.eligibility.findSubmittedDossier(id, em, true);
      if (!dossier) throw dossierNotFound();
      const report = await this.eligibility.findReport(id, em, true);
      if (!report) throw notEvaluated();
      if (dossier.status !== 'UNDER_INSTRUCTION') {
        throw new DomainError('INVALID_STATUS_TRANSITION', "L'éligibilité ne se modifie que pendant l'instruction du dossier.", {
          currentStatus: dossier.status,
        });
      }
      if (report.version !== expectedVersion) throw staleVersion("Le rapport d'éligibilité");
      await work(em, report, dossier);
    });
  }

  private async reload(id: string): Promise<EligibilityView> {
    const { view } = await this.get(id);
    return view!;
  }

  private async gridOf(dossier: InstructedDossier, em?: EntityManager) {
    const call = await this.eligibility.callRules(dossier.callId, dossier.callVersion, em);
    return call?.csessGrid ? { grid: call.csessGrid, isDefault: false } : { grid: DEFAULT_GRID, isDefault: true };
  }

  private async present(dossier: InstructedDossier, report: EligibilityReportRow): Promise<EligibilityView> {
    return toEligibilityView(dossier, report, await this.gridOf(dossier));
  }
}
