import { Module } from '@nestjs/common';
import { ApplicationsModule } from '../applications/applications.module';
import { AuditModule } from '../../common/audit/audit.module';
import { EligibilityController } from './eligibility.controller';
import { EligibilityReader } from './eligibility-reader';
import { EligibilityRepository } from './eligibility.repository';
import { EligibilityService } from './eligibility.service';
import { EligibilityPagesController } from './web/eligibility-pages.controller';

/** Eligibility (Article 15, Priority 6 scope, CSESS grid): API and the instructor's page. */
@Module({
  imports: [ApplicationsModule, AuditModule],
  controllers: [EligibilityController, EligibilityPagesController],
  providers: [EligibilityReader, EligibilityRepository, EligibilityService],
  exports: [EligibilityReader, EligibilityRepository, EligibilityService],
})
export class EligibilityModule {}
