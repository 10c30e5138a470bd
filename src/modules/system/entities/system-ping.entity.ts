import { Column, Entity, ForeignKey, PrimaryGeneratedColumn } from 'typeorm';

/** The `system_ping` table, as the migrations create it (test/e2e/schema-diff.e2e-spec.ts keeps the two equal). */
@Entity('system_ping')
export class SystemPingEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'system_ping_pkey' }) id: string;
  @Column('uuid', { nullable: true }) @ForeignKey('app_user', { name: 'system_ping_requested_by_fkey' }) requestedBy: string | null;
  @Column('timestamptz', { default: () => 'now()' }) requestedAt: Date;
  @Column('timestamptz', { nullable: true }) processedAt: Date | null;
  @Column('integer', { default: 0 }) processCount: number;
}
