import { IdempotencyModule } from '../../common/idempotency/idempotency.module';
import { ApplicationStateAidPagesController } from './web/application-state-aid-pages.controller';
import { ApplicationStateAidRepository } from './application-state-aid.repository';
import { Module } from '@nestjs/common';
import { AuditModule } from '../../common/audit/audit.module';
import { DocumentsModule } from '../documents/documents.module';
import { FilesModule } from '../files/files.module';
import { ApplicationAccess } from './application-access.service';
import { ApplicationDocumentsController } from './application-documents.controller';
import { ApplicationDocumentsRepository } from './application-documents.repository';
import { ApplicationDocumentsUseCase } from './application-documents.use-case';
import { ApplicationQueriesRepository } from './application-queries.repository';
import { ApplicationReader } from './application-reader.service';
import { ApplicationViews } from './application-view.service';
import { ApplicationsController } from './applications.controller';
import { ApplicationsRepository } from './applications.repository';
import { CreateApplicationUseCase } from './create-application.use-case';
import { ApplicationLifecycleModule } from './lifecycle/application-lifecycle.module';
import { ListApplicationsUseCase } from './list-applications.query';
import { SubmitApplicationUseCase } from './submit-application.use-case';
import { UpdateApplicationUseCase } from './update-application.use-case';
import { ApplicationPagesController } from './web/application-pages.controller';
import { ApplicationSectionPagesController } from './web/application-section-pages.controller';
import { ApplicationSubmissionPagesController } from './web/application-submission-pages.controller';
import { WithdrawApplicationUseCase } from './withdraw-application.use-case';
import { ApplicantHomeReader } from './applicant-home.reader';
import { ApplicationStateAidController } from './application-state-aid.controller';

/** Dossiers: API under /api/v1/applications and the applicant's pages under /dossiers. */
@Module({
  imports: [ApplicationLifecycleModule, AuditModule, DocumentsModule, FilesModule, IdempotencyModule],
  controllers: [
    ApplicationDocumentsController,
    ApplicationPagesController,
    ApplicationSectionPagesController,
    ApplicationStateAidController,
    ApplicationStateAidPagesController,
    ApplicationSubmissionPagesController,
    ApplicationsController,
  ],
  providers: [
    ApplicantHomeReader,
    ApplicationAccess,
    ApplicationDocumentsRepository,
    ApplicationDocumentsUseCase,
    ApplicationQueriesRepository,
    ApplicationReader,
    ApplicationViews,
    ApplicationsRepository,
    ApplicationStateAidRepository,
    CreateApplicationUseCase,
    ListApplicationsUseCase,
    SubmitApplicationUseCase,
    UpdateApplicationUseCase,
    WithdrawApplicationUseCase,
  ],
  exports: [ApplicantHomeReader, ApplicationAccess, ApplicationDocumentsUseCase, ApplicationLifecycleModule, ApplicationReader, ApplicationViews],
})
export class ApplicationsModule {}
