import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface SessionToPrepare {
  id: string;
  title: string;
  status: 'PLANNED' | 'OPEN';
  scheduledAt: Date;
  pending: number;
}

/** Committee sessions not yet closed, with the decisions still to take, for the home page (issue 14, point 9). */
@Injectable()
export class CommitteeHomeReader {
  constructor(private readonly dataSource: DataSource) {}

  async openSessions(): Promise<SessionToPrepare[]> {
    return this.dataSource.query(
      `SELECT s.id, s.title, s.status, s.scheduled_at AS "scheduledAt",
              (SELECT count(*)::int FROM committee_item i WHERE i.session_id = s.id AND NOT EXISTS (SELECT 1 FROM committee_decision d WHERE d.session_id = s.id AND d.application_id = i.application_id)) AS pending
         FROM committee_session s WHERE s.status IN ('PLANNED', 'OPEN') ORDER BY s.scheduled_at, s.id LIMIT 20`,
    );
  }
}
