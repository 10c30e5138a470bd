import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { APPLICATION_STATUSES } from '../../applications/domain/application-status';
import { PlanLineResponse, PlanResourceResponse } from '../../committee/dto/committee.response';
import { VerdictReasonResponse } from '../../eligibility/dto/eligibility.response';

export class InstructionReportSectionsResponse {
  @ApiPropertyOptional() publicTargeted?: string;
  @ApiPropertyOptional() capacity?: string;
  @ApiPropertyOptional() horizontalPrinciples?: string;
  @ApiPropertyOptional() stateAid?: string;
  @ApiPropertyOptional() doubleFunding?: string;
}

export class InstructionReportResponse {
  @ApiProperty() applicationId!: string;
  @ApiProperty({ enum: ['FAVORABLE', 'RESERVED', 'DEFAVORABLE'] }) opinion!: string;
  @ApiProperty() motivation!: string;
  @ApiProperty({ type: InstructionReportSectionsResponse }) sections!: InstructionReportSectionsResponse;
  @ApiProperty() planVersionNo!: number;
  @ApiProperty() writtenBy!: string;
  @ApiProperty({ type: Date }) writtenAt!: Date;
  @ApiProperty({ nullable: true, type: String }) submittedBy!: string | null;
  @ApiProperty({ nullable: true, type: Date }) submittedAt!: Date | null;
  @ApiProperty() version!: number;
}

export class InstructionReportEligibilityResponse {
  @ApiProperty({ nullable: true, enum: ['ELIGIBLE', 'INELIGIBLE'] }) verdict!: string | null;
  @ApiProperty({ type: [VerdictReasonResponse] }) verdictReasons!: VerdictReasonResponse[];
  @ApiProperty({ nullable: true, type: Date }) confirmedAt!: Date | null;
}

export class PlanVersionTotalsResponse {
  @ApiProperty() directCostsCents!: number;
  @ApiProperty() flatRateCostsCents!: number;
  @ApiProperty() totalEligibleCents!: number;
  @ApiProperty() maxEuCents!: number;
  @ApiProperty() euCents!: number;
  @ApiProperty() otherResourcesCents!: number;
}

export class PlanVersionResponse {
  @ApiProperty() applicationId!: string;
  @ApiProperty() versionNo!: number;
  @ApiProperty({ enum: ['APPLICANT', 'INSTRUCTOR', 'COMMITTEE', 'AMENDMENT'] }) source!: string;
  @ApiProperty({
    enum: ['REAL_COSTS', 'INDIRECT_15_STAFF', 'INDIRECT_7_DIRECT', 'INDIRECT_25_CALCULATED', 'OTHER_COSTS_40_STAFF', 'STAFF_20_OTHER_DIRECT', 'DRAFT_BUDGET'],
  })
  costOption!: string;
  @ApiProperty({ nullable: true, type: Number }) flatRateBp!: number | null;
  @ApiProperty() rateBp!: number;
  @ApiProperty({ type: [PlanLineResponse] }) lines!: PlanLineResponse[];
  @ApiProperty({ type: [PlanResourceResponse] }) resources!: PlanResourceResponse[];
  @ApiProperty({ type: PlanVersionTotalsResponse }) totals!: PlanVersionTotalsResponse;
  @ApiProperty({ nullable: true, type: String }) reason!: string | null;
  @ApiProperty({ nullable: true, type: String }) createdBy!: string | null;
  @ApiProperty({ type: Date }) createdAt!: Date;
}

export class LineDifferenceResponse {
  @ApiProperty() position!: number;
  @ApiProperty() category!: string;
  @ApiProperty() label!: string;
  @ApiProperty() applicantCents!: number;
  @ApiProperty() proposedCents!: number;
  @ApiProperty() deltaCents!: number;
}

export class InstructionReportDifferencesTotalResponse {
  @ApiProperty({ enum: ['directCostsCents', 'flatRateCostsCents', 'otherResourcesCents', 'euCents', 'totalEligibleCents', 'maxEuCents'] }) key!: string;
  @ApiProperty() applicantCents!: number;
  @ApiProperty() proposedCents!: number;
  @ApiProperty() deltaCents!: number;
}

export class InstructionReportDifferencesResponse {
  @ApiProperty({ type: [LineDifferenceResponse] }) lines!: LineDifferenceResponse[];
  @ApiProperty({ type: [InstructionReportDifferencesTotalResponse] }) totals!: InstructionReportDifferencesTotalResponse[];
}

export class InstructionReportViewResponse {
  @ApiProperty() applicationId!: string;
  @ApiProperty({ nullable: true, type: String }) number!: string | null;
  @ApiProperty({ nullable: true, type: String }) title!: string | null;
  @ApiProperty() organisationName!: string;
  @ApiProperty({
    enum: APPLICATION_STATUSES,
  })
  status!: string;
  @ApiProperty() statusLabel!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ nullable: true, type: InstructionReportResponse }) report!: InstructionReportResponse | null;
  @ApiProperty({ nullable: true, type: InstructionReportEligibilityResponse }) eligibility!: InstructionReportEligibilityResponse | null;
  @ApiProperty({ type: [PlanVersionResponse] }) planVersions!: PlanVersionResponse[];
  @ApiProperty({ nullable: true, type: Number }) retainedVersionNo!: number | null;
  @ApiProperty({ nullable: true, type: InstructionReportDifferencesResponse }) differences!: InstructionReportDifferencesResponse | null;
}
