import { ApplicationsModule } from '../applications/applications.module';
import { Module } from '@nestjs/common';
import { AuditModule } from '../../common/audit/audit.module';
import { DocumentsModule } from '../documents/documents.module';
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
import { InstructionHomeReader } from './instruction-home.reader';

/**
 * The instructor workspace: the dossiers of a call, assignment, labels, saved views and the instructor's dossier page.
 * It reads dossiers through what the applications module exports.
 */
@Module({
  imports: [ApplicationsModule, AuditModule, DocumentsModule],
  controllers: [InstructionController, InstructionPagesController, SavedViewsController],
  providers: [
    InstructionHomeReader,
    AssignInstructorUseCase,
    DossierPageModel,
    InstructionDossierQuery,
    InstructionListQuery,
    InstructionRepository,
    SavedViewsService,
    SetLabelsUseCase,
  ],
  exports: [InstructionHomeReader, InstructionDossierQuery],
})
export class InstructionModule {}
