import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

/** The `report_export` table, as the migrations create it (test/e2e/schema-diff.e2e-spec.ts keeps the two equal). */
// An expression index TypeORM cannot describe (docs/decisions/0001-raw-sql.md): btree (type, format, priority, COALESCE(call_id, '00000000-0000-0000-0000-000000000000'::uuid)) WHERE (status = 'PENDING'::text)
@Index('report_export_pending_key', { synchronize: false })
@Index('report_export_requested_idx', ['id', 'requestedAt'])
@Check('report_export_failed_check', "((status <> 'FAILED'::text) OR (failure_reason IS NOT NULL))")
@Check(
  'report_export_format_check',
  "(((type = 'FUNDING_REPORT'::text) AND (format = 'PDF'::text)) OR ((type <> 'FUNDING_REPORT'::text) AND (format = ANY (ARRAY['CSV'::text, 'XLSX'::text]))))",
)
@Check(
  'report_export_ready_check',
  "((status <> 'READY'::text) OR ((storage_key IS NOT NULL) AND (sha256 IS NOT NULL) AND (size_bytes IS NOT NULL) AND (row_count IS NOT NULL)))",
)
@Check('report_export_status_check', "(status = ANY (ARRAY['PENDING'::text, 'READY'::text, 'FAILED'::text]))")
@Check(
  'report_export_type_check',
  "(type = ANY (ARRAY['FUNDING_REPORT'::text, 'PROGRAMMING_TABLE'::text, 'OPERATIONS'::text, 'FINANCIAL_DATA'::text, 'PAYMENTS'::text, 'INDICATORS'::text, 'PAYMENT_FORECAST'::text]))",
)
@Entity('report_export')
export class ReportExportEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'report_export_pkey' }) id: string;
  @Column('text') type: 'FUNDING_REPORT' | 'PROGRAMMING_TABLE' | 'OPERATIONS' | 'FINANCIAL_DATA' | 'PAYMENTS' | 'INDICATORS' | 'PAYMENT_FORECAST';
  @Column('text') format: string;
  @Column('uuid', { nullable: true }) @ForeignKey('call', { name: 'report_export_call_fkey', onDelete: 'RESTRICT' }) callId: string | null;
  @Column('smallint', { default: 6 }) priority: number;
  @Column('uuid') @ForeignKey('app_user', { name: 'report_export_requested_by_fkey', onDelete: 'RESTRICT' }) requestedBy: string;
  @Column('text', { default: 'PENDING' }) status: 'PENDING' | 'READY' | 'FAILED';
  @Column('text', { nullable: true }) storageKey: string | null;
  @Column('bigint', { nullable: true }) sizeBytes: string | null;
  @Column('text', { nullable: true }) sha256: string | null;
  @Column('integer', { nullable: true }) rowCount: number | null;
  @Column('text', { nullable: true }) failureReason: string | null;
  @Column('timestamptz', { default: () => 'now()' }) requestedAt: Date;
  @Column('timestamptz', { nullable: true }) startedAt: Date | null;
  @Column('timestamptz', { nullable: true }) readyAt: Date | null;
}
