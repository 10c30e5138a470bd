import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { centsTransformer } from '../../../database/money.transformer';

export interface CallCostOption {
  option: string;
  rateBp: number;
  justification?: string | null;
  baseCategories?: string[] | null;
}

@Entity('call')
export class CallEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') reference: string;
  @Column('text') title: string;
  @Column('text') description: string;
  @Column('text') programmeCci: string;
  @Column('smallint') priority: number;
  @Column('text') specificObjective: string;
  @Column('text') interventionFieldCode: string;
  @Column('text') fund: string;
  @Column('integer') maxRateBp: number;
  @Column('bigint', { transformer: centsTransformer }) envelopeCents: number;
  @Column('timestamptz') opensAt: Date;
  @Column('timestamptz') closesAt: Date;
  @Column('bigint', { transformer: centsTransformer }) minEuCents: number;
  @Column('bigint', { transformer: centsTransformer, nullable: true }) maxEuCents: number | null;
  @Column('smallint') minDurationMonths: number;
  @Column('smallint') maxDurationMonths: number;
  @Column('date') eligibilityStart: string;
  @Column('date') eligibilityEnd: string;
  @Column('jsonb') costOptions: CallCostOption[];
  @Column('text', { nullable: true }) regionCategory: string | null;
  @Column('text') rateBasis: string;
  @Column('jsonb') simplifiedCosts: Record<string, unknown>[];
  @Column('jsonb') requiredDocumentTypes: string[];
  @Column('jsonb') targetPublics: string[];
  @Column('jsonb') allowedOperationTypes: string[];
  @Column('boolean') participantsExpected: boolean;
  @Column('text') funderType: string;
  @Column('boolean') draftsBeforeOpening: boolean;
  @Column('jsonb', { nullable: true }) evaluationGrid: Record<string, unknown> | null;
  @Column('text') status: 'DRAFT' | 'PUBLISHED' | 'ARCHIVED';
  @Column('integer', { nullable: true }) publishedVersion: number | null;
  @Column('timestamptz', { nullable: true }) publishedAt: Date | null;
  @Column('integer') version: number;
  @Column('uuid', { nullable: true }) createdBy: string | null;
  @Column('timestamptz') createdAt: Date;
  @Column('timestamptz') updatedAt: Date;
}
