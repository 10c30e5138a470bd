/** A message ready to leave: addresses and rendered bodies. */
export interface OutgoingMail {
  readonly messageId: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

export interface SentMail {
  readonly providerMessageId: string;
}

/** Where messages go: SMTP in production, a folder in the embedded default. */
export interface MailTransport {
  send(mail: OutgoingMail): Promise<SentMail>;
  close(): void;
}

export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');

/** A refusal the server will repeat (SMTP 5xx): retrying cannot help, so the message is marked failed at once. */
export function isPermanentFailure(error: unknown): boolean {
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/**
 * What nodemailer is given for a message, whatever the transport. No tracking: no open pixel, no rewritten link;
 * `Auto-Submitted` keeps auto-replies away (RFC 3834).
 */
export function messageOptions(from: string, replyTo: string | null, mail: OutgoingMail) {
  return {
    from,
    replyTo: replyTo ?? undefined,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    messageId: mail.messageId,
    headers: { 'Auto-Submitted': 'auto-generated' },
  };
}
