import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Role } from '../auth/roles';
import { first } from '../../common/collections';

export interface AccountRow {
  id: string;
  email: string;
  displayName: string;
  roles: Role[];
  isActive: boolean;
  createdAt: Date;
  /** The most recent session opened: a login (sessions are only created by a successful login). */
  lastLoginAt: Date | null;
  liveSessions: number;
}

const SELECT = `
  SELECT u.id, u.email, u.display_name AS "displayName", u.roles, u.is_active AS "isActive", u.created_at AS "createdAt",
         (SELECT max(s.created_at) FROM session s WHERE s.user_id = u.id) AS "lastLoginAt",
         (SELECT count(*)::int FROM session s WHERE s.user_id = u.id AND s.revoked_at IS NULL AND s.expires_at > now()) AS "liveSessions"
    FROM app_user u`;

@Injectable()
export class AccountsAdminRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Staff first (by name), then applicants; `search` matches the name or the e-mail. Capped at `limit`. */
  async list(filter: { search?: string; staffOnly: boolean; limit: number; offset: number }): Promise<{ rows: AccountRow[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.staffOnly) where.push(`u.roles <> ARRAY['APPLICANT']::text[]`);
    if (filter.search) {
      params.push(`%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`(u.email ILIKE $${params.length} OR u.display_name ILIKE $${params.length})`);
    }
    const clause = where.length ? ` WHERE ${where.join(' AND ')}` : '';
    const { total } = first<{ total: number }>(
      await this.dataSource.query(`SELECT count(*)::int AS total FROM app_user u${clause}`, params),
      'the account count',
    );
    const rows: AccountRow[] = await this.dataSource.query(
      `${SELECT}${clause} ORDER BY u.is_active DESC, u.display_name, u.email LIMIT ${Number(filter.limit)} OFFSET ${Number(filter.offset)}`,
      params,
    );
    return { rows, total };
  }

  async find(id: string, em?: EntityManager, lock = false): Promise<AccountRow | null> {
    const runner = em ?? this.dataSource;
    if (lock) await runner.query(`SELECT 1 FROM app_user WHERE id = $1 FOR UPDATE`, [id]);
    const rows: AccountRow[] = await runner.query(`${SELECT} WHERE u.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** null when the e-mail is taken. */
  async insert(em: EntityManager, a: { email: string; displayName: string; passwordHash: string; roles: Role[] }): Promise<string | null> {
    const rows: { id: string }[] = await em.query(
      `INSERT INTO app_user (email, display_name, password_hash, roles) VALUES ($1, $2, $3, $4) ON CONFLICT (email) DO NOTHING RETURNING id`,
      [a.email, a.displayName, a.passwordHash, a.roles],
    );
    return rows[0]?.id ?? null;
  }

  async setRoles(em: EntityManager, id: string, roles: Role[]): Promise<void> {
    await em.query(`UPDATE app_user SET roles = $2, updated_at = now() WHERE id = $1`, [id, roles]);
  }

  async setActive(em: EntityManager, id: string, active: boolean): Promise<void> {
    await em.query(`UPDATE app_user SET is_active = $2, updated_at = now() WHERE id = $1`, [id, active]);
  }

  async setPasswordHash(em: EntityManager, id: string, passwordHash: string): Promise<void> {
    await em.query(`UPDATE app_user SET password_hash = $2, updated_at = now() WHERE id = $1`, [id, passwordHash]);
  }

  /** Ends every live session of the account; returns how many. */
  async revokeSessions(em: EntityManager, userId: string): Promise<number> {
    const [, count] = (await em.query(`UPDATE session SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [userId])) as [unknown, number];
    return count;
  }

  /** Forgets the second factor (lost phone): the account enrols again at its next password login. */
  async resetSecondFactor(em: EntityManager, userId: string): Promise<boolean> {
    await em.query(`DELETE FROM user_recovery_code WHERE user_id = $1`, [userId]);
    const [, count] = (await em.query(`DELETE FROM user_totp WHERE user_id = $1`, [userId])) as [unknown, number];
    return count === 1;
  }
}
