import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export type TokenPurpose = 'VERIFY_EMAIL' | 'RESET_PASSWORD';

export interface AccountHolder {
  id: string;
  email: string;
  displayName: string;
  isActive: boolean;
  emailVerified: boolean;
}

/** Owner of account_token, and of the verification and password columns of app_user it changes. */
@Injectable()
export class AccountTokensRepository {
  async insert(em: EntityManager, t: { userId: string; purpose: TokenPurpose; tokenHash: string; ttlMinutes: number }): Promise<void> {
    // A new link replaces the unused ones of the same purpose: only the latest mail works.
    await em.query(`UPDATE account_token SET used_at = now() WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL`, [t.userId, t.purpose]);
    await em.query(`INSERT INTO account_token (user_id, purpose, token_hash, expires_at) VALUES ($1, $2, $3, now() + make_interval(mins => $4))`, [
      t.userId,
      t.purpose,
      t.tokenHash,
      t.ttlMinutes,
    ]);
  }

  /** Marks a live token used and returns its user; undefined when unknown, used or expired (all look the same). */
  async consume(em: EntityManager, purpose: TokenPurpose, tokenHash: string): Promise<string | undefined> {
    // TypeORM answers an UPDATE … RETURNING with [rows, affected count].
    const [rows] = (await em.query(
      `UPDATE account_token SET used_at = now() WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now()
       RETURNING user_id AS "userId"`,
      [tokenHash, purpose],
    )) as [{ userId: string }[], number];
    return rows[0]?.userId;
  }

  /** True when a live token exists (the reset form is shown only then). */
  async isLive(em: EntityManager, purpose: TokenPurpose, tokenHash: string): Promise<boolean> {
    const rows: unknown[] = await em.query(`SELECT 1 FROM account_token WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now()`, [
      tokenHash,
      purpose,
    ]);
    return rows.length > 0;
  }

  async holderByEmail(em: EntityManager, email: string): Promise<AccountHolder | undefined> {
    const rows: AccountHolder[] = await em.query(
      `SELECT id, email, display_name AS "displayName", is_active AS "isActive", email_verified_at IS NOT NULL AS "emailVerified" FROM app_user WHERE email = $1`,
      [email],
    );
    return rows[0];
  }

  async holder(em: EntityManager, id: string): Promise<AccountHolder | undefined> {
    const rows: AccountHolder[] = await em.query(
      `SELECT id, email, display_name AS "displayName", is_active AS "isActive", email_verified_at IS NOT NULL AS "emailVerified" FROM app_user WHERE id = $1`,
      [id],
    );
    return rows[0];
  }

  async markVerified(em: EntityManager, userId: string): Promise<boolean> {
    const [, count] = (await em.query(`UPDATE app_user SET email_verified_at = now(), updated_at = now() WHERE id = $1 AND email_verified_at IS NULL`, [
      userId,
    ])) as [unknown, number];
    return count === 1;
  }

  /** Sets the new hash and ends every session of the account (ASVS 7.4.3: a reset logs out everywhere). */
  async setPassword(em: EntityManager, userId: string, passwordHash: string): Promise<void> {
    await em.query(`UPDATE app_user SET password_hash = $2, updated_at = now() WHERE id = $1`, [userId, passwordHash]);
    await em.query(`UPDATE session SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [userId]);
  }

  async passwordHash(em: EntityManager, userId: string): Promise<string | null> {
    const rows: { passwordHash: string | null }[] = await em.query(
      `SELECT password_hash AS "passwordHash" FROM app_user WHERE id = $1 AND is_active FOR UPDATE`,
      [userId],
    );
    return rows[0]?.passwordHash ?? null;
  }

  /** A change by the signed-in person: the new hash, and every other session of the account ended (ASVS 7.4.3). */
  async changePassword(em: EntityManager, userId: string, passwordHash: string, keepSessionId: string): Promise<number> {
    await em.query(`UPDATE app_user SET password_hash = $2, updated_at = now() WHERE id = $1`, [userId, passwordHash]);
    const [, ended] = (await em.query(`UPDATE session SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL AND id <> $2`, [
      userId,
      keepSessionId,
    ])) as [unknown, number];
    return ended;
  }
}
