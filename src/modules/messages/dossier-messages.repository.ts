import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { parseSafeInteger } from '../../database/money.transformer';
import type { MessageSide } from './domain/message-rules';
import { first } from '../../common/collections';

export interface DossierFacts {
  id: string;
  number: string | null;
  title: string | null;
  organisationId: string;
  instructorId: string | null;
  submitted: boolean;
}

export interface ThreadFile {
  id: string;
  originalName: string;
  mediaType: string;
  sizeBytes: number;
}

export interface ThreadMessage {
  id: string;
  kind: string;
  subject: string;
  body: string;
  authorSide: MessageSide;
  authorName: string | null;
  createdAt: Date;
  /** created_at to the microsecond (a Date keeps milliseconds): the keyset cursor of the API list. */
  createdAtKey: string;
  files: ThreadFile[];
}

type MessageRow = Omit<ThreadMessage, 'files'> & { files: (Omit<ThreadFile, 'sizeBytes'> & { sizeBytes: string })[] };

/** A message with its files, in one row (the files as a JSON array). */
const MESSAGE_SELECT = `SELECT m.id, m.kind, m.subject, m.body, m.author_side AS "authorSide", u.display_name AS "authorName", m.created_at AS "createdAt",
       to_char(m.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "createdAtKey",
       COALESCE((SELECT json_agg(json_build_object('id', f.id, 'originalName', f.original_name, 'mediaType', f.media_type, 'sizeBytes', f.size_bytes::text) ORDER BY f.uploaded_at, f.id)
                   FROM application_message_file f WHERE f.message_id = m.id), '[]') AS files
  FROM application_message m LEFT JOIN app_user u ON u.id = m.author_id`;

const toMessage = (r: MessageRow): ThreadMessage => ({ ...r, files: r.files.map((f) => ({ ...f, sizeBytes: parseSafeInteger(f.sizeBytes) })) });

export interface NewMessageFile {
  originalName: string;
  storageKey: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  scanStatus: string;
}

/** The dossier's thread (application_message and its files) and how far each person has read it. */
@Injectable()
export class DossierMessagesRepository {
  constructor(private readonly dataSource: DataSource) {}

  async dossier(id: string, em?: EntityManager): Promise<DossierFacts | null> {
    const rows: DossierFacts[] = await (em ?? this.dataSource).query(
      `SELECT id, number, title, organisation_id AS "organisationId", instructor_id AS "instructorId", submitted_at IS NOT NULL AS submitted
         FROM application WHERE id = $1${em ? ' FOR SHARE' : ''}`,
      [id],
    );
    return rows[0] ?? null;
  }

  async isMember(organisationId: string, userId: string, em?: EntityManager): Promise<boolean> {
    const rows: unknown[] = await (em ?? this.dataSource).query(`SELECT 1 FROM organisation_member WHERE organisation_id = $1 AND user_id = $2`, [
      organisationId,
      userId,
    ]);
    return rows.length > 0;
  }

  async thread(applicationId: string): Promise<ThreadMessage[]> {
    const rows: MessageRow[] = await this.dataSource.query(`${MESSAGE_SELECT} WHERE m.application_id = $1 ORDER BY m.created_at, m.id`, [applicationId]);
    return rows.map(toMessage);
  }

  /** At most `limit` messages of the thread, oldest first, after the keyset position `after` (the API list). */
  async threadPage(applicationId: string, limit: number, after: { at: string; id: string } | null): Promise<ThreadMessage[]> {
    const rows: MessageRow[] = after
      ? await this.dataSource.query(
          `${MESSAGE_SELECT} WHERE m.application_id = $1 AND (m.created_at, m.id) > ($2::timestamptz, $3::uuid) ORDER BY m.created_at, m.id LIMIT $4`,
          [applicationId, after.at, after.id, limit],
        )
      : await this.dataSource.query(`${MESSAGE_SELECT} WHERE m.application_id = $1 ORDER BY m.created_at, m.id LIMIT $2`, [applicationId, limit]);
    return rows.map(toMessage);
  }

  /** One message, read in the transaction that stored it (the API answers with it). */
  async message(em: EntityManager, id: string): Promise<ThreadMessage> {
    const [row] = await em.query<MessageRow[]>(`${MESSAGE_SELECT} WHERE m.id = $1`, [id]);
    if (!row) throw new Error(`message ${id} not found in its own transaction`);
    return toMessage(row);
  }

