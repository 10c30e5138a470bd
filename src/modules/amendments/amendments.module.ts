import { Module } from '@nestjs/common';
import { AuditModule } from '../../common/audit/audit.module';
import { DocumentsModule } from '../documents/documents.module';
import { OperationsModule } from '../operations/operations.module';
import { AmendmentsController } from './amendments.controller';
import { AmendmentsService } from './amendments.service';
import { AmendmentPagesController } from './web/amendment-pages.controller';

/** Amendments (avenants): API under /api/v1/operations/:id/amendments and /api/v1/amendments/:id/decision. */
@Module({
  imports: [AuditModule, DocumentsModule, OperationsModule],
  controllers: [AmendmentPagesController, AmendmentsController],
  providers: [AmendmentsService],
})
export class AmendmentsModule {}
