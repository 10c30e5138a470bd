import { Module } from '@nestjs/common';
import { AuditModule } from '../../common/audit/audit.module';
import { IdempotencyModule } from '../../common/idempotency/idempotency.module';
import { FilesModule } from '../files/files.module';
import { MailModule } from '../mail/mail.module';
import { DossierMessagesController } from './dossier-messages.controller';
import { DossierMessagesRepository } from './dossier-messages.repository';
import { DossierMessagesService } from './dossier-messages.service';
import { DossierMessagesPagesController } from './web/dossier-messages-pages.controller';

/** Two-way messages on a dossier (docs/domain/messages.md); the service is the reader of the unread counts. */
@Module({
  imports: [AuditModule, FilesModule, IdempotencyModule, MailModule],
  controllers: [DossierMessagesController, DossierMessagesPagesController],
  providers: [DossierMessagesRepository, DossierMessagesService],
  exports: [DossierMessagesService],
})
export class MessagesModule {}
