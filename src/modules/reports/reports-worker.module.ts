import { Module } from '@nestjs/common';
import { ReportDataRepository } from './report-data.repository';
import { ReportExportsRepository } from './report-exports.repository';
import { ReportGenerator } from './report-generator';

/** What the worker's ReportExportHandler needs (the handler itself is listed with the others in WorkerModule). */
@Module({
  providers: [ReportDataRepository, ReportExportsRepository, ReportGenerator],
  exports: [ReportExportsRepository, ReportGenerator],
})
export class ReportsWorkerModule {}
