import { Module } from '@nestjs/common';
import { AuditModule } from '../../common/audit/audit.module';
import { ApplicationAccess } from '../applications/application-access.service';
import { ApplicationDocumentsRepository } from '../applications/application-documents.repository';
import { ApplicationViews } from '../applications/application-view.service';
import { ApplicationsRepository } from '../applications/applications.repository';
import { AssignInstructorUseCase } from './assign-instructor.use-case';
import { InstructionDossierQuery } from './instruction-dossier.query';
import { InstructionListQuery } from './instruction-list.query';
import { InstructionController } from './instruction.controller';
import { InstructionRepository } from './instruction.repository';
import { SavedViewsController } from './saved-views.controller';
import { SavedViewsService } from './saved-views.service';
import { SetLabelsUseCase } from './set-labels.use-case';
import { DossierPageModel } from './web/dossier-page.model';
import { InstructionPagesController } from './web/instruction-pages.controller';

/**
 * The instructor workspace: the dossiers of a call, assignment, labels, saved views and the instructor's dossier page.
 * The dossier read model of the applications module (stateless, DataSource only) is provided here too rather than
 * exported from ApplicationsModule, so both modules keep their own wiring.
 */
@Module({
  imports: [AuditModule],
  controllers: [InstructionController, InstructionPagesController, SavedViewsController],
  providers: [
    ApplicationAccess,
    ApplicationDocumentsRepository,
    ApplicationViews,
    ApplicationsRepository,
    AssignInstructorUseCase,
    DossierPageModel,
    InstructionDossierQuery,
    InstructionListQuery,
    InstructionRepository,
    SavedViewsService,
    SetLabelsUseCase,
  ],
  exports: [InstructionDossierQuery],
})
export class InstructionModule {}
