import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

@Injectable()
export class AccountsRepository {
  /** Inserts an applicant account; `null` when the e-mail is already used (unique index `app_user_email_key`). */
  async insertApplicant(em: EntityManager, a: { email: string; displayName: string; passwordHash: string }): Promise<string | null> {
    // Not verified until the link of the confirmation mail is followed (email_verified_at NULL).
    const rows: { id: string }[] = await em.query(
      `INSERT INTO app_user (email, display_name, password_hash, roles, email_verified_at) VALUES ($1, $2, $3, ARRAY['APPLICANT'], NULL)
       ON CONFLICT (email) DO NOTHING RETURNING id`,
      [a.email, a.displayName, a.passwordHash],
    );
    return rows[0]?.id ?? null;
  }
}
