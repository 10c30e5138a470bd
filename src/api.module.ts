import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AuditModule } from './common/audit/audit.module';
import { ProblemFilter } from './common/errors/problem.filter';
import { OutboxModule } from './common/outbox/outbox.module';
import { AppConfig } from './config/config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { RedisModule } from './infra/redis.module';
import { AccountsModule } from './modules/accounts/accounts.module';
import { AdministrationModule } from './modules/administration/administration.module';
import { AmendmentsModule } from './modules/amendments/amendments.module';
import { AdmissibilityModule } from './modules/admissibility/admissibility.module';
import { ApplicationsModule } from './modules/applications/applications.module';
import { AuthModule } from './modules/auth/auth.module';
import { CallsModule } from './modules/calls/calls.module';
import { CatalogueModule } from './modules/catalogue/catalogue.module';
import { DashboardModule } from './modules/dashboard/dashboard.module';
import { CommitteeModule } from './modules/committee/committee.module';
import { CofinancingModule } from './modules/cofinancing/cofinancing.module';
import { DocumentsModule } from './modules/documents/documents.module';
import { EligibilityModule } from './modules/eligibility/eligibility.module';
import { EvaluationModule } from './modules/evaluation/evaluation.module';
import { ExecutionReportsModule } from './modules/execution-reports/execution-reports.module';
import { FilesModule } from './modules/files/files.module';
import { ApiMetricsModule } from './modules/metrics/api-metrics.module';
import { HealthController } from './modules/health/health.controller';
import { InstructionModule } from './modules/instruction/instruction.module';
import { InstructionReportModule } from './modules/instruction-report/instruction-report.module';
import { PaymentsModule } from './modules/payments/payments.module';
import { MailModule } from './modules/mail/mail.module';
import { OpenDataModule } from './modules/open-data/open-data.module';
import { OperationsModule } from './modules/operations/operations.module';
import { OrganisationsModule } from './modules/organisations/organisations.module';
import { ReportsModule } from './modules/reports/reports.module';
import { SystemModule } from './modules/system/system.module';
import { VerificationModule } from './modules/verification/verification.module';
import { MessagesModule } from './modules/messages/messages.module';
import { WebModule } from './modules/web/web.module';

/** The api process: controllers and job producers, never processors. */
@Module({})
export class ApiModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        AccountsModule,
        ApiMetricsModule,
        AdministrationModule,
        AdmissibilityModule,
        AmendmentsModule,
        ApplicationsModule,
        AuditModule,
        AuthModule,
        CallsModule,
        CatalogueModule,
        CofinancingModule,
        CommitteeModule,
        ConfigModule.forRoot(config),
        DashboardModule,
        DatabaseModule.forRoot(),
        DocumentsModule,
        EligibilityModule,
        EvaluationModule,
        ExecutionReportsModule,
        FilesModule,
        InstructionModule,
        InstructionReportModule,
        MailModule,
        MessagesModule,
        OpenDataModule,
        OperationsModule,
        OrganisationsModule,
        OutboxModule,
        PaymentsModule,
        RedisModule,
        ReportsModule,
        SystemModule,
        VerificationModule,
        WebModule,
      ],
      controllers: [HealthController],
      providers: [{ provide: APP_FILTER, useClass: ProblemFilter }],
    };
  }
}
