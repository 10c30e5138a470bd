import { IdempotencyModule } from '../../common/idempotency/idempotency.module';
import { Module } from '@nestjs/common';
import { AuditModule } from '../../common/audit/audit.module';
import { DocumentsModule } from '../documents/documents.module';
import { FilesModule } from '../files/files.module';
import { OperationsModule } from '../operations/operations.module';
import { IndicatorTargetsController } from '../participants/indicator-targets.controller';
import { IndicatorTargetsService } from '../participants/indicator-targets.service';
import { ParticipantsExport } from '../participants/participants-export.service';
import { ParticipantsController } from '../participants/participants.controller';
import { ParticipantsRepository } from '../participants/participants.repository';
import { ParticipantsService } from '../participants/participants.service';
import { TargetsPagesController } from './web/targets-pages.controller';
import { ApplicationsModule } from '../applications/applications.module';
import { ExecutionReportsController } from './execution-reports.controller';
import { ExecutionReportsRepository } from './execution-reports.repository';
import { ExecutionReportsService } from './execution-reports.service';
import { ExpenditureFilesUseCase } from './expenditure-files.use-case';
import { ReportAccess } from './report-access';
import { ReportContent } from './report-view';
import { ReportPagesController } from './web/report-pages.controller';

/**
 * Execution reports with their expenditure and participants (one Nest module: a report's indicators read its
 * participants, and participants are reached through their report). Folders: execution-reports/, participants/.
 */
@Module({
  imports: [ApplicationsModule, AuditModule, DocumentsModule, FilesModule, IdempotencyModule, OperationsModule],
  controllers: [ExecutionReportsController, IndicatorTargetsController, ParticipantsController, ReportPagesController, TargetsPagesController],
  providers: [
    ExecutionReportsRepository,
    ExecutionReportsService,
    ExpenditureFilesUseCase,
    IndicatorTargetsService,
    ParticipantsExport,
    ParticipantsRepository,
    ParticipantsService,
    ReportAccess,
    ReportContent,
  ],
  exports: [ExecutionReportsRepository, ParticipantsRepository, ParticipantsService, ReportAccess, ReportContent],
})
export class ExecutionReportsModule {}
