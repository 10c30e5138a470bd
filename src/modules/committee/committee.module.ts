import { Module } from '@nestjs/common';
import { ApplicationsModule } from '../applications/applications.module';
import { AuditModule } from '../../common/audit/audit.module';
import { DocumentsModule } from '../documents/documents.module';
import { EvaluationModule } from '../evaluation/evaluation.module';
import { CommitteeAccess } from './committee-access';
import { CommitteeAgendaUseCase } from './committee-agenda.use-case';
import { CommitteeDecisionsUseCase } from './committee-decisions.use-case';
import { CommitteeDocuments } from './committee-documents';
import { CommitteeSessionsService } from './committee-sessions.service';
import { CommitteeViewService } from './committee-view.service';
import { CommitteeController } from './committee.controller';
import { CommitteeRepository } from './committee.repository';
import { CommitteePagesController } from './web/committee-pages.controller';
import { PostponementController } from './postponement.controller';
import { PostponementPagesController } from './web/postponement-pages.controller';
import { PostponementUseCase } from './postponement.use-case';
import { AwardProposalController } from './award-proposal.controller';
import { AwardProposalRepository } from './award-proposal.repository';
import { AwardProposalService } from './award-proposal.service';
import { AwardPagesController, AwardStaffPagesController } from './web/award-pages.controller';
import { CommitteeHomeReader } from './committee-home.reader';

/** Programming committee (docs/domain/committee.md): API under /api/v1/committee-sessions and the pages under /comite. */
@Module({
  imports: [ApplicationsModule, AuditModule, DocumentsModule, EvaluationModule],
  controllers: [
    CommitteeController,
    CommitteePagesController,
    PostponementController,
    PostponementPagesController,
    AwardProposalController,
    AwardPagesController,
    AwardStaffPagesController,
  ],
  providers: [
    AwardProposalRepository,
    AwardProposalService,
    CommitteeHomeReader,
    CommitteeAccess,
    CommitteeAgendaUseCase,
    CommitteeDecisionsUseCase,
    CommitteeDocuments,
    CommitteeRepository,
    CommitteeSessionsService,
    CommitteeViewService,
    PostponementUseCase,
  ],
  exports: [CommitteeHomeReader, CommitteeDocuments],
})
export class CommitteeModule {}
