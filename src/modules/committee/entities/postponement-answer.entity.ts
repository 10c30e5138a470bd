import { Check, Column, Entity, ForeignKey, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** The `postponement_answer` table, as the migrations create it (test/e2e/schema-diff.e2e-spec.ts keeps the two equal). */
@Unique('postponement_answer_decision_key', ['decisionId'])
@Check('postponement_answer_length_check', '((length(answer) >= 1) AND (length(answer) <= 10000))')
@Entity('postponement_answer')
export class PostponementAnswerEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'postponement_answer_pkey' }) id: string;
  @Column('uuid') @ForeignKey('application', { name: 'postponement_answer_application_fkey', onDelete: 'RESTRICT' }) applicationId: string;
  @Column('uuid') @ForeignKey('committee_decision', { name: 'postponement_answer_decision_fkey', onDelete: 'RESTRICT' }) decisionId: string;
  @Column('text') answer: string;
  @Column('uuid') @ForeignKey('app_user', { name: 'postponement_answer_by_fkey', onDelete: 'RESTRICT' }) answeredBy: string;
  @Column('timestamptz', { default: () => 'now()' }) answeredAt: Date;
}
