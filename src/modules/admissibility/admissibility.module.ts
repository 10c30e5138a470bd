import { Module } from '@nestjs/common';
import { ApplicationsModule } from '../applications/applications.module';
import { AuditModule } from '../../common/audit/audit.module';
import { ApplicationAccess } from '../applications/application-access.service';
import { ApplicationDocumentsRepository } from '../applications/application-documents.repository';
import { ApplicationViews } from '../applications/application-view.service';
import { ApplicationsRepository } from '../applications/applications.repository';
import { IdempotencyService } from '../applications/idempotency.service';
import { DocumentsModule } from '../documents/documents.module';
import { AdmissibilityController } from './admissibility.controller';
import { AdmissibilityRepository } from './admissibility.repository';
import { AdmissibilityService } from './admissibility.service';
import { ResubmissionController } from './resubmission.controller';
import { ResubmitApplicationUseCase } from './resubmit-application.use-case';
import { AdmissibilityPagesController } from './web/admissibility-pages.controller';
import { ApplicantResubmitPagesController } from './web/applicant-resubmit-pages.controller';

/**
 * Admissibility (recevabilité): checks, decisions, complements and resubmission. The dossier classes it reuses are
 * stateless SQL/access helpers, provided here again rather than exported by the applications module.
 */
@Module({
  imports: [ApplicationsModule, AuditModule, DocumentsModule],
  controllers: [AdmissibilityController, AdmissibilityPagesController, ApplicantResubmitPagesController, ResubmissionController],
  providers: [
    AdmissibilityRepository,
    AdmissibilityService,
    ApplicationAccess,
    ApplicationDocumentsRepository,
    ApplicationViews,
    ApplicationsRepository,
    IdempotencyService,
    ResubmitApplicationUseCase,
  ],
})
export class AdmissibilityModule {}
