import { Module } from '@nestjs/common';
import { ApplicationsModule } from '../applications/applications.module';
import { AuditModule } from '../../common/audit/audit.module';
import { EligibilityModule } from '../eligibility/eligibility.module';
import { InstructionReportController } from './instruction-report.controller';
import { InstructionReportRepository } from './instruction-report.repository';
import { InstructionReportService } from './instruction-report.service';
import { ReportPagesController } from './web/report-pages.controller';

/** The instruction report: API and the instructor's page. */
@Module({
  imports: [ApplicationsModule, AuditModule, EligibilityModule],
  controllers: [InstructionReportController, ReportPagesController],
  providers: [InstructionReportRepository, InstructionReportService],
})
export class InstructionReportModule {}
