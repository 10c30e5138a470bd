import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** The `amendment` table, as the migrations create it (test/e2e/schema-diff.e2e-spec.ts keeps the two equal). */
@Unique('amendment_number_key', ['applicationId', 'number'])
@Unique('amendment_seq_key', ['applicationId', 'seq'])
@Index('amendment_one_open_idx', ['applicationId'], { unique: true, where: "(status = 'REQUESTED'::text)" })
@Check('amendment_content_check', '((new_end_date IS NOT NULL) OR (plan IS NOT NULL) OR (targets IS NOT NULL))')
@Check('amendment_decided_check', "((status = 'REQUESTED'::text) = (decided_at IS NULL))")
@Check('amendment_number_check', "((status = 'ACCEPTED'::text) = (number IS NOT NULL))")
@Check('amendment_reason_check', '((length(btrim(reason)) >= 1) AND (length(btrim(reason)) <= 5000))')
@Check('amendment_status_check', "(status = ANY (ARRAY['REQUESTED'::text, 'ACCEPTED'::text, 'REFUSED'::text]))")
@Entity('amendment')
export class AmendmentEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'amendment_pkey' }) id: string;
  @Column('uuid') @ForeignKey('application', { name: 'amendment_application_id_fkey', onDelete: 'RESTRICT' }) applicationId: string;
  @Column('integer') seq: number;
  @Column('integer', { nullable: true }) number: number | null;
  @Column('text', { default: 'REQUESTED' }) status: 'REQUESTED' | 'ACCEPTED' | 'REFUSED';
  @Column('date', { nullable: true }) newEndDate: string | null;
  @Column('jsonb', { nullable: true }) plan: unknown;
  @Column('jsonb', { nullable: true }) targets: unknown;
  @Column('text') reason: string;
  @Column('uuid') @ForeignKey('app_user', { name: 'amendment_requested_by_fkey', onDelete: 'RESTRICT' }) requestedBy: string;
  @Column('timestamptz', { default: () => 'now()' }) requestedAt: Date;
  @Column('uuid', { nullable: true }) @ForeignKey('app_user', { name: 'amendment_decided_by_fkey', onDelete: 'RESTRICT' }) decidedBy: string | null;
  @Column('timestamptz', { nullable: true }) decidedAt: Date | null;
  @Column('text', { nullable: true }) decisionReason: string | null;
  @Column('integer', { nullable: true }) planVersionNo: number | null;
  @Column('integer', { nullable: true }) targetVersionNo: number | null;
}
