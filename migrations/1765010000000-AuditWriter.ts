import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Only the audit writer appends to the audit trail (docs/security.md): `audit_append()` runs as the schema owner
 * (SECURITY DEFINER), checks the row and inserts it — the chain trigger numbers and hashes it as before — while the
 * application role loses INSERT on audit_log. A forged row by plain SQL from the application role is refused; what
 * the function accepts follows one naming convention (`subject.event`, lower case) and names a real user.
 */
export class AuditWriter1765010000000 implements MigrationInterface {
  name = 'AuditWriter1765010000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION audit_append(p_actor_user_id uuid, p_actor_kind text, p_action text, p_subject_type text, p_subject_id text,
                                   p_before jsonb, p_after jsonb, p_correlation_id text)
      RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE new_seq bigint;
      BEGIN
        IF p_action !~ '^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+$' THEN
          RAISE EXCEPTION 'audit action % does not follow subject.event', p_action USING ERRCODE = 'check_violation';
        END IF;
        IF p_subject_type !~ '^[a-z][a-z0-9_]*$' OR p_subject_id IS NULL OR p_subject_id = '' THEN
          RAISE EXCEPTION 'audit subject is malformed' USING ERRCODE = 'check_violation';
        END IF;
        IF p_actor_kind = 'USER' AND NOT EXISTS (SELECT 1 FROM app_user WHERE id = p_actor_user_id) THEN
          RAISE EXCEPTION 'audit actor is not a user' USING ERRCODE = 'check_violation';
        END IF;
        IF p_actor_kind = 'SYSTEM' AND p_actor_user_id IS NOT NULL THEN
          RAISE EXCEPTION 'a system actor has no user' USING ERRCODE = 'check_violation';
        END IF;
        INSERT INTO audit_log (actor_user_id, actor_kind, action, subject_type, subject_id, before, after, correlation_id, seq, prev_hash, hash)
        VALUES (p_actor_user_id, p_actor_kind, p_action, p_subject_type, p_subject_id, p_before, p_after, p_correlation_id, 0, '', '')
        RETURNING seq INTO new_seq;
        RETURN new_seq;
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION audit_append(uuid, text, text, text, text, jsonb, jsonb, text) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION audit_append(uuid, text, text, text, text, jsonb, jsonb, text) TO essaim_app`);
    await q.query(`REVOKE INSERT ON audit_log FROM essaim_app`);
    await q.query(`REVOKE INSERT ON audit_log FROM PUBLIC`);
    // Rows written before the convention keep their names (the chain hashes them); new ones follow it.
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`GRANT INSERT ON audit_log TO essaim_app`);
    await q.query(`DROP FUNCTION audit_append(uuid, text, text, text, text, jsonb, jsonb, text)`);
  }
}
