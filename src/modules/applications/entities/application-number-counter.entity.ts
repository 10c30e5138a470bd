import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/** The `application_number_counter` table, as the migrations create it (test/e2e/schema-diff.e2e-spec.ts keeps the two equal). */
@Check('application_number_counter_value_check', '((last_value >= 0) AND (last_value <= 999999))')
@Check('application_number_counter_year_check', '((year >= 2000) AND (year <= 9999))')
@Entity('application_number_counter')
export class ApplicationNumberCounterEntity {
  @PrimaryColumn('smallint', { primaryKeyConstraintName: 'application_number_counter_pkey' }) year: number;
  @Column('integer') lastValue: number;
}
