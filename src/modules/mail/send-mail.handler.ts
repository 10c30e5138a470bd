import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { JobHandler } from '../../jobs/job-handler';
import { JobName, JobPayloads } from '../../jobs/queues';
import { redactAddresses } from './domain/redact';
import { MailRepository } from './mail.repository';
import { FolderTransport } from './transport/folder-transport';
import { isPermanentFailure, MailTransport } from './transport/mail-transport';
import { SmtpTransport } from './transport/smtp-transport';

/**
 * Sends one message (docs/decisions/0006-mail.md). The row is locked for the send and marked SENT in the same
 * transaction: a second delivery of the job finds it locked or sent and does nothing. A worker killed during the SMTP
 * dialogue aborts both the transaction and the message (the server accepts nothing before the end of DATA), so the
 * retry sends it once. Only a kill between the server's acceptance and the commit can send twice; the fixed
 * Message-ID lets the receiving side recognise that copy.
 */
@Injectable()
export class SendMailHandler implements JobHandler<typeof JobName.SendMail>, OnApplicationShutdown {
  readonly jobName = JobName.SendMail;
  private readonly logger = new Logger(SendMailHandler.name);
  private readonly transport: MailTransport;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly mails: MailRepository,
  ) {
    const { smtpUrl, from, replyTo, dir } = config.mail;
    this.transport = smtpUrl ? new SmtpTransport(smtpUrl, from, replyTo) : new FolderTransport(dir, from, replyTo);
  }

  async handle(job: Job<JobPayloads[typeof JobName.SendMail]>): Promise<void> {
    const { mailId } = job.data;
    try {
      await this.dataSource.transaction(async (em) => {
        const mail = await this.mails.lockPending(em, mailId);
        if (!mail) return;
        const sent = await this.transport.send({
          messageId: `<${mail.id}@essaim>`,
          to: mail.toAddress,
          subject: mail.subject,
          text: mail.bodyText,
          html: mail.bodyHtml,
        });
        await this.mails.markSent(em, mail.id, sent.providerMessageId);
      });
    } catch (error) {
      const permanent = isPermanentFailure(error);
      const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      const reason = error instanceof Error ? error.message : String(error);
      // The reason comes from the SMTP server or the network: no address is logged, only the message id.
      this.logger.warn(`mail ${mailId} not sent (${permanent ? 'refused' : 'will retry'}): ${redactAddresses(reason)}`);
      await this.mails.recordFailure(mailId, reason, permanent || lastAttempt);
      if (!permanent) throw error;
    }
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
