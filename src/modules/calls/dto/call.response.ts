import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { COST_OPTIONS, type CostOption } from '../../cofinancing/domain/cofinancing';
import { LINE_CATEGORIES, SIMPLIFIED_COST_KINDS, type LineCategory, type SimplifiedCostKind } from '../../cofinancing/domain/cost-options';
import { RATE_BASES, REGION_CATEGORIES, type RateBasis, type RegionCategory } from '../../cofinancing/domain/rate-caps';
import { CALL_STATUSES, type CallStatus, FUNDER_TYPES, type FunderType } from '../domain/call-labels';
import type { CallPhase } from '../domain/call-window';

const PHASES = ['UPCOMING', 'OPEN', 'CLOSED'];

export class CostOptionResponse {
  @ApiProperty({ enum: COST_OPTIONS }) option: CostOption;
  @ApiProperty() rateBp: number;
  @ApiPropertyOptional({ nullable: true, type: String }) justification?: string | null;
  @ApiPropertyOptional({ nullable: true, enum: LINE_CATEGORIES, isArray: true }) baseCategories?: LineCategory[] | null;
}

export class SimplifiedCostResponse {
  @ApiProperty() code: string;
  @ApiProperty({ enum: SIMPLIFIED_COST_KINDS }) kind: SimplifiedCostKind;
  @ApiProperty() label: string;
  @ApiProperty({ enum: LINE_CATEGORIES }) category: LineCategory;
  @ApiProperty() amountCents: number;
  @ApiProperty() method: string;
}

export class CriterionResponse {
  @ApiProperty() code: string;
  @ApiProperty() label: string;
  @ApiPropertyOptional() guidance?: string;
  @ApiProperty() weight: number;
  @ApiProperty() scaleMin: number;
  @ApiProperty() scaleMax: number;
  @ApiPropertyOptional() threshold?: number;
  @ApiPropertyOptional() eliminatory?: boolean;
}

export class EvaluationGridResponse {
  @ApiProperty({ type: [CriterionResponse] }) criteria: CriterionResponse[];
  @ApiPropertyOptional() overallThreshold?: number;
  @ApiPropertyOptional({ type: [String] }) tieBreak?: string[];
  @ApiPropertyOptional() divergenceGap?: number;
  @ApiPropertyOptional() evaluatorsPerDossier?: number;
  @ApiPropertyOptional() fillRemainder?: boolean;
}

export class CsessCriterionResponse {
  @ApiProperty() code: string;
  @ApiProperty() label: string;
  @ApiProperty() scaleMax: number;
}

export class CsessCategoryResponse {
  @ApiProperty({ enum: ['NEEDS_AND_ACTORS', 'OTHER_EFFECTS', 'EXPERIMENTATION_RISK'] }) code: 'NEEDS_AND_ACTORS' | 'OTHER_EFFECTS' | 'EXPERIMENTATION_RISK';
  @ApiProperty() label: string;
  @ApiProperty({ type: [CsessCriterionResponse] }) criteria: CsessCriterionResponse[];
}

export class CsessGridResponse {
  @ApiProperty({ type: [CsessCategoryResponse] }) categories: CsessCategoryResponse[];
}

/** A call with all its rules. Instants are ISO 8601 (UTC); calendar dates `YYYY-MM-DD`; cents and basis points. */
export class CallResponse {
  @ApiProperty() id: string;
  @ApiProperty() reference: string;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty() programmeCci: string;
  @ApiProperty() priority: number;
  @ApiProperty() specificObjective: string;
  @ApiProperty() interventionFieldCode: string;
  @ApiProperty() fund: string;
  @ApiProperty() maxRateBp: number;
  @ApiProperty() envelopeCents: number;
  @ApiProperty() opensAt: string;
  @ApiProperty() closesAt: string;
  @ApiProperty() minEuCents: number;
  @ApiProperty({ nullable: true, type: Number }) maxEuCents: number | null;
  @ApiProperty() minDurationMonths: number;
  @ApiProperty() maxDurationMonths: number;
  @ApiProperty() eligibilityStart: string;
  @ApiProperty() eligibilityEnd: string;
  @ApiProperty({ type: [CostOptionResponse] }) costOptions: CostOptionResponse[];
  @ApiProperty({ enum: REGION_CATEGORIES, nullable: true }) regionCategory: RegionCategory | null;
  @ApiProperty({ enum: RATE_BASES }) rateBasis: RateBasis;
  @ApiProperty({ type: [SimplifiedCostResponse] }) simplifiedCosts: SimplifiedCostResponse[];
  @ApiProperty({ type: [String] }) requiredDocumentTypes: string[];
  @ApiProperty({ type: [String] }) targetPublics: string[];
  @ApiProperty({ type: [String] }) allowedOperationTypes: string[];
  @ApiProperty() participantsExpected: boolean;
  @ApiProperty({ enum: FUNDER_TYPES }) funderType: FunderType;
  @ApiProperty() draftsBeforeOpening: boolean;
  @ApiProperty({ description: 'Days to sign the convention once issued' }) signatureDeadlineDays: number;
  @ApiProperty({ description: 'Re-allocation between cost categories allowed without amendment, basis points of the category' })
  reallocationToleranceBp: number;
  @ApiProperty({ type: [String], description: 'ESF+ indicators (Annex I) the dossiers target, besides EECO01' }) indicatorCodes: string[];
  @ApiProperty({ type: EvaluationGridResponse, nullable: true }) evaluationGrid: EvaluationGridResponse | null;
  @ApiProperty({ type: CsessGridResponse, nullable: true, description: 'Grille CSESS (non bloquante) ; null : le modèle par défaut est proposé' })
  csessGrid: CsessGridResponse | null;
  @ApiProperty({ enum: CALL_STATUSES }) status: CallStatus;
  @ApiProperty({ enum: PHASES, nullable: true, description: 'By the server clock; null for a draft' }) phase: CallPhase | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Latest published version of the rules; dossiers record the one they were submitted under' })
  publishedVersion: number | null;
  @ApiProperty({ nullable: true, type: String }) publishedAt: string | null;
  @ApiProperty({ description: 'Row version, also sent as the ETag' }) version: number;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class CallSummaryResponse {
  @ApiProperty() id: string;
  @ApiProperty() reference: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: CALL_STATUSES }) status: CallStatus;
  @ApiProperty({ enum: PHASES, nullable: true }) phase: CallPhase | null;
  @ApiProperty() envelopeCents: number;
  @ApiProperty() maxRateBp: number;
  @ApiProperty() opensAt: string;
  @ApiProperty() closesAt: string;
  @ApiProperty({ nullable: true, type: Number }) publishedVersion: number | null;
  @ApiProperty() version: number;
}

export class CallPageResponse {
  @ApiProperty({ type: [CallSummaryResponse] }) items: CallSummaryResponse[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as cursor for the next page; null on the last page' }) nextCursor: string | null;
}

/** The rules frozen at one publication. */
export class CallVersionResponse {
  @ApiProperty() callId: string;
  @ApiProperty() version: number;
  @ApiProperty() publishedAt: string;
  @ApiProperty({ type: CallResponse }) rules: CallResponse;
}
