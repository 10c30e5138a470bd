import { ApiProperty } from '@nestjs/swagger';
import { ComplementResponse } from '../../applications/dto/application.response';

export class AdmissibilityCheckResponse {
  @ApiProperty({
    enum: [
      'SUBMITTED_BEFORE_CLOSING',
      'REQUIRED_DOCUMENTS_PRESENT',
      'EU_AMOUNT_WITHIN_CALL_BOUNDS',
      'DURATION_WITHIN_CALL_BOUNDS',
      'DATES_IN_ELIGIBILITY_WINDOW',
      'PROJECT_NOT_COMPLETED',
      'FINANCING_PLAN_VALID',
      'ORGANISATION_LEGAL_PERSON',
    ],
  })
  checkId!: string;
  @ApiProperty() passed!: boolean;
  @ApiProperty() reason!: string;
}

export class AdmissibilityCheckRunResponse {
  @ApiProperty({ type: [AdmissibilityCheckResponse] }) checks!: AdmissibilityCheckResponse[];
  @ApiProperty() submissionNo!: number;
}

export class AdmissibilityDecisionResponse {
  @ApiProperty() round!: number;
  @ApiProperty({ enum: ['ADMISSIBLE', 'INCOMPLETE', 'INADMISSIBLE'] }) outcome!: string;
  @ApiProperty() status!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ type: [AdmissibilityCheckResponse] }) checks!: AdmissibilityCheckResponse[];
  @ApiProperty({ nullable: true, type: String }) messageId!: string | null;
}

export class CheckOverrideResponse {
  @ApiProperty({
    enum: [
      'SUBMITTED_BEFORE_CLOSING',
      'REQUIRED_DOCUMENTS_PRESENT',
      'EU_AMOUNT_WITHIN_CALL_BOUNDS',
      'DURATION_WITHIN_CALL_BOUNDS',
      'DATES_IN_ELIGIBILITY_WINDOW',
      'PROJECT_NOT_COMPLETED',
      'FINANCING_PLAN_VALID',
      'ORGANISATION_LEGAL_PERSON',
    ],
  })
  checkId!: string;
  @ApiProperty() reason!: string;
}

export class ReviewResponse {
  @ApiProperty() id!: string;
  @ApiProperty() round!: number;
  @ApiProperty() submissionNo!: number;
  @ApiProperty({ type: [AdmissibilityCheckResponse] }) checks!: AdmissibilityCheckResponse[];
  @ApiProperty({ enum: ['ADMISSIBLE', 'INCOMPLETE', 'INADMISSIBLE'] }) outcome!: string;
  @ApiProperty({ type: [String] }) reasons!: string[];
  @ApiProperty({ nullable: true, type: String }) remarks!: string | null;
  @ApiProperty({ type: [ComplementResponse] }) complements!: ComplementResponse[];
  @ApiProperty({ type: [CheckOverrideResponse] }) overrides!: CheckOverrideResponse[];
  @ApiProperty({ nullable: true, type: String }) dueDate!: string | null;
  @ApiProperty() decidedBy!: string;
  @ApiProperty({ type: Date }) decidedAt!: Date;
}

export class AdmissibilityRoundsResponse {
  @ApiProperty({ type: [ReviewResponse] }) rounds!: ReviewResponse[];
}

/** A value of the submission snapshot: any JSON value (text, number, yes/no, list, section), null when absent. */
const JSON_VALUE = [
  { type: 'string' },
  { type: 'number' },
  { type: 'boolean' },
  { type: 'array', items: {} },
  { type: 'object', additionalProperties: true, nullable: true },
];

export class FieldChangeResponse {
  @ApiProperty() path!: string;
  @ApiProperty({ oneOf: JSON_VALUE, description: 'Valeur avant le changement (absente : null)' }) before!: unknown;
  @ApiProperty({ oneOf: JSON_VALUE, description: 'Valeur après le changement (absente : null)' }) after!: unknown;
}

export class SubmissionDiffResponse {
  @ApiProperty() from!: number;
  @ApiProperty() to!: number;
  @ApiProperty({ type: [FieldChangeResponse] }) changes!: FieldChangeResponse[];
}

/** POST /applications/{id}/resubmit: submission n+1 of an incomplete dossier (replayed as is for the same Idempotency-Key). */
export class ApplicationResubmittedResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ nullable: true, type: String }) number!: string | null;
  @ApiProperty({ enum: ['SUBMITTED'] }) status!: string;
  @ApiProperty() submissionNo!: number;
  @ApiProperty({ format: 'date-time' }) submittedAt!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'New financing plan version when the plan changed, else null' }) planVersionNo!: number | null;
  @ApiProperty() totalEligibleCents!: number;
  @ApiProperty() euRequestedCents!: number;
}
