import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { first } from '../../../common/collections';

export interface TotpRow {
  userId: string;
  secret: string;
  enabledAt: Date | null;
  lastUsedStep: number | null;
}

export interface ChallengeRow {
  userId: string;
  nextPath: string;
  attempts: number;
}

/** Owner of user_totp, user_recovery_code and login_challenge (docs/security.md, second factor). */
@Injectable()
export class SecondFactorRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findTotp(userId: string, em: EntityManager | DataSource = this.dataSource, lock = false): Promise<TotpRow | undefined> {
    const rows: TotpRow[] = await em.query(
      `SELECT user_id AS "userId", secret, enabled_at AS "enabledAt", last_used_step::int AS "lastUsedStep"
         FROM user_totp WHERE user_id = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [userId],
    );
    return rows[0];
  }

  /** A pending secret (enrolment not confirmed yet); an enabled one is never replaced here. */
  async savePending(em: EntityManager, userId: string, secret: string): Promise<void> {
    await em.query(
      `INSERT INTO user_totp (user_id, secret) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE SET secret = EXCLUDED.secret, created_at = now() WHERE user_totp.enabled_at IS NULL`,
      [userId, secret],
    );
  }

  async enable(em: EntityManager, userId: string, step: number): Promise<void> {
    await em.query(`UPDATE user_totp SET enabled_at = now(), last_used_step = $2 WHERE user_id = $1 AND enabled_at IS NULL`, [userId, step]);
  }

  /** Records the step just used; false when a concurrent login used this step or a later one first. */
  async useStep(em: EntityManager, userId: string, step: number): Promise<boolean> {
    const [, count] = (await em.query(`UPDATE user_totp SET last_used_step = $2 WHERE user_id = $1 AND (last_used_step IS NULL OR last_used_step < $2)`, [
      userId,
      step,
    ])) as [unknown, number];
    return count === 1;
  }

  async replaceRecoveryCodes(em: EntityManager, userId: string, hashes: string[]): Promise<void> {
    await em.query(`DELETE FROM user_recovery_code WHERE user_id = $1`, [userId]);
    await em.query(`INSERT INTO user_recovery_code (user_id, code_hash) SELECT $1, unnest($2::text[])`, [userId, hashes]);
  }

  /** Marks an unused recovery code used; true when it was one (each works once). */
  async useRecoveryCode(em: EntityManager, userId: string, hash: string): Promise<boolean> {
    const [, count] = (await em.query(`UPDATE user_recovery_code SET used_at = now() WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL`, [
      userId,
      hash,
    ])) as [unknown, number];
    return count === 1;
  }

  async unusedRecoveryCodes(userId: string): Promise<number> {
    const { n } = first<{ n: number }>(
      await this.dataSource.query(`SELECT count(*)::int AS n FROM user_recovery_code WHERE user_id = $1 AND used_at IS NULL`, [userId]),
      'the recovery code count',
    );
    return n;
  }

  async insertChallenge(em: EntityManager, c: { id: string; userId: string; nextPath: string; ttlMinutes: number }): Promise<void> {
    // One challenge at a time per account: a new password step voids the previous one.
    await em.query(`UPDATE login_challenge SET used_at = now() WHERE user_id = $1 AND used_at IS NULL`, [c.userId]);
    await em.query(`INSERT INTO login_challenge (id, user_id, next_path, expires_at) VALUES ($1, $2, $3, now() + make_interval(mins => $4))`, [
      c.id,
      c.userId,
      c.nextPath,
      c.ttlMinutes,
    ]);
  }

  async findChallenge(id: string): Promise<ChallengeRow | undefined> {
    const rows: ChallengeRow[] = await this.dataSource.query(
      `SELECT c.user_id AS "userId", c.next_path AS "nextPath", c.attempts FROM login_challenge c JOIN app_user u ON u.id = c.user_id
        WHERE c.id = $1 AND c.used_at IS NULL AND c.expires_at > now() AND u.is_active`,
      [id],
    );
    return rows[0];
  }

  /** Counts a wrong code; the challenge dies after `max` of them (the password must be typed again). */
  async failChallenge(id: string, max: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE login_challenge SET attempts = attempts + 1, used_at = CASE WHEN attempts + 1 >= $2 THEN now() END WHERE id = $1 AND used_at IS NULL`,
      [id, max],
    );
  }

  /** True when this call consumed the live challenge (a concurrent submit gets false). */
  async consumeChallenge(em: EntityManager, id: string): Promise<boolean> {
    const [, count] = (await em.query(`UPDATE login_challenge SET used_at = now() WHERE id = $1 AND used_at IS NULL AND expires_at > now()`, [id])) as [
      unknown,
      number,
    ];
    return count === 1;
  }
}
