import { Module } from '@nestjs/common';
import { AuditModule } from '../../common/audit/audit.module';
import { CallCalendarRepository } from './call-calendar.repository';
import { OpenDataController } from './open-data.controller';
import { OpenDataRepository } from './open-data.repository';
import { OpenDataService } from './open-data.service';
import { OpenDataPagesController } from './web/open-data-pages.controller';

/** Open data: the list of operations (CPR art. 49(3)) with its schema and dated releases, and the calendar of calls (art. 49(2)). */
@Module({
  imports: [AuditModule],
  controllers: [OpenDataController, OpenDataPagesController],
  providers: [CallCalendarRepository, OpenDataRepository, OpenDataService],
})
export class OpenDataModule {}
