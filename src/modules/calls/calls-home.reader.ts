import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface CallToPrepare {
  id: string;
  reference: string;
  title: string;
  status: string;
  closesAt: Date;
}

/** Calls a programme manager prepares (drafts) or runs (published), for the home page (issue 14, point 9). */
@Injectable()
export class CallsHomeReader {
  constructor(private readonly dataSource: DataSource) {}

  async calls(): Promise<{ drafts: CallToPrepare[]; published: CallToPrepare[] }> {
    const rows: CallToPrepare[] = await this.dataSource.query(
      `SELECT id, reference, title, status, closes_at AS "closesAt" FROM call WHERE status IN ('DRAFT', 'PUBLISHED') ORDER BY closes_at, reference LIMIT 100`,
    );
    return { drafts: rows.filter((r) => r.status === 'DRAFT'), published: rows.filter((r) => r.status === 'PUBLISHED') };
  }
}
