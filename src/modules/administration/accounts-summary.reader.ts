import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { first } from '../../common/collections';

/** Staff accounts at a glance, for the administrator's home page (issue 14, point 9). */
@Injectable()
export class AccountsSummaryReader {
  constructor(private readonly dataSource: DataSource) {}

  async summary(): Promise<{ activeStaff: number; inactive: number; neverSignedIn: number }> {
    const row = first<{ activeStaff: number; inactive: number; neverSignedIn: number }>(
      await this.dataSource.query(
        `SELECT count(*) FILTER (WHERE u.is_active AND u.roles <> ARRAY['APPLICANT']::text[])::int AS "activeStaff",
              count(*) FILTER (WHERE NOT u.is_active)::int AS inactive,
              count(*) FILTER (WHERE u.is_active AND u.roles <> ARRAY['APPLICANT']::text[] AND NOT EXISTS (SELECT 1 FROM session s WHERE s.user_id = u.id))::int AS "neverSignedIn"
         FROM app_user u`,
      ),
      'the session query',
    );
    return row;
  }
}
