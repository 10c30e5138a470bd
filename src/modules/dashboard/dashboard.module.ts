import { Module } from '@nestjs/common';
import { AdministrationModule } from '../administration/administration.module';
import { ApplicationsModule } from '../applications/applications.module';
import { AuthModule } from '../auth/auth.module';
import { CallsModule } from '../calls/calls.module';
import { CommitteeModule } from '../committee/committee.module';
import { EvaluationModule } from '../evaluation/evaluation.module';
import { InstructionModule } from '../instruction/instruction.module';
import { MessagesModule } from '../messages/messages.module';
import { SystemModule } from '../system/system.module';
import { HomePageController } from './web/home-page.controller';
import { DashboardController } from './dashboard.controller';
import { DashboardRepository } from './dashboard.repository';
import { DashboardService } from './dashboard.service';
import { DashboardPagesController } from './web/dashboard-pages.controller';

/**
 * The managing authority's dashboard (page with DSFR charts and tables, CSV per figure, staff API), and the home page
 * of every role, which reads the other modules through their exported readers.
 */
@Module({
  imports: [
    AdministrationModule,
    ApplicationsModule,
    AuthModule,
    CallsModule,
    CommitteeModule,
    EvaluationModule,
    InstructionModule,
    MessagesModule,
    SystemModule,
  ],
  controllers: [DashboardController, DashboardPagesController, HomePageController],
  providers: [DashboardRepository, DashboardService],
})
export class DashboardModule {}
