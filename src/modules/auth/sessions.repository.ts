import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { INBOX_TEMPLATES } from '../mail/domain/notification-categories';
import type { Role } from './roles';

import type { SessionMethod } from './session-method';

export type { SessionMethod };

export interface SessionRow {
  sessionId: string;
  csrfToken: string;
  expiresAt: Date;
  lastSeenAt: Date;
  revokedAt: Date | null;
  userId: string;
  email: string;
  displayName: string;
  roles: Role[];
  isActive: boolean;
  /** Unread messages of the in-app inbox, shown in the header; null when not asked for. */
  unread: number | null;
  threadUnread: number | null;
}

export interface UserCredentials {
  id: string;
  email: string;
  displayName: string;
  roles: Role[];
  isActive: boolean;
  passwordHash: string;
  /** False until a self-registered applicant follows the confirmation link. */
  emailVerified: boolean;
}

@Injectable()
export class SessionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findCredentialsByEmail(email: string): Promise<UserCredentials | null> {
    const rows: UserCredentials[] = await this.dataSource.query(
      `SELECT id, email, display_name AS "displayName", roles, is_active AS "isActive", password_hash AS "passwordHash",
              email_verified_at IS NOT NULL AS "emailVerified"
         FROM app_user WHERE email = $1`,
      [email],
    );
    return rows[0] ?? null;
  }

  async insert(
    em: EntityManager,
    s: { id: string; userId: string; csrfToken: string; expiresAt: Date; method: SessionMethod; userAgent: string | null; idToken: string | null },
  ): Promise<void> {
    await em.query(`INSERT INTO session (id, user_id, csrf_token, expires_at, auth_method, user_agent, id_token) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
      s.id,
      s.userId,
      s.csrfToken,
      s.expiresAt,
      s.method,
      s.userAgent,
      s.idToken,
    ]);
  }

  /** The ProConnect ID token of a session (RP-initiated logout), or null. */
  async idToken(sessionId: string): Promise<string | null> {
    const rows: { idToken: string | null }[] = await this.dataSource.query(`SELECT id_token AS "idToken" FROM session WHERE id = $1`, [sessionId]);
    return rows[0]?.idToken ?? null;
  }

  async findCredentialsById(id: string): Promise<UserCredentials | null> {
    const rows: UserCredentials[] = await this.dataSource.query(
      `SELECT id, email, display_name AS "displayName", roles, is_active AS "isActive", password_hash AS "passwordHash",
              email_verified_at IS NOT NULL AS "emailVerified"
         FROM app_user WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  /**
   * The session and its user. `withCounts` adds the unread counts that the pages' header and menu show: a bearer token
   * (the API) draws no page, so it does not pay for them (two aggregates on every request).
   */
  async findWithUser(sessionId: string, withCounts: boolean): Promise<SessionRow | null> {
    const counts = withCounts
      ? `(SELECT count(*)::int FROM mail_message m WHERE m.recipient_user_id = u.id AND m.read_at IS NULL AND m.template = ANY($2)) AS unread,
              -- Dossier threads (docs/domain/messages.md): the other side's messages after the person last read the thread.
              (SELECT count(*)::int FROM application a
                 JOIN application_message am ON am.application_id = a.id
                 LEFT JOIN application_message_seen ms ON ms.application_id = a.id AND ms.user_id = u.id
                WHERE ((am.author_side = 'STAFF' AND 'APPLICANT' = ANY(u.roles) AND a.organisation_id IN (SELECT organisation_id FROM organisation_member WHERE user_id = u.id))
                    OR (am.author_side = 'APPLICANT' AND 'INSTRUCTOR' = ANY(u.roles) AND a.instructor_id = u.id))
                  AND (ms.seen_at IS NULL OR am.created_at > ms.seen_at)) AS "threadUnread"`
      : `NULL::int AS unread, NULL::int AS "threadUnread"`;
    const rows: SessionRow[] = await this.dataSource.query(
      `SELECT s.id AS "sessionId", s.csrf_token AS "csrfToken", s.expires_at AS "expiresAt", s.last_seen_at AS "lastSeenAt",
              s.revoked_at AS "revokedAt", u.id AS "userId", u.email, u.display_name AS "displayName", u.roles, u.is_active AS "isActive",
              ${counts}
         FROM session s JOIN app_user u ON u.id = s.user_id
        WHERE s.id = $1`,
      withCounts ? [sessionId, INBOX_TEMPLATES] : [sessionId],
    );
    return rows[0] ?? null;
  }

  async touch(sessionId: string): Promise<void> {
    // Many concurrent requests may decide to touch at once: the time guard makes all but one a no-op.
    await this.dataSource.query(
      `UPDATE session SET last_seen_at = now() WHERE id = $1 AND revoked_at IS NULL AND last_seen_at < now() - interval '30 seconds'`,
      [sessionId],
    );
  }

  /** Returns true when a live session was revoked by this call. */
  async revoke(em: EntityManager, sessionId: string): Promise<boolean> {
    const [, count] = (await em.query(`UPDATE session SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`, [sessionId])) as [unknown, number];
    return count === 1;
  }

  /** The user's live sessions (not revoked, neither expired nor idle past `idleMinutes`), latest activity first. */
  async listLive(userId: string, idleMinutes: number): Promise<LiveSession[]> {
    return this.dataSource.query(
      `SELECT id, created_at AS "createdAt", last_seen_at AS "lastSeenAt", auth_method AS method, user_agent AS "userAgent" FROM session
        WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > now() AND last_seen_at > now() - make_interval(mins => $2)
        ORDER BY last_seen_at DESC, id LIMIT 50`,
      [userId, idleMinutes],
    );
  }

  /** Revokes one of the user's sessions, or all but `except`; returns how many were live. */
  async revokeOwn(em: EntityManager, userId: string, target: { id: string } | { allBut: string }): Promise<number> {
    const [, count] = (await em.query(
      'id' in target
        ? `UPDATE session SET revoked_at = now() WHERE user_id = $1 AND id = $2 AND revoked_at IS NULL`
        : `UPDATE session SET revoked_at = now() WHERE user_id = $1 AND id <> $2 AND revoked_at IS NULL`,
      [userId, 'id' in target ? target.id : target.allBut],
    )) as [unknown, number];
    return count;
  }
}

export interface LiveSession {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  method: SessionMethod;
  userAgent: string | null;
}
