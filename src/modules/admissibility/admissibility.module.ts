import { IdempotencyModule } from '../../common/idempotency/idempotency.module';
import { Module } from '@nestjs/common';
import { ApplicationsModule } from '../applications/applications.module';
import { AuditModule } from '../../common/audit/audit.module';
import { DocumentsModule } from '../documents/documents.module';
import { AdmissibilityController } from './admissibility.controller';
import { AdmissibilityRepository } from './admissibility.repository';
import { AdmissibilityService } from './admissibility.service';
import { ResubmissionController } from './resubmission.controller';
import { ResubmitApplicationUseCase } from './resubmit-application.use-case';
import { AdmissibilityPagesController } from './web/admissibility-pages.controller';
import { ApplicantResubmitPagesController } from './web/applicant-resubmit-pages.controller';

/**
 * Admissibility (recevabilité): checks, decisions, complements and resubmission. It reads dossiers through what the
 * applications module exports (ApplicationReader, ApplicationAccess, ApplicationViews).
 */
@Module({
  imports: [ApplicationsModule, AuditModule, DocumentsModule, IdempotencyModule],
  controllers: [AdmissibilityController, AdmissibilityPagesController, ApplicantResubmitPagesController, ResubmissionController],
  providers: [AdmissibilityRepository, AdmissibilityService, ResubmitApplicationUseCase],
})
export class AdmissibilityModule {}
