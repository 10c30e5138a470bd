import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CalendarCallRow } from './domain/call-calendar';

/** Published calls that have not closed yet, for the calendar of calls (CPR art. 49(2)). */
@Injectable()
export class CallCalendarRepository {
  constructor(private readonly dataSource: DataSource) {}

  async upcomingAndOpen(now: Date): Promise<CalendarCallRow[]> {
    const rows: (Omit<CalendarCallRow, 'envelopeCents'> & { envelopeCents: string })[] = await this.dataSource.query(
      `SELECT id, reference, title, description, opens_at AS "opensAt", closes_at AS "closesAt", envelope_cents AS "envelopeCents",
              max_rate_bp AS "maxRateBp", priority, specific_objective AS "specificObjective", target_publics AS "targetPublics",
              allowed_operation_types AS "operationTypes", region_category AS "regionCategory"
         FROM call WHERE status = 'PUBLISHED' AND closes_at > $1 ORDER BY opens_at, reference LIMIT 500`,
      [now],
    );
    return rows.map((r) => ({ ...r, envelopeCents: Number(r.envelopeCents), priority: Number(r.priority) }));
  }
}
