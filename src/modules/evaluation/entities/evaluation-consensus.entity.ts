import { Check, Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

/** The `evaluation_consensus` table, as the migrations create it (test/e2e/schema-diff.e2e-spec.ts keeps the two equal). */
@Check(
  'evaluation_consensus_objects_check',
  "((jsonb_typeof(scores) = 'object'::text) AND (jsonb_typeof(comments) = 'object'::text) AND (jsonb_typeof(starting_means) = 'object'::text))",
)
@Entity('evaluation_consensus')
export class EvaluationConsensusEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'evaluation_consensus_pkey' })
  @ForeignKey('application', { name: 'evaluation_consensus_application_fkey', onDelete: 'RESTRICT' })
  applicationId: string;
  @Column('jsonb') scores: unknown;
  @Column('jsonb', { default: {} }) comments: Record<string, unknown>;
  @Column('jsonb', { default: {} }) startingMeans: Record<string, unknown>;
  @Column('integer') weightedTotal: number;
  @Column('uuid') @ForeignKey('app_user', { name: 'evaluation_consensus_rapporteur_fkey', onDelete: 'RESTRICT' }) rapporteurId: string;
  @Column('timestamptz', { default: () => 'now()' }) decidedAt: Date;
  @Column('integer', { default: 1 }) version: number;
}
