import { Module } from '@nestjs/common';
import { ApplicationsModule } from '../applications/applications.module';
import { AuditModule } from '../../common/audit/audit.module';
import { ApplicationsRepository } from '../applications/applications.repository';
import { EligibilityController } from './eligibility.controller';
import { EligibilityRepository } from './eligibility.repository';
import { EligibilityService } from './eligibility.service';
import { EligibilityPagesController } from './web/eligibility-pages.controller';

/** Eligibility (Article 15, Priority 6 scope, CSESS grid): API and the instructor's page. */
@Module({
  imports: [ApplicationsModule, AuditModule],
  controllers: [EligibilityController, EligibilityPagesController],
  // ApplicationsRepository is stateless SQL over the DataSource: provided here rather than exported by its module.
  providers: [ApplicationsRepository, EligibilityRepository, EligibilityService],
  exports: [EligibilityRepository, EligibilityService],
})
export class EligibilityModule {}
