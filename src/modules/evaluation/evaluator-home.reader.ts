import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { first } from '../../common/collections';

/** An evaluator's work: declarations of interest to make, then sheets to submit (issue 14, point 9). */
@Injectable()
export class EvaluatorHomeReader {
  constructor(private readonly dataSource: DataSource) {}

  async todo(userId: string): Promise<{ declarations: number; sheets: number; consensus: number }> {
    const row = first<{ declarations: number; sheets: number; consensus: number }>(
      await this.dataSource.query(
        `SELECT count(*) FILTER (WHERE d.declared_at IS NULL AND d.automatic_reason IS NULL)::int AS declarations,
              count(*) FILTER (WHERE d.declared_at IS NOT NULL AND d.declared_conflict IS NOT TRUE AND ea.status <> 'SUBMITTED')::int AS sheets,
              count(*) FILTER (WHERE ea.rapporteur AND NOT EXISTS (SELECT 1 FROM evaluation_consensus c WHERE c.application_id = ea.application_id))::int AS consensus
         FROM evaluation_assignment ea
         LEFT JOIN conflict_declaration d ON d.application_id = ea.application_id AND d.evaluator_id = ea.evaluator_id
        WHERE ea.evaluator_id = $1`,
        [userId],
      ),
      'the evaluation_consensus query',
    );
    return row;
  }
}
