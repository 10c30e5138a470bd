import { Module } from '@nestjs/common';
import { MailRepository } from './mail.repository';
import { SendMailHandler } from './send-mail.handler';

/** Consumer side of mail (worker process): the send handler and the table it updates. */
@Module({ providers: [MailRepository, SendMailHandler], exports: [SendMailHandler] })
export class MailWorkerModule {}
