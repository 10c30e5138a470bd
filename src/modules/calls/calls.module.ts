import { Module } from '@nestjs/common';
import { CallsController } from './calls.controller';
import { CallsRepository } from './calls.repository';
import { CallsService } from './calls.service';
import { CallsManagementController } from './web/calls-management.controller';
import { CallsPagesController } from './web/calls-pages.controller';
import { CallsHomeReader } from './calls-home.reader';

/** Calls for projects: API, public pages and the programme manager's pages. Exports the service for dossiers. */
@Module({
  controllers: [CallsController, CallsManagementController, CallsPagesController],
  providers: [CallsHomeReader, CallsRepository, CallsService],
  exports: [CallsHomeReader, CallsRepository, CallsService],
})
export class CallsModule {}
