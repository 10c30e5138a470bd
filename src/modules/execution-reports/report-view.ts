import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { LineCategory } from '../cofinancing/domain/cofinancing';
import type { CostOption } from '../cofinancing/domain/cofinancing';
import { computeIndicators, INDICATOR_LABELS, type IndicatorCode } from '../participants/domain/indicators';
import { targetedCodes } from '../participants/domain/targets';
import { ParticipantsReader } from '../participants/participants-reader';
import { OperationViews } from '../operations/operation-view.service';
import { OperationReader } from '../operations/operation-reader';
import { statement } from './domain/expenditure';
import { ExecutionReportsRepository, type ReportRow } from './execution-reports.repository';

/**
 * The computed content of a report: lines with their files, the statement beside the plan in force (variances beyond
 * the call's tolerance flagged), the indicators computed from the participants beside the targets. No names.
 */
@Injectable()
export class ReportContent {
  constructor(
    private readonly operations: OperationReader,
    private readonly participants: ParticipantsReader,
    private readonly reports: ExecutionReportsRepository,
    private readonly views: OperationViews,
  ) {}

  async compute(report: ReportRow, callId: string, em?: EntityManager) {
    // One after the other: inside a transaction the queries share one connection.
    const lines = await this.reports.lines(report.id, em);
    const plan = await this.reports.retainedPlan(report.applicationId, em);
    const settings = await this.operations.callSettings(callId, em);
    const facts = await this.participants.indicatorFacts(report.applicationId, report.periodStart, report.periodEnd, em);
    const targets = await this.views.targets(report.applicationId);
    const st = statement(
      lines.map((l) => ({ category: l.category, eligibleCents: l.eligibleCents })),
      {
        costOption: plan.costOption as CostOption,
        flatRateBp: plan.flatRateBp,
        rateBp: plan.rateBp,
        lines: plan.lines.map((l) => ({ category: l.category as LineCategory, amountCents: l.amountCents })),
      },
      settings.reallocationToleranceBp,
    );
    const values = computeIndicators(facts);
    const codes = targetedCodes(settings.indicatorCodes) as IndicatorCode[];
    const indicators = codes.map((code) => ({
      code,
      label: INDICATOR_LABELS[code] ?? code,
      value: values[code],
      target: targets.find((t) => t.code === code) ?? null,
    }));
    return {
      lines,
      plan: {
        versionNo: plan.versionNo,
        costOption: plan.costOption,
        flatRateBp: plan.flatRateBp,
        totalEligibleCents: plan.totalEligibleCents,
        euCents: plan.euCents,
      },
      statement: st,
      toleranceBp: settings.reallocationToleranceBp,
      indicators,
      participantCount: values.EECO01.total,
    };
  }
}
