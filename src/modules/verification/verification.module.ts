import { Module } from '@nestjs/common';
import { AuditModule } from '../../common/audit/audit.module';
import { DocumentsModule } from '../documents/documents.module';
import { FilesModule } from '../files/files.module';
import { MailModule } from '../mail/mail.module';
import { OperationsModule } from '../operations/operations.module';
import { AnswerFilesUseCase } from './answer-files.use-case';
import { VerificationAccess } from './verification-access';
import { VerificationSimulationController } from './verification-simulation.controller';
import { VerificationController } from './verification.controller';
import { VerificationRepository } from './verification.repository';
import { VerificationService } from './verification.service';
import { VerificationPagesController } from './web/verification-pages.controller';

/** Management verification of execution reports (docs/domain/verification.md). */
@Module({
  imports: [AuditModule, DocumentsModule, FilesModule, MailModule, OperationsModule],
  controllers: [VerificationController, VerificationPagesController, VerificationSimulationController],
  providers: [AnswerFilesUseCase, VerificationAccess, VerificationRepository, VerificationService],
  exports: [VerificationRepository],
})
export class VerificationModule {}
