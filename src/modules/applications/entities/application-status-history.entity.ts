import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

/** The `application_status_history` table, as the migrations create it (test/e2e/schema-diff.e2e-spec.ts keeps the two equal). */
@Index('application_status_history_application_idx', ['applicationId', 'id'])
@Check(
  'application_status_history_from_check',
  "((from_status IS NULL) OR (from_status = ANY (ARRAY['DRAFT'::text, 'SUBMITTED'::text, 'ADMISSIBLE'::text, 'INCOMPLETE'::text, 'INADMISSIBLE'::text, 'UNDER_INSTRUCTION'::text, 'INSTRUCTED'::text, 'UNDER_EVALUATION'::text, 'IN_COMMITTEE'::text, 'PROGRAMMED'::text, 'REFUSED'::text, 'POSTPONED'::text, 'CONVENTION_ISSUED'::text, 'WITHDRAWN'::text, 'CONVENTION_SIGNED'::text, 'IN_PROGRESS'::text, 'RENOUNCED'::text, 'CLOSED'::text, 'AWARD_PROPOSED'::text])))",
)
@Check(
  'application_status_history_to_check',
  "(to_status = ANY (ARRAY['DRAFT'::text, 'SUBMITTED'::text, 'ADMISSIBLE'::text, 'INCOMPLETE'::text, 'INADMISSIBLE'::text, 'UNDER_INSTRUCTION'::text, 'INSTRUCTED'::text, 'UNDER_EVALUATION'::text, 'IN_COMMITTEE'::text, 'PROGRAMMED'::text, 'REFUSED'::text, 'POSTPONED'::text, 'CONVENTION_ISSUED'::text, 'WITHDRAWN'::text, 'CONVENTION_SIGNED'::text, 'IN_PROGRESS'::text, 'RENOUNCED'::text, 'CLOSED'::text, 'AWARD_PROPOSED'::text]))",
)
@Entity('application_status_history')
export class ApplicationStatusHistoryEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', primaryKeyConstraintName: 'application_status_history_pkey' }) id: string;
  @Column('uuid') @ForeignKey('application', { name: 'application_status_history_application_fkey', onDelete: 'RESTRICT' }) applicationId: string;
  @Column('text', { nullable: true }) fromStatus: string | null;
  @Column('text')
  toStatus:
    | 'DRAFT'
    | 'SUBMITTED'
    | 'ADMISSIBLE'
    | 'INCOMPLETE'
    | 'INADMISSIBLE'
    | 'UNDER_INSTRUCTION'
    | 'INSTRUCTED'
    | 'UNDER_EVALUATION'
    | 'IN_COMMITTEE'
    | 'PROGRAMMED'
    | 'REFUSED'
    | 'POSTPONED'
    | 'CONVENTION_ISSUED'
    | 'WITHDRAWN'
    | 'CONVENTION_SIGNED'
    | 'IN_PROGRESS'
    | 'RENOUNCED'
    | 'CLOSED'
    | 'AWARD_PROPOSED';
  @Column('uuid', { nullable: true })
  @ForeignKey('app_user', { name: 'application_status_history_actor_fkey', onDelete: 'RESTRICT' })
  actorUserId: string | null;
  @Column('text', { nullable: true }) reason: string | null;
  @Column('integer') applicationVersion: number;
  @Column('timestamptz', { default: () => 'now()' }) occurredAt: Date;
}
