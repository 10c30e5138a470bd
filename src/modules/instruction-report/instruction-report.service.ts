import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../../common/actor/actor';
import { AuditService } from '../../common/audit/audit.service';
import { DomainError } from '../../common/errors/domain-error';
import { staleVersion } from '../../common/http/etag';
import { APPLICATION_STATUS_LABELS, assertTransition } from '../applications/domain/application-status';
import { ApplicationLifecycle } from '../applications/lifecycle/application-lifecycle';
import type { AuthUser } from '../auth/auth-context';
import { type EligibilityReportRow, EligibilityReader, type InstructedDossier } from '../eligibility/eligibility-reader';
import { dossierNotFound } from '../eligibility/eligibility.service';
import { checkReducedPlan, planDifferences } from './domain/reduced-plan';
import { normaliseSections, OPINION_LABELS, opinionAllowed, reportGaps } from './domain/report-sections';
import type { InstructionReportDto } from './dto/instruction-report.dto';
import { type InstructionReportRow, InstructionReportRepository, type PlanVersionRow } from './instruction-report.repository';

export interface InstructionReportView {
  applicationId: string;
  number: string | null;
  title: string | null;
  organisationName: string;
  status: InstructedDossier['status'];
  statusLabel: string;
  /** 0 while no report is written: the If-Match of the first PUT. */
  version: number;
  report: InstructionReportRow | null;
  eligibility: Pick<EligibilityReportRow, 'verdict' | 'verdictReasons' | 'confirmedAt'> | null;
  planVersions: PlanVersionRow[];
  /** The retained plan is the highest version. */
  retainedVersionNo: number | null;
  differences: ReturnType<typeof planDifferences> | null;
}

const notConfirmed = () => new DomainError('ELIGIBILITY_NOT_CONFIRMED', "Le verdict d'éligibilité doit être confirmé avant le rapport d'instruction.");
const ineligibleFavorable = () =>
  new DomainError('INELIGIBLE_REQUIRES_DEFAVORABLE', "Le dossier a été déclaré inéligible : l'avis d'instruction ne peut être que défavorable.", {
    errors: [{ path: 'opinion', code: 'INELIGIBLE_REQUIRES_DEFAVORABLE', message: 'Dossier inéligible : seul un avis défavorable est possible.' }],
  });

/**
 * The instruction report (docs/domain/lifecycle.md): an opinion with its motivation once eligibility is confirmed, optionally a
 * reduced financing plan stored as a new plan version, then UNDER_INSTRUCTION → INSTRUCTED.
 */
@Injectable()
export class InstructionReportService {
  constructor(
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
    private readonly eligibility: EligibilityReader,
    private readonly lifecycle: ApplicationLifecycle,
    private readonly reports: InstructionReportRepository,
  ) {}

  async get(id: string): Promise<InstructionReportView> {
    const dossier = await this.eligibility.findSubmittedDossier(id);
    if (!dossier) throw dossierNotFound();
    const [report, eligibility, versions] = await Promise.all([this.reports.findReport(id), this.eligibility.findReport(id), this.reports.planVersions(id)]);
    const applicant = versions[0];
    const retained = versions[versions.length - 1];
    return {
      applicationId: id,
      number: dossier.number,
      title: dossier.title,
      organisationName: dossier.organisationName,
      status: dossier.status,
      statusLabel: APPLICATION_STATUS_LABELS[dossier.status],
      version: report?.version ?? 0,
      report,
      eligibility: eligibility ? { verdict: eligibility.verdict, verdictReasons: eligibility.verdictReasons, confirmedAt: eligibility.confirmedAt } : null,
      planVersions: versions,
      retainedVersionNo: retained?.versionNo ?? null,
      differences: applicant && retained ? planDifferences(applicant, retained) : null,
    };
  }

