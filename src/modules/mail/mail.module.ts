import { Module } from '@nestjs/common';
import { DevMailsController } from './dev-mails.controller';
import { MailRenderer } from './mail-renderer';
import { MailRepository } from './mail.repository';
import { MailService } from './mail.service';
import { MailsAdminController } from './mails-admin.controller';

/** Producer side of mail (api process): other modules queue messages through MailService in their transaction. */
@Module({
  controllers: [DevMailsController, MailsAdminController],
  providers: [MailRenderer, MailRepository, MailService],
  exports: [MailService],
})
export class MailModule {}
