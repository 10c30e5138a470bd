import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface ApplicantTodo {
  id: string;
  number: string | null;
  title: string | null;
  callTitle: string;
  /** Drafts: the call's closing instant; complements: the due date (YYYY-MM-DD). */
  due: Date | string | null;
}

/** What an applicant has to do next on their organisations' dossiers, for the home page (issue 14, point 9). */
@Injectable()
export class ApplicantHomeReader {
  constructor(private readonly dataSource: DataSource) {}

  async todo(userId: string): Promise<{ drafts: ApplicantTodo[]; complements: ApplicantTodo[]; submitted: number }> {
    const rows: (ApplicantTodo & { kind: 'DRAFT' | 'INCOMPLETE' | 'OTHER' })[] = await this.dataSource.query(
      `SELECT a.id, a.number, a.title, c.title AS "callTitle",
              CASE WHEN a.status = 'DRAFT' THEN 'DRAFT' WHEN a.status = 'INCOMPLETE' THEN 'INCOMPLETE' ELSE 'OTHER' END AS kind,
              CASE WHEN a.status = 'DRAFT' THEN c.closes_at::text
                   WHEN a.status = 'INCOMPLETE' THEN (SELECT r.due_date::text FROM admissibility_review r WHERE r.application_id = a.id ORDER BY r.round DESC LIMIT 1) END AS due
         FROM application a JOIN call c ON c.id = a.call_id
        WHERE a.organisation_id IN (SELECT organisation_id FROM organisation_member WHERE user_id = $1) AND a.status <> 'WITHDRAWN'
        ORDER BY a.updated_at DESC, a.id LIMIT 200`,
      [userId],
    );
    return {
      drafts: rows.filter((r) => r.kind === 'DRAFT').slice(0, 5),
      complements: rows.filter((r) => r.kind === 'INCOMPLETE').slice(0, 5),
      submitted: rows.filter((r) => r.kind === 'OTHER').length,
    };
  }
}