  async write(user: AuthUser, actor: Actor, id: string, expectedVersion: number, dto: InstructionReportDto): Promise<InstructionReportView> {
    await this.dataSource.transaction(async (em) => {
      const dossier = await this.eligibility.findSubmittedDossier(id, em, true);
      if (!dossier) throw dossierNotFound();
      if (dossier.status !== 'UNDER_INSTRUCTION') {
        throw new DomainError('INVALID_STATUS_TRANSITION', "Le rapport d'instruction s'écrit pendant l'instruction du dossier.", {
          currentStatus: dossier.status,
        });
      }
      const report = await this.reports.findReport(id, em, true);
      if ((report?.version ?? 0) !== expectedVersion) throw staleVersion("Le rapport d'instruction");
      const eligibility = await this.eligibility.findReport(id, em);
      if (!eligibility?.verdict) throw notConfirmed();
      if (!opinionAllowed(dto.opinion, eligibility.verdict)) throw ineligibleFavorable();

      const versions = await this.reports.planVersions(id, em);
      const applicant = versions[0];
      if (!applicant) throw new DomainError('CONFLICT', 'Le plan de financement déposé par le porteur est introuvable.');
      let planVersionNo = (versions.at(-1) ?? applicant).versionNo;
      let reduced: { euCents: number; totalEligibleCents: number } | null = null;
      if (dto.reducedPlan) {
        const lines = dto.reducedPlan.lines.map((l) => ({ category: l.category, label: (l.label ?? '').trim(), amountCents: l.amountCents }));
        const resources = dto.reducedPlan.resources.map((r) => ({ type: r.type, funderName: r.funderName?.trim() || null, amountCents: r.amountCents }));
        const stateAid = await this.reports.submittedStateAid(id, em);
        const { plan, errors } = checkReducedPlan({ ...applicant, stateAid, euCents: applicant.totals.euCents }, { lines, resources });
        if (!plan || errors.length)
          throw new DomainError('REDUCED_PLAN_INVALID', `Le plan réduit ne peut pas être retenu : ${errors.length} point(s) à corriger.`, { errors });
        planVersionNo += 1;
        await this.reports.insertInstructorPlan(em, {
          applicationId: id,
          versionNo: planVersionNo,
          costOption: applicant.costOption,
          flatRateBp: applicant.flatRateBp,
          rateBp: applicant.rateBp,
          lines,
          resources,
          plan,
          reason: dto.reducedPlan.reason.trim(),
          createdBy: user.id,
        });
        reduced = { euCents: plan.requestedEsfPlusCents, totalEligibleCents: plan.totalEligibleCostsCents };
      }
      const sections = normaliseSections({ ...dto.sections });
      const saved = await this.reports.saveReport(em, {
        applicationId: id,
        expectedVersion,
        opinion: dto.opinion,
        motivation: dto.motivation.trim(),
        sections,
        planVersionNo,
        writtenBy: user.id,
      });
      if (!saved) throw staleVersion("Le rapport d'instruction");
      await this.audit.record(em, actor, {
        action: 'instruction_report.written',
        subjectType: 'application',
        subjectId: id,
        before: report ? { opinion: report.opinion, planVersionNo: report.planVersionNo, version: report.version } : undefined,
        after: {
          opinion: dto.opinion,
          sectionsWritten: Object.keys(sections),
          planVersionNo,
          version: expectedVersion + 1,
          ...(reduced ? { reducedPlan: { applicantEuCents: applicant.totals.euCents, ...reduced } } : {}),
        },
      });
    });
    return this.get(id);
  }

  /** UNDER_INSTRUCTION → INSTRUCTED, with the report as it stands and a confirmed, consistent eligibility verdict. */
  async submit(user: AuthUser, actor: Actor, id: string, expectedVersion: number): Promise<InstructionReportView> {
    await this.dataSource.transaction(async (em) => {
      const dossier = await this.eligibility.findSubmittedDossier(id, em, true);
      if (!dossier) throw dossierNotFound();
      const report = await this.reports.findReport(id, em, true);
      if (!report) throw new DomainError('INSTRUCTION_REPORT_MISSING', "Rédigez le rapport d'instruction avant de le valider.");
      assertTransition(dossier.status, 'INSTRUCTED');
      // The report validated must be the one the instructor read (If-Match, docs/api.md).
      if (report.version !== expectedVersion) throw staleVersion("Le rapport d'instruction");
      // The eligibility may have been re-examined since the report was written.
      const eligibility = await this.eligibility.findReport(id, em);
      if (!eligibility?.verdict) throw notConfirmed();
      if (!opinionAllowed(report.opinion, eligibility.verdict)) throw ineligibleFavorable();
      // Every section is required before validation; a report written before the structure must be completed too.
      const gaps = reportGaps(report);
      if (gaps.length)
        throw new DomainError('INSTRUCTION_REPORT_INCOMPLETE', `Le rapport ne peut pas être validé : ${gaps.length} rubrique(s) à rédiger.`, { errors: gaps });
      await this.reports.markSubmitted(em, id, user.id);
      await this.lifecycle.transition(em, {
        id,
        from: 'UNDER_INSTRUCTION',
        to: 'INSTRUCTED',
        actor,
        reason: `Avis ${OPINION_LABELS[report.opinion].toLowerCase()}`,
        audit: { action: 'application.instructed', after: { opinion: report.opinion, verdict: eligibility.verdict, planVersionNo: report.planVersionNo } },
      });
    });
    return this.get(id);
  }
}
