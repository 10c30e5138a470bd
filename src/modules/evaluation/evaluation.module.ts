import { Module } from '@nestjs/common';
import { AuditModule } from '../../common/audit/audit.module';
import { RankingRepository } from './ranking.repository';
import { RankingService } from './ranking.service';

/** Evaluation panels (DOMAIN.md §8): grid, panel, conflicts, scores, consensus, ranking. Exports the ranking. */
@Module({
  imports: [AuditModule],
  controllers: [],
  providers: [RankingRepository, RankingService],
  exports: [RankingService],
})
export class EvaluationModule {}
