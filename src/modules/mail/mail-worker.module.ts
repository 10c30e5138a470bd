import { Module } from '@nestjs/common';
import { OutboxService } from '../../common/outbox/outbox.service';
import { MailRenderer } from './mail-renderer';
import { MailRepository } from './mail.repository';
import { MailService } from './mail.service';
import { RemindersHandler } from './reminders.handler';
import { SendMailHandler } from './send-mail.handler';

/**
 * Worker side of mail: the send handler, and the reminders, which queue messages as the api does (rows + outbox,
 * published by the api's relay).
 */
@Module({
  providers: [MailRenderer, MailRepository, MailService, OutboxService, RemindersHandler, SendMailHandler],
  exports: [RemindersHandler, SendMailHandler],
})
export class MailWorkerModule {}
