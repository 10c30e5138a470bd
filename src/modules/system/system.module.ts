import { Module } from '@nestjs/common';
import { AuditModule } from '../../common/audit/audit.module';
import { FailedJobsPagesController } from './failed-jobs-pages.controller';
import { FailedJobsController } from './failed-jobs.controller';
import { FailedJobsService } from './failed-jobs.service';
import { SystemController } from './system.controller';
import { SystemPingService } from './system-ping.service';

@Module({
  imports: [AuditModule],
  controllers: [FailedJobsController, FailedJobsPagesController, SystemController],
  providers: [FailedJobsService, SystemPingService],
  exports: [FailedJobsService],
})
export class SystemModule {}
