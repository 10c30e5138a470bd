import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

/** The `committee_session` table, as the migrations create it (test/e2e/schema-diff.e2e-spec.ts keeps the two equal). */
@Index('committee_session_call_idx', ['callId', 'scheduledAt'])
@Check('committee_session_quorum_check', '(quorum >= 1)')
@Check('committee_session_status_check', "(status = ANY (ARRAY['PLANNED'::text, 'OPEN'::text, 'CLOSED'::text]))")
@Entity('committee_session')
export class CommitteeSessionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'committee_session_pkey' }) id: string;
  @Column('uuid') @ForeignKey('call', { name: 'committee_session_call_fkey', onDelete: 'RESTRICT' }) callId: string;
  @Column('text') title: string;
  @Column('timestamptz') scheduledAt: Date;
  @Column('text', { nullable: true }) location: string | null;
  @Column('smallint') quorum: number;
  @Column('text', { default: 'PLANNED' }) status: 'PLANNED' | 'OPEN' | 'CLOSED';
  @Column('uuid') @ForeignKey('app_user', { name: 'committee_session_created_by_fkey', onDelete: 'RESTRICT' }) createdBy: string;
  @Column('timestamptz', { default: () => 'now()' }) createdAt: Date;
  @Column('timestamptz', { nullable: true }) openedAt: Date | null;
  @Column('timestamptz', { nullable: true }) closedAt: Date | null;
  @Column('integer', { default: 1 }) version: number;
  @Column('boolean', { default: false }) fillRemainder: boolean;
}
