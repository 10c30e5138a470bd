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
