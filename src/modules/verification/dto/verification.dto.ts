import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { COST_OPTIONS } from '../../cofinancing/domain/cofinancing';
import { CHECK_RESULTS, type CheckResult } from '../domain/checklist';
import { LINE_DECISIONS, type LineDecision, REASON_CODES, type ReasonCode } from '../domain/verification-outcome';

/** A report may have thousands of lines above the threshold or in the sample: one request decides them all. */
export const MAX_DECISIONS = 20_000;

export class LineDecisionDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: "L'identifiant de la ligne est un UUID." })
  lineId!: string;

  @ApiProperty({ enum: LINE_DECISIONS })
  @IsIn(LINE_DECISIONS as unknown as string[], { message: 'Décision inconnue (RETAINED, REDUCED ou REJECTED).' })
  decision!: LineDecision;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'REDUCED only: the amount retained, in cents, below the declared amount' })
  @IsOptional()
  @IsInt({ message: 'Le montant retenu est un nombre entier de centimes.' })
  @Min(0, { message: 'Le montant retenu ne peut pas être négatif.' })
  @Max(Number.MAX_SAFE_INTEGER, { message: 'Le montant retenu est trop élevé.' })
  retainedCents?: number | null;

  @ApiPropertyOptional({ enum: REASON_CODES, description: 'Required for REDUCED and REJECTED' })
  @IsOptional()
  @IsIn(REASON_CODES as unknown as string[], { message: 'Motif inconnu.' })
  reasonCode?: ReasonCode | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Required when reasonCode is OTHER' })
  @IsOptional()
  @IsString({ message: 'Le motif est un texte.' })
  @MaxLength(2000, { message: '2 000 caractères au plus.' })
  reasonText?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString({ message: 'Le commentaire est un texte.' })
  @MaxLength(5000, { message: '5 000 caractères au plus.' })
  comment?: string | null;
}

export class DecisionsDto {
  @ApiProperty({ type: [LineDecisionDto] })
  @IsArray({ message: 'Les décisions sont une liste.' })
  @ArrayMinSize(1, { message: 'Au moins une décision.' })
  @ArrayMaxSize(MAX_DECISIONS, { message: `${MAX_DECISIONS} décisions au plus.` })
  @ValidateNested({ each: true })
  @Type(() => LineDecisionDto)
  decisions!: LineDecisionDto[];
}

export class CheckDto {
  @ApiProperty({ enum: CHECK_RESULTS })
  @IsIn(CHECK_RESULTS as unknown as string[], { message: 'Résultat inconnu.' })
  result!: CheckResult;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString({ message: 'Le commentaire est un texte.' })
  @MaxLength(5000, { message: '5 000 caractères au plus.' })
  comment?: string | null;
}

export class ChecklistItemsDto {
  @ApiPropertyOptional({ type: CheckDto }) @IsOptional() @ValidateNested() @Type(() => CheckDto) physicalAchievement?: CheckDto;
  @ApiPropertyOptional({ type: CheckDto }) @IsOptional() @ValidateNested() @Type(() => CheckDto) participantsData?: CheckDto;
  @ApiPropertyOptional({ type: CheckDto }) @IsOptional() @ValidateNested() @Type(() => CheckDto) indicators?: CheckDto;
  @ApiPropertyOptional({ type: CheckDto }) @IsOptional() @ValidateNested() @Type(() => CheckDto) publicity?: CheckDto;
}

export class ChecklistDto {
  @ApiProperty({ type: ChecklistItemsDto })
  @ValidateNested()
  @Type(() => ChecklistItemsDto)
  items!: ChecklistItemsDto;
}

export class AnswerDto {
  @ApiProperty({ description: 'Les observations du bénéficiaire sur les corrections proposées' })
  @IsString({ message: 'La réponse est un texte.' })
  @MaxLength(20_000, { message: '20 000 caractères au plus.' })
  comment!: string;
}

// Responses

export class VerificationOpenedResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'false when the report already had its verification' }) created!: boolean;
}

export class VersionResponse {
  @ApiProperty({ description: 'New version (also the ETag)' }) version!: number;
}

export class ContradictoryResponse extends VersionResponse {
  @ApiProperty({ example: '2026-12-20', description: 'Date by which the beneficiary answers' }) dueDate!: string;
}

export class FinalisedResponse extends VersionResponse {
  @ApiProperty({ description: 'Eligible expenditure retained for this report, in cents (direct + flat rate)' }) retainedCents!: number;
  @ApiProperty({ format: 'uuid', description: 'The verification report PDF, produced by the worker' }) documentId!: string;
}

export class AnswerFileResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() sha256!: string;
  @ApiProperty() sizeBytes!: number;
  @ApiProperty() mediaType!: string;
}

export class ClockResponse {
  @ApiProperty() elapsedDays!: number;
  @ApiProperty({ description: '80 − elapsed (CPR art. 74(1)(b))' }) daysLeft!: number;
  @ApiProperty({ description: 'Stopped while the corrections wait on the beneficiary' }) paused!: boolean;
}

