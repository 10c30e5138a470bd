import { Module } from '@nestjs/common';
import { ReportExportsRepository } from './report-exports.repository';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';
import { ReportsPagesController } from './web/reports-pages.controller';

/** Reports and exports for the managing authority: API under /api/v1/reports and the page /autorite-de-gestion/rapports. */
@Module({
  controllers: [ReportsController, ReportsPagesController],
  providers: [ReportExportsRepository, ReportsService],
})
export class ReportsModule {}
