import { Check, Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

/** The `call_version` table, as the migrations create it (test/e2e/schema-diff.e2e-spec.ts keeps the two equal). */
@Check('call_version_version_check', '(version >= 1)')
@Entity('call_version')
export class CallVersionEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'call_version_pkey' })
  @ForeignKey('call', { name: 'call_version_call_id_fkey', onDelete: 'RESTRICT' })
  callId: string;
  @PrimaryColumn('integer', { primaryKeyConstraintName: 'call_version_pkey' }) version: number;
  @Column('jsonb') rules: unknown;
  @Column('timestamptz', { default: () => 'now()' }) publishedAt: Date;
  @Column('uuid', { nullable: true }) @ForeignKey('app_user', { name: 'call_version_published_by_fkey' }) publishedBy: string | null;
}
