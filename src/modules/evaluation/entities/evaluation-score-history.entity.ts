import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

/** The `evaluation_score_history` table, as the migrations create it (test/e2e/schema-diff.e2e-spec.ts keeps the two equal). */
@Index('evaluation_score_history_sheet_idx', ['applicationId', 'evaluatorId', 'id'])
@Check('evaluation_score_history_event_check', "(event = ANY (ARRAY['SAVED'::text, 'SUBMITTED'::text, 'REOPENED'::text]))")
@Check('evaluation_score_history_scores_check', "(jsonb_typeof(scores) = 'array'::text)")
@Entity('evaluation_score_history')
export class EvaluationScoreHistoryEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'evaluation_score_history_pkey' }) id: string;
  @Column('uuid') @ForeignKey('application', { name: 'evaluation_score_history_application_fkey', onDelete: 'RESTRICT' }) applicationId: string;
  @Column('uuid') evaluatorId: string;
  @Column('text') event: 'SAVED' | 'SUBMITTED' | 'REOPENED';
  @Column('jsonb', { default: [] }) scores: unknown[];
  @Column('text', { nullable: true }) reason: string | null;
  @Column('uuid', { nullable: true }) @ForeignKey('app_user', { name: 'evaluation_score_history_actor_fkey', onDelete: 'RESTRICT' }) actorUserId: string | null;
  @Column('timestamptz', { default: () => 'now()' }) occurredAt: Date;
}
