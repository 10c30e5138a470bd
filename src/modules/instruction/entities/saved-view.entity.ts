import { Check, Column, Entity, ForeignKey, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** The `saved_view` table, as the migrations create it (test/e2e/schema-diff.e2e-spec.ts keeps the two equal). */
@Unique('saved_view_name_key', ['userId', 'scope', 'name'])
@Check('saved_view_name_check', '((length(btrim(name)) >= 1) AND (length(btrim(name)) <= 100))')
@Check('saved_view_query_check', "(jsonb_typeof(query) = 'object'::text)")
@Entity('saved_view')
export class SavedViewEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'saved_view_pkey' }) id: string;
  @Column('uuid') @ForeignKey('app_user', { name: 'saved_view_user_fkey', onDelete: 'CASCADE' }) userId: string;
  @Column('text') scope: string;
  @Column('text') name: string;
  @Column('jsonb') query: unknown;
  @Column('timestamptz', { default: () => 'now()' }) createdAt: Date;
}
