import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '../errors/domain-error';

export interface IdempotencyClaim {
  scope: string;
  key: string;
}

/** What an idempotent command answers: the exact stored text, and whether it is a replay (`Idempotent-Replayed`). */
export interface IdempotentOutcome {
  status: number;
  body: string;
  replayed: boolean;
}

export type ClaimResult = { kind: 'claimed'; claim: IdempotencyClaim } | { kind: 'replay'; status: number; body: string };

/** An IN_PROGRESS key older than this belongs to a request that died (statements time out after seconds). */
const STALE_SECONDS = 120;

/**
 * Idempotency keys (Stripe's design, docs/api.md). A key is claimed in its own short transaction
 * (so a concurrent duplicate sees IN_PROGRESS and gets 409), then completed with the response inside the business
 * transaction: the stored response and the business effects commit together. The response is stored as jsonb and
 * always sent back as its stored text, so a replay is byte-for-byte the first answer. A failed request releases its
 * key (nothing was done, so a corrected retry may reuse it).
 */
@Injectable()
export class IdempotencyService {
  private readonly logger = new Logger(IdempotencyService.name);

  constructor(private readonly dataSource: DataSource) {}

  /**
   * One idempotent command: claim the key, run the change in one transaction that stores its answer (the change calls
   * `complete` and returns its text), and release the key when the change fails so that a corrected retry may reuse it.
   */
  async execute(
    scope: string,
    key: string,
    requestHash: string,
    change: (em: EntityManager, claim: IdempotencyClaim) => Promise<string>,
    status = 200,
  ): Promise<IdempotentOutcome> {
    const claimed = await this.claim(scope, key, requestHash);
    if (claimed.kind === 'replay') return { status: claimed.status, body: claimed.body, replayed: true };
    try {
      return { status, body: await this.dataSource.transaction((em) => change(em, claimed.claim)), replayed: false };
    } catch (e) {
      await this.release(claimed.claim).catch((err: Error) => this.logger.warn(`could not release an idempotency key: ${err.message}`));
      throw e;
    }
  }

  /**
   * Claims the key in its own short transaction (`runner` the DataSource), or inside the business transaction (`runner`
   * its EntityManager): the claim then commits with the change or not at all, so there is nothing to release, and a
   * concurrent duplicate waits for the first to end (on the lock the caller took first, or on the key's insert) and
   * gets its answer as a replay.
   */
  async claim(scope: string, key: string, requestHash: string, runner: DataSource | EntityManager = this.dataSource): Promise<ClaimResult> {
    const inserted: unknown[] = await runner.query(
      `INSERT INTO idempotency_key (scope, key, request_hash) VALUES ($1, $2, $3) ON CONFLICT (scope, key) DO NOTHING RETURNING key`,
      [scope, key, requestHash],
    );
    if (inserted.length) return { kind: 'claimed', claim: { scope, key } };

    const [row]: { requestHash: string; status: string; responseStatus: number | null; body: string | null; stale: boolean }[] = await runner.query(
      `SELECT request_hash AS "requestHash", status, response_status AS "responseStatus", response_body::text AS body,
                created_at < now() - make_interval(secs => $3) AS stale
           FROM idempotency_key WHERE scope = $1 AND key = $2`,
      [scope, key, STALE_SECONDS],
    );
    if (!row) return this.claim(scope, key, requestHash, runner); // released meanwhile
    if (row.requestHash !== requestHash) {
      throw new DomainError('IDEMPOTENCY_KEY_REUSED', "Cette clé d'idempotence a déjà servi pour une requête différente. Utilisez une nouvelle clé.");
    }
    if (row.status === 'DONE') return { kind: 'replay', status: row.responseStatus!, body: row.body! };
    if (row.stale) {
      const [, count] = (await runner.query(
        `UPDATE idempotency_key SET created_at = now()
          WHERE scope = $1 AND key = $2 AND status = 'IN_PROGRESS' AND created_at < now() - make_interval(secs => $3)`,
        [scope, key, STALE_SECONDS],
      )) as [unknown, number];
      if (count === 1) return { kind: 'claimed', claim: { scope, key } };
    }
    throw new DomainError('IDEMPOTENCY_KEY_IN_USE', 'Une requête avec cette clé est déjà en cours de traitement. Réessayez dans un instant.');
  }

  /** Stores the response in the business transaction; returns the exact text to send (now and on every replay). */
  async complete(em: EntityManager, claim: IdempotencyClaim, status: number, body: unknown): Promise<string> {
    const [rows] = (await em.query(
      `UPDATE idempotency_key SET status = 'DONE', response_status = $3, response_body = $4::jsonb, completed_at = now()
        WHERE scope = $1 AND key = $2 AND status = 'IN_PROGRESS' RETURNING response_body::text AS body`,
      [claim.scope, claim.key, status, JSON.stringify(body)],
    )) as [{ body: string }[], number];
    const [row] = rows;
    if (!row || rows.length !== 1) throw new Error('idempotency key no longer claimed');
    return row.body;
  }

  async release(claim: IdempotencyClaim): Promise<void> {
    await this.dataSource.query(`DELETE FROM idempotency_key WHERE scope = $1 AND key = $2 AND status = 'IN_PROGRESS'`, [claim.scope, claim.key]);
  }
}
