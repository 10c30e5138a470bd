import { DataSource, EntityManager } from 'typeorm';
import { assertCallClosed } from './domain/call-closure';

/** Reads the call and refuses (409 CALL_NOT_CLOSED) before its closing instant; an unknown call is left to the caller. */
export async function requireCallClosed(db: DataSource | EntityManager, callId: string): Promise<void> {
  const rows: { status: string; closesAt: Date; now: Date }[] = await db.query(`SELECT status, closes_at AS "closesAt", now() AS now FROM call WHERE id = $1`, [
    callId,
  ]);
  if (rows[0]) assertCallClosed(rows[0], rows[0].now);
}
