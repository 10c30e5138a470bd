import { DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from './common/audit/audit.module';
import { AppConfig } from './config/config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { JOB_HANDLERS, JobHandler } from './jobs/job-handler';
import { JobQueues } from './common/outbox/job-queues.service';
import { JobOutcomes } from './jobs/job-outcomes.service';
import { JobReceipts } from './jobs/job-receipts.service';
import { JobSchedules } from './jobs/job-schedules.service';
import { JobWorkers } from './jobs/job-workers.service';
import { OutboxReconciler } from './jobs/outbox-reconciler.handler';
import { FilesModule } from './modules/files/files.module';
import { MetricsModule } from './modules/metrics/metrics.module';
import { WorkerMetricsServer } from './modules/metrics/worker-metrics.server';
import { TempFilesSweeper } from './modules/files/temp-sweeper.handler';
import { CommitteeMinutesHandler } from './modules/documents/committee-minutes.handler';
import { ApplicationLifecycleModule } from './modules/applications/lifecycle/application-lifecycle.module';
import { ConventionHandler } from './modules/documents/convention.handler';
import { ConventionIssued } from './modules/documents/convention-issued';
import { DecisionLetterHandler } from './modules/documents/decision-letter.handler';
import { DocumentDataRepository } from './modules/documents/document-data.repository';
import { DocumentJobRunner } from './modules/documents/document-job.runner';
import { DocumentStore } from './modules/documents/document-store.service';
import { DocumentsRepository } from './modules/documents/documents.repository';
import { ReceiptHandler } from './modules/documents/receipt.handler';
import { ExecutionReportHandler, ParticipantNoticeHandler } from './modules/execution-reports/execution-report.handler';
import { MailWorkerModule } from './modules/mail/mail-worker.module';
import { RemindersHandler } from './modules/mail/reminders.handler';
import { SendMailHandler } from './modules/mail/send-mail.handler';
import { ReportExportHandler } from './modules/reports/report-export.handler';
import { ReportsWorkerModule } from './modules/reports/reports-worker.module';
import { SystemPingHandler } from './modules/system/system-ping.handler';
import { OperationArchiveHandler } from './modules/payments/closure/archive.handler';
import { PaymentDocumentHandler } from './modules/payments/payment-documents.handler';
import { VerificationReportHandler } from './modules/verification/verification-report.handler';

const HANDLERS = [
  CommitteeMinutesHandler,
  ConventionHandler,
  DecisionLetterHandler,
  ExecutionReportHandler,
  OperationArchiveHandler,
  OutboxReconciler,
  ParticipantNoticeHandler,
  PaymentDocumentHandler,
  ReceiptHandler,
  ReportExportHandler,
  SystemPingHandler,
  TempFilesSweeper,
  VerificationReportHandler,
];
/** Handlers provided by their own worker modules. */
const MODULE_HANDLERS = [RemindersHandler, SendMailHandler];

/** The worker process: BullMQ processors and what they need, no controllers. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ApplicationLifecycleModule,
        AuditModule,
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(),
        FilesModule,
        MailWorkerModule,
        MetricsModule,
        ReportsWorkerModule,
      ],
      providers: [
        ...HANDLERS,
        ConventionIssued,
        DocumentDataRepository,
        DocumentJobRunner,
        DocumentStore,
        DocumentsRepository,
        JobOutcomes,
        JobQueues,
        JobReceipts,
        JobSchedules,
        JobWorkers,
        WorkerMetricsServer,
        { provide: JOB_HANDLERS, inject: [...HANDLERS, ...MODULE_HANDLERS], useFactory: (...handlers: JobHandler[]) => handlers },
      ],
    };
  }
}