export class QueueItemResponse {
  @ApiProperty({ format: 'uuid' }) reportId!: string;
  @ApiProperty({ format: 'uuid' }) applicationId!: string;
  @ApiProperty({ nullable: true, type: String }) number!: string | null;
  @ApiProperty({ nullable: true, type: String }) title!: string | null;
  @ApiProperty() organisationName!: string;
  @ApiProperty() seq!: number;
  @ApiProperty({ enum: ['INTERMEDIATE', 'FINAL'] }) kind!: string;
  @ApiProperty() submittedAt!: Date;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) verificationId!: string | null;
  @ApiProperty({ nullable: true, enum: ['IN_PROGRESS', 'CONTRADICTORY'] }) status!: string | null;
  @ApiProperty({ type: ClockResponse }) clock!: ClockResponse;
}

export class VerifiedLineFileResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() originalName!: string;
}

export class VerificationLineResponse {
  @ApiProperty({ format: 'uuid' }) lineId!: string;
  @ApiProperty({ enum: ['STAFF', 'OTHER_DIRECT', 'EXTERNAL_SERVICES', 'PARTICIPANTS', 'IN_KIND'] }) category!: string;
  @ApiProperty() label!: string;
  @ApiProperty() supplier!: string;
  @ApiProperty() documentRef!: string;
  @ApiProperty({ format: 'date' }) incurredOn!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) paidOn!: string | null;
  @ApiProperty({ type: [VerifiedLineFileResponse] }) files!: VerifiedLineFileResponse[];
  @ApiProperty() declaredCents!: number;
  @ApiProperty({ enum: ['EXHAUSTIVE', 'SAMPLED', 'UNSAMPLED'] }) selection!: string;
  @ApiProperty({ nullable: true, enum: LINE_DECISIONS }) decision!: string | null;
  @ApiProperty({ nullable: true, type: Number }) retainedCents!: number | null;
  @ApiProperty({ nullable: true, enum: REASON_CODES }) reasonCode!: string | null;
  @ApiProperty({ nullable: true, type: String }) reasonText!: string | null;
  @ApiProperty({ nullable: true, type: String }) comment!: string | null;
}

export class VerifiedReportResponse {
  @ApiProperty() seq!: number;
  @ApiProperty({ enum: ['INTERMEDIATE', 'FINAL'] }) kind!: string;
  @ApiProperty({ format: 'date' }) periodStart!: string;
  @ApiProperty({ format: 'date' }) periodEnd!: string;
  @ApiProperty({ nullable: true, type: Date }) submittedAt!: Date | null;
}

export class SamplingSettingsResponse {
  @ApiProperty() exhaustiveThresholdCents!: number;
  @ApiProperty() sampleRateBp!: number;
  @ApiProperty() minSampleSize!: number;
  @ApiProperty() contradictoryDays!: number;
  @ApiProperty() reallocationToleranceBp!: number;
}

export class AnswerFileRowResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() originalName!: string;
  @ApiProperty() mediaType!: string;
  @ApiProperty() sizeBytes!: number;
  @ApiProperty() sha256!: string;
  @ApiProperty() uploadedAt!: Date;
}

export class ContradictoryStateResponse {
  @ApiProperty({ nullable: true, type: Date }) sentAt!: Date | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) dueDate!: string | null;
  @ApiProperty({ nullable: true, type: Date }) answeredAt!: Date | null;
  @ApiProperty({ nullable: true, type: String }) comment!: string | null;
  @ApiProperty({ type: [AnswerFileRowResponse] }) files!: AnswerFileRowResponse[];
}

export class CheckResponse {
  @ApiProperty({ enum: CHECK_RESULTS }) result!: CheckResult;
  @ApiProperty({ nullable: true, type: String }) comment!: string | null;
}

/** Only the items already checked are present. */
export class ChecklistResponse {
  @ApiPropertyOptional({ type: CheckResponse }) physicalAchievement?: CheckResponse;
  @ApiPropertyOptional({ type: CheckResponse }) participantsData?: CheckResponse;
  @ApiPropertyOptional({ type: CheckResponse }) indicators?: CheckResponse;
  @ApiPropertyOptional({ type: CheckResponse }) publicity?: CheckResponse;
}

export class VerificationCountsResponse {
  @ApiProperty() lines!: number;
  @ApiProperty() exhaustive!: number;
  @ApiProperty() sampled!: number;
}

