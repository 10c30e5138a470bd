import { Module } from '@nestjs/common';
import { AuditModule } from '../../common/audit/audit.module';
import { ApplicationLifecycleModule } from '../applications/lifecycle/application-lifecycle.module';
import { OperationAccess } from './operation-access';
import { OperationEndDate, OperationReader } from './operation-reader';
import { OperationViews } from './operation-view.service';
import { OperationsController } from './operations.controller';
import { OperationsRepository } from './operations.repository';
import { OperationsService } from './operations.service';
import { OperationPagesController } from './web/operation-pages.controller';

/** Operations after the convention: signature, notification, renunciation, start (API under /api/v1/operations). */
@Module({
  imports: [ApplicationLifecycleModule, AuditModule],
  controllers: [OperationPagesController, OperationsController],
  providers: [OperationAccess, OperationEndDate, OperationReader, OperationViews, OperationsRepository, OperationsService],
  exports: [OperationAccess, OperationEndDate, OperationReader, OperationViews],
})
export class OperationsModule {}
