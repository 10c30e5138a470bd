import { Module } from '@nestjs/common';
import { ApplicationLifecycleModule } from '../applications/lifecycle/application-lifecycle.module';
import { DevMailsController } from './dev-mails.controller';
import { MailRenderer } from './mail-renderer';
import { MailRepository } from './mail.repository';
import { MailService } from './mail.service';
import { MailsAdminController } from './mails-admin.controller';
import { StatusMails } from './status-mails.listener';

/** Producer side of mail (api process): other modules queue messages through MailService in their transaction. */
@Module({
  imports: [ApplicationLifecycleModule],
  controllers: [DevMailsController, MailsAdminController],
  providers: [MailRenderer, MailRepository, MailService, StatusMails],
  exports: [MailRepository, MailService],
})
export class MailModule {}
