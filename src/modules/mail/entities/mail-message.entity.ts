import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** The `mail_message` table, as the migrations create it (test/e2e/schema-diff.e2e-spec.ts keeps the two equal). */
@Unique('mail_message_dedupe_key_key', ['dedupeKey'])
@Index('mail_message_created_idx', ['id', 'createdAt'])
@Index('mail_message_open_idx', ['status'], { where: "(status <> 'SENT'::text)" })
@Index('mail_message_recipient_idx', ['recipientUserId', 'createdAt'])
@Index('mail_message_unread_idx', ['recipientUserId'], { where: '(read_at IS NULL)' })
@Check('mail_message_failed_check', "((status <> 'FAILED'::text) OR (last_error IS NOT NULL))")
@Check('mail_message_sent_check', "((status <> 'SENT'::text) OR (sent_at IS NOT NULL))")
@Check('mail_message_status_check', "(status = ANY (ARRAY['PENDING'::text, 'SENT'::text, 'FAILED'::text, 'SKIPPED'::text]))")
@Entity('mail_message')
export class MailMessageEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'mail_message_pkey' }) id: string;
  @Column('text') dedupeKey: string;
  @Column('text') template: string;
  @Column('uuid', { nullable: true }) @ForeignKey('app_user', { name: 'mail_message_recipient_fkey', onDelete: 'SET NULL' }) recipientUserId: string | null;
  @Column('text') toAddress: string;
  @Column('text') subject: string;
  @Column('text') bodyText: string;
  @Column('text') bodyHtml: string;
  @Column('text', { default: 'PENDING' }) status: 'PENDING' | 'SENT' | 'FAILED' | 'SKIPPED';
  @Column('integer', { default: 0 }) attempts: number;
  @Column('text', { nullable: true }) lastError: string | null;
  @Column('text', { nullable: true }) providerMessageId: string | null;
  @Column('timestamptz', { default: () => 'now()' }) createdAt: Date;
  @Column('timestamptz', { nullable: true }) sentAt: Date | null;
  @Column('timestamptz', { nullable: true }) readAt: Date | null;
}
