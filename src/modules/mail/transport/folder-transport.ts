import nodemailer from 'nodemailer';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type MailTransport, messageOptions, type OutgoingMail, type SentMail } from './mail-transport';

/**
 * The embedded default without SMTP: each message is built exactly as SMTP would send it and written to
 * `<dir>/<id>.eml` (temporary name, then rename, so a reader never sees half a file). /dev/mails lists them.
 */
export class FolderTransport implements MailTransport {
  private readonly builder = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });

  constructor(
    private readonly dir: string,
    private readonly from: string,
    private readonly replyTo: string | null,
  ) {}

  async send(mail: OutgoingMail): Promise<SentMail> {
    const info = (await this.builder.sendMail(messageOptions(this.from, this.replyTo, mail))) as { message: Buffer };
    await mkdir(this.dir, { recursive: true });
    const name = mail.messageId.replace(/[^A-Za-z0-9.-]/g, '_');
    const target = join(this.dir, `${name}.eml`);
    await writeFile(`${target}.tmp`, info.message);
    await rename(`${target}.tmp`, target);
    return { providerMessageId: mail.messageId };
  }

  close(): void {
    this.builder.close();
  }
}
