import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { INBOX_TEMPLATES } from './domain/notification-categories';
import { assertInTransaction, OUTBOX_COLUMNS, type OutboxJob, outboxValues } from '../../common/outbox/outbox.service';
import type { RidingWrite } from '../applications/lifecycle/application-lifecycle';

/**
 * The active members of an organisation ($1) as recipients, each with their choice for a category ($2; no row: by mail,
 * as `wantsMail`). Also read as a part of a listener's own query (StatusMails), to save a round trip.
 */
export const ORGANISATION_RECIPIENTS_SQL = `SELECT u.id AS "userId", u.email, coalesce(p.by_mail, true) AS "byMail"
  FROM organisation_member m JOIN app_user u ON u.id = m.user_id
  LEFT JOIN notification_preference p ON p.user_id = u.id AND p.category = $2
  WHERE m.organisation_id = $1 AND u.is_active ORDER BY u.id`;

/** `text` wraps the subject and bodies ($6–$8), e.g. to write a number into them. */
const mailInsertSql = (text: (param: string) => string): string =>
  `INSERT INTO mail_message (id, dedupe_key, template, recipient_user_id, to_address, subject, body_text, body_html, status)
   VALUES ($1, $2, $3, $4, $5, ${text('$6')}, ${text('$7')}, ${text('$8')}, $9) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`;
/** The send job of the message inserted by `mail`, when there is one ($10–$12 null: not mailed). */
const mailJobSql = (mail: string): string =>
  `INSERT INTO outbox (${OUTBOX_COLUMNS}) SELECT $10, $11, $12::jsonb FROM ${mail} WHERE $10::text IS NOT NULL RETURNING id`;
const mailValues = (mail: NewMail & { id: string }, job: OutboxJob | null): unknown[] => [
  mail.id,
  mail.dedupeKey,
  mail.template,
  mail.recipientUserId,
  mail.toAddress,
  mail.subject,
  mail.bodyText,
  mail.bodyHtml,
  mail.status ?? 'PENDING',
  ...(job ? outboxValues(job) : [null, null, null]),
];

export interface MailRow {
  id: string;
  template: string;
  toAddress: string;
  subject: string;
  bodyText: string;
  bodyHtml: string;
  status: 'PENDING' | 'SENT' | 'FAILED' | 'SKIPPED';
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

export interface MailRecipient {
  userId: string;
  email: string;
  /** The recipient's choice for the message's category when it was read with the recipient (saves a round trip). */
  byMail?: boolean;
}

export interface NewMail {
  dedupeKey: string;
  template: string;
  recipientUserId: string | null;
  toAddress: string;
  subject: string;
  bodyText: string;
  bodyHtml: string;
  /** SKIPPED: kept for the inbox, not mailed (the recipient's preference). */
  status?: 'PENDING' | 'SKIPPED';
}

const COLUMNS = `id, template, to_address AS "toAddress", subject, body_text AS "bodyText", body_html AS "bodyHtml", status, attempts,
  last_error AS "lastError", created_at AS "createdAt", sent_at AS "sentAt"`;

/** Owner of the mail_message table. */
@Injectable()
export class MailRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Inserts unless a message with this dedupe key exists; returns the new id, or null for a duplicate. */
  async insert(em: EntityManager, mail: NewMail): Promise<string | null> {
    const rows: { id: string }[] = await em.query(
      `INSERT INTO mail_message (dedupe_key, template, recipient_user_id, to_address, subject, body_text, body_html, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
      [mail.dedupeKey, mail.template, mail.recipientUserId, mail.toAddress, mail.subject, mail.bodyText, mail.bodyHtml, mail.status ?? 'PENDING'],
    );
    return rows[0]?.id ?? null;
  }

  /**
   * The message and, when it is to be mailed, its send job, in one statement (the job names the id chosen here); null
   * when a message with the same dedupe key exists (nothing written).
   */
  async insertWithJob(em: EntityManager, mail: NewMail & { id: string }, job: OutboxJob | null): Promise<string | null> {
    assertInTransaction(em);
    const rows: { id: string }[] = await em.query(
      `WITH m AS (${mailInsertSql((text) => text)}), job AS (${mailJobSql('m')}) SELECT m.id FROM m LEFT JOIN job ON true`,
      mailValues(mail, job),
    );
    return rows[0]?.id ?? null;
  }

  /**
   * The same rows, written by a first submission's last statement (RidingWrite): `placeholder` in the subject and
   * bodies becomes the dossier's number.
   */
  withJobRider(mail: NewMail & { id: string }, job: OutboxJob | null, placeholder: string): RidingWrite {
    return {
      ctes: (own, number) => [
        { name: 'mail', sql: mailInsertSql((text) => `replace(${text}, $13::text, ${number})`) },
        { name: 'job', sql: mailJobSql(own('mail')) },
      ],
      values: [...mailValues(mail, job), placeholder],
    };
  }

  /** False when the user chose not to receive this category by mail (no row: the default, by mail). */
  async wantsMail(em: EntityManager, userId: string, category: string): Promise<boolean> {
    const rows: { byMail: boolean }[] = await em.query(`SELECT by_mail AS "byMail" FROM notification_preference WHERE user_id = $1 AND category = $2`, [
      userId,
      category,
    ]);
    return rows[0]?.byMail ?? true;
  }

  async activeUser(em: EntityManager, userId: string): Promise<MailRecipient | undefined> {
    const rows: MailRecipient[] = await em.query(`SELECT id AS "userId", email FROM app_user WHERE id = $1 AND is_active`, [userId]);
    return rows[0];
  }

  /** Active members, each with their choice for `category` (no row: by mail, as `wantsMail`). */
  async organisationMembers(em: EntityManager, organisationId: string, category: string | null): Promise<Required<MailRecipient>[]> {
    return em.query(ORGANISATION_RECIPIENTS_SQL, [organisationId, category]);
  }

  /** Locks the message for the send; a concurrent delivery of the same job gets nothing and leaves it alone. */
  async lockPending(em: EntityManager, id: string): Promise<MailRow | undefined> {
    const rows: MailRow[] = await em.query(`SELECT ${COLUMNS} FROM mail_message WHERE id = $1 AND status = 'PENDING' FOR UPDATE SKIP LOCKED`, [id]);
    return rows[0];
  }

  async markSent(em: EntityManager, id: string, providerMessageId: string): Promise<void> {
    await em.query(
      `UPDATE mail_message SET status = 'SENT', sent_at = now(), attempts = attempts + 1, provider_message_id = $2, last_error = NULL WHERE id = $1`,
      [id, providerMessageId],
    );
  }

  /** Records a failed attempt; `final` marks the message failed for good (visible to staff, retryable by them). */
  async recordFailure(id: string, reason: string, final: boolean): Promise<void> {
    await this.dataSource.query(
      `UPDATE mail_message SET attempts = attempts + 1, last_error = $2, status = CASE WHEN $3 THEN 'FAILED' ELSE status END
       WHERE id = $1 AND status = 'PENDING'`,
      [id, reason.slice(0, 500), final],
    );
  }

  /** Puts a failed message back to pending (staff retry); true when it was failed. */
  async reopen(em: EntityManager, id: string): Promise<boolean> {
    const [, count] = (await em.query(`UPDATE mail_message SET status = 'PENDING' WHERE id = $1 AND status = 'FAILED'`, [id])) as [unknown, number];
    return count === 1;
  }

  async find(id: string): Promise<MailRow | undefined> {
    const rows: MailRow[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM mail_message WHERE id = $1`, [id]);
    return rows[0];
  }

