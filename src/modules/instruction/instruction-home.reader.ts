import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** The steps of instruction a dossier waits at, in order (docs/domain/lifecycle.md). */
export const WAITING_STEPS = ['SUBMITTED', 'ADMISSIBLE', 'UNDER_INSTRUCTION'] as const;
export type WaitingStep = (typeof WAITING_STEPS)[number];

export interface InstructorLoad {
  instructorId: string | null;
  displayName: string | null;
  counts: Record<WaitingStep, number>;
}

/** Dossiers waiting per instruction step and per instructor, for the instructors' home page (issue 14, point 9). */
@Injectable()
export class InstructionHomeReader {
  constructor(private readonly dataSource: DataSource) {}

  async waiting(): Promise<InstructorLoad[]> {
    const rows: { instructorId: string | null; displayName: string | null; status: WaitingStep; n: number }[] = await this.dataSource.query(
      `SELECT a.instructor_id AS "instructorId", u.display_name AS "displayName", a.status, count(*)::int AS n
         FROM application a LEFT JOIN app_user u ON u.id = a.instructor_id
        WHERE a.status = ANY($1) GROUP BY a.instructor_id, u.display_name, a.status`,
      [WAITING_STEPS],
    );
    const byInstructor = new Map<string, InstructorLoad>();
    for (const r of rows) {
      const key = r.instructorId ?? '';
      const load = byInstructor.get(key) ?? {
        instructorId: r.instructorId,
        displayName: r.displayName,
        counts: { SUBMITTED: 0, ADMISSIBLE: 0, UNDER_INSTRUCTION: 0 },
      };
      load.counts[r.status] += r.n;
      byInstructor.set(key, load);
    }
    // Unassigned first (they need someone), then by name.
    return [...byInstructor.values()].sort((a, b) =>
      a.instructorId === null ? -1 : b.instructorId === null ? 1 : (a.displayName ?? '').localeCompare(b.displayName ?? '', 'fr'),
    );
  }
}
