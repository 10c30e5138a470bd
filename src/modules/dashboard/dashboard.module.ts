import { Module } from '@nestjs/common';
import { DashboardController } from './dashboard.controller';
import { DashboardRepository } from './dashboard.repository';
import { DashboardService } from './dashboard.service';
import { DashboardPagesController } from './web/dashboard-pages.controller';

/** The managing authority's dashboard: page with DSFR charts and tables, CSV per figure, and the staff API. */
@Module({
  controllers: [DashboardController, DashboardPagesController],
  providers: [DashboardRepository, DashboardService],
})
export class DashboardModule {}
