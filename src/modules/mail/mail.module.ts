import { Module } from '@nestjs/common';
import { ApplicationLifecycleModule } from '../applications/lifecycle/application-lifecycle.module';
import { DevMailsController } from './dev-mails.controller';
import { InboxService } from './inbox.service';
import { MailRenderer } from './mail-renderer';
import { MailRepository } from './mail.repository';
import { MailService } from './mail.service';
import { MailsAdminController } from './mails-admin.controller';
import { StatusMails } from './status-mails.listener';

/** Producer side of mail (api process): other modules queue messages through MailService in their transaction. */
@Module({
  imports: [ApplicationLifecycleModule],
  controllers: [DevMailsController, MailsAdminController],
  providers: [InboxService, MailRenderer, MailRepository, MailService, StatusMails],
  exports: [InboxService, MailService],
})
export class MailModule {}