  /** The thread's message ids, to mark their inbox copies read. */
  async messageIds(applicationId: string): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(`SELECT id FROM application_message WHERE application_id = $1`, [applicationId]);
    return rows.map((r) => r.id);
  }

  /** The other side's messages on this dossier that this person has not read yet (docs/domain/messages.md, « Unread »). */
  async unreadIn(applicationId: string, userId: string, from: MessageSide): Promise<number> {
    const [row] = await this.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM application_message m
         LEFT JOIN application_message_seen s ON s.application_id = m.application_id AND s.user_id = $2
        WHERE m.application_id = $1 AND m.author_side = $3 AND (s.seen_at IS NULL OR m.created_at > s.seen_at)`,
      [applicationId, userId, from],
    );
    return row?.n ?? 0;
  }

  async hasStaffMessage(em: EntityManager, applicationId: string): Promise<boolean> {
    const rows: unknown[] = await em.query(`SELECT 1 FROM application_message WHERE application_id = $1 AND author_side = 'STAFF' LIMIT 1`, [applicationId]);
    return rows.length > 0;
  }

  async lastStaffSubject(em: EntityManager, applicationId: string): Promise<string | undefined> {
    const rows: { subject: string }[] = await em.query(
      `SELECT subject FROM application_message WHERE application_id = $1 AND author_side = 'STAFF' ORDER BY created_at DESC, id DESC LIMIT 1`,
      [applicationId],
    );
    return rows[0]?.subject;
  }

  async insert(
    em: EntityManager,
    m: { applicationId: string; kind: string; subject: string; body: string; authorId: string; authorSide: MessageSide },
  ): Promise<string> {
    const row = first(
      await em.query<{ id: string }[]>(
        `INSERT INTO application_message (application_id, kind, subject, body, author_id, author_side) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [m.applicationId, m.kind, m.subject, m.body, m.authorId, m.authorSide],
      ),
      'the inserted application_message row',
    );
    return row.id;
  }

  /** The file and its antivirus outcome (file_scan, docs/security.md), in one statement. */
  async insertFile(em: EntityManager, messageId: string, uploadedBy: string, f: NewMessageFile): Promise<string> {
    const row = first(
      await em.query<{ id: string }[]>(
        `WITH scan AS (INSERT INTO file_scan (storage_key, status) VALUES ($3, $7))
       INSERT INTO application_message_file (message_id, original_name, storage_key, media_type, size_bytes, sha256, uploaded_by) VALUES ($1, $2, $3, $4, $5, $6, $8) RETURNING id`,
        [messageId, f.originalName, f.storageKey, f.mediaType, f.sizeBytes, f.sha256, f.scanStatus, uploadedBy],
      ),
      'the inserted message file',
    );
    return row.id;
  }

  async file(applicationId: string, fileId: string): Promise<(ThreadFile & { storageKey: string; sha256: string }) | null> {
    const [r] = await this.dataSource.query<{ id: string; originalName: string; mediaType: string; sizeBytes: string; storageKey: string; sha256: string }[]>(
      `SELECT f.id, f.original_name AS "originalName", f.media_type AS "mediaType", f.size_bytes AS "sizeBytes", f.storage_key AS "storageKey", f.sha256
         FROM application_message_file f JOIN application_message m ON m.id = f.message_id WHERE m.application_id = $1 AND f.id = $2`,
      [applicationId, fileId],
    );
    return r ? { ...r, sizeBytes: parseSafeInteger(r.sizeBytes) } : null;
  }

  async markSeen(applicationId: string, userId: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO application_message_seen (application_id, user_id, seen_at) VALUES ($1, $2, now())
       ON CONFLICT (application_id, user_id) DO UPDATE SET seen_at = now()`,
      [applicationId, userId],
    );
  }

  /** Organisation members' view: messages from the intermediate body not yet read, per dossier. */
  async unreadForMember(userId: string): Promise<UnreadRow[]> {
    return this.unread(`a.organisation_id IN (SELECT organisation_id FROM organisation_member WHERE user_id = $1)`, 'STAFF', userId);
  }

  /** An instructor's view: the applicants' answers on the dossiers assigned to them, not yet read. */
  async unreadForInstructor(userId: string): Promise<UnreadRow[]> {
    return this.unread(`a.instructor_id = $1`, 'APPLICANT', userId);
  }

  private async unread(scope: string, from: MessageSide, userId: string): Promise<UnreadRow[]> {
    const rows: { applicationId: string; number: string | null; title: string | null; unread: number }[] = await this.dataSource.query(
      `SELECT a.id AS "applicationId", a.number, a.title, count(*)::int AS unread
         FROM application a
         JOIN application_message m ON m.application_id = a.id AND m.author_side = '${from}'
         LEFT JOIN application_message_seen s ON s.application_id = a.id AND s.user_id = $1
        WHERE ${scope} AND (s.seen_at IS NULL OR m.created_at > s.seen_at)
        GROUP BY a.id, a.number, a.title ORDER BY max(m.created_at) DESC LIMIT 50`,
      [userId],
    );
    return rows;
  }
}

export interface UnreadRow {
  applicationId: string;
  number: string | null;
  title: string | null;
  unread: number;
}