  /** Newest first, keyset on (created_at, id). */
  async list(opts: { status?: MailRow['status']; limit: number; before?: { createdAt: Date; id: string } }): Promise<MailRow[]> {
    const params: unknown[] = [opts.limit];
    const where: string[] = [];
    if (opts.status) where.push(`status = $${params.push(opts.status)}`);
    if (opts.before) where.push(`(created_at, id) < ($${params.push(opts.before.createdAt)}, $${params.push(opts.before.id)})`);
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM mail_message ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id DESC LIMIT $1`,
      params,
    );
  }

  /** The person's inbox: their dossier and reminder messages, newest first (account mails are never listed). */
  async inbox(userId: string, limit = 100): Promise<InboxItem[]> {
    return this.dataSource.query(
      `SELECT id, subject, template, status, created_at AS "createdAt", read_at AS "readAt" FROM mail_message
        WHERE recipient_user_id = $1 AND template = ANY($2) ORDER BY created_at DESC, id DESC LIMIT $3`,
      [userId, INBOX_TEMPLATES, limit],
    );
  }

  /** One message of the person's inbox, marked read; undefined when it is not theirs. */
  async openInboxMessage(userId: string, id: string): Promise<(InboxItem & { bodyText: string; wasUnread: boolean }) | undefined> {
    const [rows] = (await this.dataSource.query(
      `WITH before AS (SELECT id, read_at IS NULL AS unread FROM mail_message WHERE id = $1 AND recipient_user_id = $2 AND template = ANY($3) FOR UPDATE)
       UPDATE mail_message m SET read_at = coalesce(m.read_at, now()) FROM before WHERE m.id = before.id
       RETURNING m.id, m.subject, m.template, m.status, m.created_at AS "createdAt", m.read_at AS "readAt", m.body_text AS "bodyText", before.unread AS "wasUnread"`,
      [id, userId, INBOX_TEMPLATES],
    )) as [(InboxItem & { bodyText: string; wasUnread: boolean })[], number];
    return rows[0];
  }

  /** Marks read the person's inbox messages of these events (`eventKey`s as given to MailService). */
  async markEventsRead(userId: string, eventKeys: readonly string[]): Promise<number> {
    if (!eventKeys.length) return 0;
    const [, count] = (await this.dataSource.query(
      `UPDATE mail_message SET read_at = now() WHERE recipient_user_id = $1 AND read_at IS NULL AND dedupe_key = ANY($2)`,
      [userId, eventKeys.map((k) => `${k}:${userId}`)],
    )) as [unknown, number];
    return count;
  }

  async markAllRead(userId: string): Promise<number> {
    const [, count] = (await this.dataSource.query(
      `UPDATE mail_message SET read_at = now() WHERE recipient_user_id = $1 AND read_at IS NULL AND template = ANY($2)`,
      [userId, INBOX_TEMPLATES],
    )) as [unknown, number];
    return count;
  }

  /** Category → by mail; a category without a row is mailed (the default). */
  async preferences(userId: string): Promise<Record<string, boolean>> {
    const rows: { category: string; byMail: boolean }[] = await this.dataSource.query(
      `SELECT category, by_mail AS "byMail" FROM notification_preference WHERE user_id = $1`,
      [userId],
    );
    return Object.fromEntries(rows.map((r) => [r.category, r.byMail]));
  }

  async setPreference(em: EntityManager, userId: string, category: string, byMail: boolean): Promise<void> {
    await em.query(
      `INSERT INTO notification_preference (user_id, category, by_mail) VALUES ($1, $2, $3)
       ON CONFLICT (user_id, category) DO UPDATE SET by_mail = EXCLUDED.by_mail, updated_at = now()`,
      [userId, category, byMail],
    );
  }
}

export interface InboxItem {
  id: string;
  subject: string;
  template: string;
  status: MailRow['status'];
  createdAt: Date;
  readAt: Date | null;
}
