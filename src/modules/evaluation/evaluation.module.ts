import { Module } from '@nestjs/common';
import { ApplicationsModule } from '../applications/applications.module';
import { AuditModule } from '../../common/audit/audit.module';
import { ConsensusService } from './consensus.service';
import { CallEvaluationController, DossierEvaluationController, EvaluationsController } from './evaluation-api.controllers';
import { EvaluationAccess } from './evaluation-access';
import { EvaluationDossierRepository } from './evaluation-dossier.repository';
import { GridService } from './grid.service';
import { PanelRepository } from './panel.repository';
import { PanelService } from './panel.service';
import { RankingRepository } from './ranking.repository';
import { RankingService } from './ranking.service';
import { ScoringRepository } from './scoring.repository';
import { ScoringService } from './scoring.service';
import { EvaluationManagementController } from './web/evaluation-management.controller';
import { EvaluationPagesController } from './web/evaluation-pages.controller';
import { PanelPagesController } from './web/panel-pages.controller';
import { WebModule } from '../web/web.module';
import { EvaluatorHomeReader } from './evaluator-home.reader';

/**
 * Evaluation panels (docs/domain/evaluation.md): grid, panel, conflicts, scores, consensus, ranking. Exports the ranking.
 */
@Module({
  imports: [ApplicationsModule, AuditModule, WebModule],
  controllers: [
    CallEvaluationController,
    DossierEvaluationController,
    EvaluationManagementController,
    EvaluationPagesController,
    EvaluationsController,
    PanelPagesController,
  ],
  providers: [
    EvaluatorHomeReader,
    ConsensusService,
    EvaluationAccess,
    EvaluationDossierRepository,
    GridService,
    PanelRepository,
    PanelService,
    RankingRepository,
    RankingService,
    ScoringRepository,
    ScoringService,
  ],
  exports: [EvaluatorHomeReader, RankingService],
})
export class EvaluationModule {}
