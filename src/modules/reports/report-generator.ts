import { Inject, Injectable } from '@nestjs/common';
import { nextCutOff } from './domain/annex-vii';
import { parisDate } from '../applications/domain/application-number';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { projectRoot } from '../../common/project-root';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { withIssuer } from '../documents/render/issuer-header';
import { renderPdf } from '../documents/render/pdf-renderer';
import { OPERATION_STATUSES, PROGRAMMING_STATUSES } from './domain/operation-record';
import type { ReportFormat, ReportType } from './domain/report-kinds';
import { FORECAST_TABLE, INDICATORS_TABLE, PAYMENTS_TABLE } from './domain/execution-tables';
import { forecastByQuarter } from '../payments/domain/forecast';
import { aggregateFinancialData, FINANCIAL_DATA, OPERATIONS_LIST, PROGRAMMING_TABLE } from './domain/report-tables';
import type { TableSpec } from './domain/table-columns';
import { type Batches, writeCsv, writeXlsx } from './export/table-writers';
import { ReportDataRepository, type ReportScope } from './report-data.repository';
import { fundingReportLayout, type FundingReportTexts } from './render/funding-report.layout';
import { summariseFunding } from './render/funding-summary';

export interface ReportRequest {
  id: string;
  type: ReportType;
  format: ReportFormat;
  priority: number;
  callId: string | null;
  callReference: string | null;
  callTitle: string | null;
  requestedAt: Date;
}

/** Writes one report to `path` and returns its number of data rows (operations for the funding report). */
@Injectable()
export class ReportGenerator {
  private readonly texts = JSON.parse(readFileSync(join(projectRoot(), 'templates', 'documents', 'funding-report.json'), 'utf8')) as FundingReportTexts;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly data: ReportDataRepository,
  ) {}

  async generate(r: ReportRequest, path: string): Promise<number> {
    const scope: ReportScope = { priority: r.priority, callId: r.callId };
    switch (r.type) {
      case 'FUNDING_REPORT':
        return this.fundingReport(r, scope, path);
      case 'PROGRAMMING_TABLE':
        return this.table(r, path, PROGRAMMING_TABLE, this.data.operations(PROGRAMMING_STATUSES, scope));
      case 'OPERATIONS':
        return this.table(r, path, OPERATIONS_LIST, this.data.operations(OPERATION_STATUSES, scope));
      case 'FINANCIAL_DATA': {
        // The breakdown has a handful of lines: aggregate the streamed operations, then write the lines.
        const operations = [];
        for await (const batch of this.data.operations(OPERATION_STATUSES, scope)) {
          for (const o of batch) {
            operations.push({
              priority: o.priority,
              specificObjective: o.specificObjective,
              departement: o.departement,
              regionCategory: o.regionCategory,
              interventionField: o.interventionField,
              totalEligibleCents: o.totalEligibleCents,
              euCents: o.euCents,
              declaredCents: o.declaredCents,
              verifiedCents: o.verifiedCents,
              paidCents: o.paidCents,
              irregularityCents: o.irregularityCents,
            });
          }
        }
        // Cumulative at generation, for the next transmission date (CPR art. 42(1)), counted on the Paris calendar.
        return this.table(r, path, FINANCIAL_DATA, once(aggregateFinancialData(operations, nextCutOff(parisDate(r.requestedAt)))));
      }
      case 'PAYMENTS':
        return this.table(r, path, PAYMENTS_TABLE, this.data.payments(scope));
      case 'INDICATORS':
        return this.table(r, path, INDICATORS_TABLE, this.data.indicators(scope));
      case 'PAYMENT_FORECAST':
        return this.table(r, path, FORECAST_TABLE, once(forecastByQuarter(await this.data.forecastInputs(scope))));
    }
  }

  private table<R>(r: ReportRequest, path: string, spec: TableSpec<R>, batches: Batches<R>): Promise<number> {
    if (r.format === 'CSV') return writeCsv(path, spec, batches);
    if (r.format === 'XLSX') return writeXlsx(path, spec, batches, r.requestedAt);
    throw new Error(`format ${r.format} is not offered for ${r.type}`);
  }

  private async fundingReport(r: ReportRequest, scope: ReportScope, path: string): Promise<number> {
    const calls = await this.data.callsInScope(scope);
    const operations = [];
    for await (const batch of this.data.operations(OPERATION_STATUSES, scope)) {
      for (const o of batch)
        operations.push({
          callReference: o.callReference,
          departement: o.departement,
          interventionField: o.interventionField,
          totalEligibleCents: o.totalEligibleCents,
          euCents: o.euCents,
          declaredCents: o.declaredCents,
          verifiedCents: o.verifiedCents,
          paidCents: o.paidCents,
        });
    }
    const summary = summariseFunding(calls, operations);
    const layout = fundingReportLayout(
      summary,
      {
        issuer: this.config.operatorName,
        generatedAt: r.requestedAt,
        scope: r.callReference ? { kind: 'CALL', reference: r.callReference, title: r.callTitle ?? '' } : { kind: 'PRIORITY', priority: r.priority },
        reference: `Rapport ${r.id}`,
      },
      this.texts,
    );
    // The creation date is the request's, so that a regenerated report has the same bytes.
    await writeFile(path, await renderPdf(withIssuer(layout, this.config.issuer), r.requestedAt));
    return summary.operations;
  }
}

async function* once<R>(rows: R[]): AsyncGenerator<R[]> {
  yield rows;
}
