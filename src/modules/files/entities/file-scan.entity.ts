import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/** The `file_scan` table, as the migrations create it (test/e2e/schema-diff.e2e-spec.ts keeps the two equal). */
@Check('file_scan_status_check', "(status = ANY (ARRAY['CLEAN'::text, 'NOT_SCANNED'::text]))")
@Entity('file_scan')
export class FileScanEntity {
  @PrimaryColumn('text', { primaryKeyConstraintName: 'file_scan_pkey' }) storageKey: string;
  @Column('text') status: 'CLEAN' | 'NOT_SCANNED';
  @Column('timestamptz', { default: () => 'now()' }) scannedAt: Date;
}