export class CategoryOutcomeResponse {
  @ApiProperty({ enum: ['STAFF', 'OTHER_DIRECT', 'EXTERNAL_SERVICES', 'PARTICIPANTS', 'IN_KIND'] }) category!: string;
  @ApiProperty() plannedCents!: number;
  @ApiProperty() allowedCents!: number;
  @ApiProperty() overToleranceCents!: number;
  @ApiProperty() finalRetainedCents!: number;
  @ApiProperty() declaredCents!: number;
  @ApiProperty() rejectedInCheckedCents!: number;
  @ApiProperty() rejectedInSampleCents!: number;
  @ApiProperty() sampledCents!: number;
  @ApiProperty() unsampledCents!: number;
  @ApiProperty() extrapolatedCents!: number;
  @ApiProperty() retainedCents!: number;
}

export class VerificationOutcomeResponse {
  @ApiProperty({ type: [CategoryOutcomeResponse] }) categories!: CategoryOutcomeResponse[];
  @ApiProperty() directDeclaredCents!: number;
  @ApiProperty() directRetainedCents!: number;
  @ApiProperty() flatRateDeclaredCents!: number;
  @ApiProperty() flatRateRetainedCents!: number;
  @ApiProperty() declaredCents!: number;
  @ApiProperty() retainedCents!: number;
  @ApiProperty({ description: 'Checked lines not decided yet' }) undecided!: number;
}

export class VerifiedPlanResponse {
  @ApiProperty() versionNo!: number;
  @ApiProperty({ enum: COST_OPTIONS }) costOption!: string;
  @ApiProperty({ nullable: true, type: Number }) flatRateBp!: number | null;
  @ApiProperty() rateBp!: number;
  @ApiProperty() euCents!: number;
}

export class VerificationAmountDueResponse {
  @ApiProperty() euCeilingCents!: number;
  @ApiProperty() rateBp!: number;
  @ApiProperty() retainedEligibleCents!: number;
  @ApiProperty() otherResourcesCents!: number;
  @ApiProperty() paidCents!: number;
  @ApiProperty({ enum: ['FINAL', 'INTERIM'] }) kind!: string;
  @ApiProperty() interimCapBp!: number;
  @ApiProperty() euDueCents!: number;
  @ApiProperty() payableCents!: number;
  @ApiProperty() recoveryCents!: number;
  @ApiProperty() releasedCents!: number;
}

export class DocumentRefResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() status!: string;
}

export class VerificationCanResponse {
  @ApiProperty() decide!: boolean;
  @ApiProperty() sendContradictory!: boolean;
  @ApiProperty() finalise!: boolean;
  @ApiProperty() answer!: boolean;
}

export class VerificationResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) reportId!: string;
  @ApiProperty({ format: 'uuid' }) applicationId!: string;
  @ApiProperty({ nullable: true, type: String }) number!: string | null;
  @ApiProperty({ nullable: true, type: String }) title!: string | null;
  @ApiProperty({ type: VerifiedReportResponse }) report!: VerifiedReportResponse;
  @ApiProperty({ enum: ['IN_PROGRESS', 'CONTRADICTORY', 'FINALISED'] }) status!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ description: 'Seed of the draw: the sample is redone with POST /api/v1/verification/sample/simulate' }) seed!: string;
  @ApiProperty({ type: SamplingSettingsResponse, description: 'Threshold, rate, minimum, contradictory days and tolerance used' })
  settings!: SamplingSettingsResponse;
  @ApiProperty() declaredCents!: number;
  @ApiProperty({ nullable: true, type: Number }) retainedCents!: number | null;
  @ApiProperty({ type: ClockResponse }) clock!: ClockResponse;
  @ApiProperty({ type: ContradictoryStateResponse, description: 'Sent, due date, answer, answer files' }) contradictory!: ContradictoryStateResponse;
  @ApiProperty({ nullable: true, type: Date }) finalisedAt!: Date | null;
  @ApiProperty({ type: ChecklistResponse, description: 'Physical achievement and participants checklist' }) checklist!: ChecklistResponse;
  @ApiProperty({ type: VerificationCountsResponse, description: 'Lines, exhaustive and sampled counts' }) counts!: VerificationCountsResponse;
  @ApiProperty({ type: [VerificationLineResponse], description: 'Checked lines (above the threshold or sampled)' }) lines!: VerificationLineResponse[];
  @ApiProperty({
    type: VerificationOutcomeResponse,
    description: 'By category: declared, rejected, sampled, extrapolated, tolerance, retained; flat rates; totals',
  })
  outcome!: VerificationOutcomeResponse;
  @ApiProperty({ type: VerifiedPlanResponse, description: 'The financing plan version the verification applies' }) plan!: VerifiedPlanResponse;
  @ApiProperty({ type: VerificationAmountDueResponse, description: 'The EU amount due on the cumulative retained expenditure (payments/domain/amount-due.ts)' })
  amountDue!: VerificationAmountDueResponse;
  @ApiProperty({ nullable: true, type: DocumentRefResponse, description: 'The verification report PDF once finalised' }) document!: DocumentRefResponse | null;
  @ApiProperty({ type: VerificationCanResponse, description: 'What the caller may do now' }) can!: VerificationCanResponse;
}
