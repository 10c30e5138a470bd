import nodemailer, { type Transporter } from 'nodemailer';
import { type MailTransport, messageOptions, type OutgoingMail, type SentMail } from './mail-transport';

/** SMTP through nodemailer; one pooled connection set per worker process. */
export class SmtpTransport implements MailTransport {
  private readonly transporter: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
    private readonly replyTo: string | null,
  ) {
    this.transporter = nodemailer.createTransport({ url: smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
  }

  async send(mail: OutgoingMail): Promise<SentMail> {
    const info = (await this.transporter.sendMail(messageOptions(this.from, this.replyTo, mail))) as { messageId?: string };
    return { providerMessageId: info.messageId ?? mail.messageId };
  }

  close(): void {
    this.transporter.close();
  }
}
