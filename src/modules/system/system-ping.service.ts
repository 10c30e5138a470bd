import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../../common/actor/actor';
import { AuditService } from '../../common/audit/audit.service';
import { DomainError } from '../../common/errors/domain-error';
import { OutboxRelay } from '../../common/outbox/outbox.relay';
import { OutboxService } from '../../common/outbox/outbox.service';
import { JobName } from '../../jobs/queues';
import { first } from '../../common/collections';

export interface PingView {
  id: string;
  requestedAt: string;
  processedAt: string | null;
  processCount: number;
  status: 'PENDING' | 'DONE';
}

/** A trivial job that proves the chain: transaction → outbox → relay → BullMQ → worker → exactly one effect. */
@Injectable()
export class SystemPingService {
  constructor(
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly relay: OutboxRelay,
  ) {}

  async request(actor: Actor): Promise<PingView> {
    const id = await this.dataSource.transaction(async (em) => {
      const row = first<{ id: string }>(
        await em.query(`INSERT INTO system_ping (requested_by) VALUES ($1) RETURNING id`, [actor.userId]),
        'the inserted system_ping row',
      );
      await this.outbox.enqueue(em, JobName.SystemPing, { pingId: row.id });
      await this.audit.record(em, actor, { action: 'system.ping.requested', subjectType: 'system_ping', subjectId: row.id });
      return row.id;
    });
    this.relay.kick();
    return this.get(id);
  }

  async get(id: string): Promise<PingView> {
    const rows: { id: string; requested_at: Date; processed_at: Date | null; process_count: number }[] = await this.dataSource.query(
      `SELECT id, requested_at, processed_at, process_count FROM system_ping WHERE id = $1`,
      [id],
    );
    const row = rows[0];
    if (!row) throw new DomainError('NOT_FOUND', 'Ping introuvable.');
    return {
      id: row.id,
      requestedAt: row.requested_at.toISOString(),
      processedAt: row.processed_at?.toISOString() ?? null,
      processCount: row.process_count,
      status: row.processed_at ? 'DONE' : 'PENDING',
    };
  }
}
