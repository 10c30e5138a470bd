import { IdempotencyModule } from '../../common/idempotency/idempotency.module';
import { Module } from '@nestjs/common';
import { AuditModule } from '../../common/audit/audit.module';
import { DocumentsModule } from '../documents/documents.module';
import { FilesModule } from '../files/files.module';
import { OperationsModule } from '../operations/operations.module';
import { PARTICIPANTS_CONTROLLERS, PARTICIPANTS_PROVIDERS } from '../participants/participants.providers';
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
  controllers: [ExecutionReportsController, ...PARTICIPANTS_CONTROLLERS, ReportPagesController, TargetsPagesController],
  providers: [ExecutionReportsRepository, ExecutionReportsService, ExpenditureFilesUseCase, ...PARTICIPANTS_PROVIDERS, ReportAccess, ReportContent],
  exports: [ExecutionReportsRepository, ParticipantsService, ReportAccess, ReportContent],
})
export class ExecutionReportsModule {}
