import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

/** The `open_data_release` table, as the migrations create it (test/e2e/schema-diff.e2e-spec.ts keeps the two equal). */
@Index('open_data_release_released_at_idx', ['releasedAt'])
@Check('open_data_release_count_check', '(operation_count >= 0)')
@Entity('open_data_release')
export class OpenDataReleaseEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'open_data_release_pkey' }) id: string;
  @Column('timestamptz', { default: () => 'now()' }) releasedAt: Date;
  @Column('integer') operationCount: number;
  @Column('bytea') csv: Buffer;
  @Column('bytea') json: Buffer;
  @Column('text') csvSha256: string;
  @Column('text') jsonSha256: string;
  @Column('uuid', { nullable: true }) @ForeignKey('app_user', { name: 'open_data_release_released_by_fkey', onDelete: 'RESTRICT' }) releasedBy: string | null;
}
