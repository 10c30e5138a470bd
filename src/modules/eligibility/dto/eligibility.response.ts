import { ApiProperty } from '@nestjs/swagger';
import { APPLICATION_STATUSES } from '../../applications/domain/application-status';
import { CsessGridResponse } from '../../calls/dto/call.response';

export class Art15AnswersResponse {
  @ApiProperty() I_1!: boolean;
  @ApiProperty() I_2!: boolean;
  @ApiProperty() II!: boolean;
}

export class EligibilityFactsResponse {
  @ApiProperty({ type: Art15AnswersResponse }) answers!: Art15AnswersResponse;
  @ApiProperty() funderIsCollectiviteTerritoriale!: boolean;
  @ApiProperty({ type: [String] }) targetPublics!: string[];
  @ApiProperty({ type: [String] }) allowedTargetPublics!: string[];
  @ApiProperty({ nullable: true, type: String }) operationType!: string | null;
  @ApiProperty({ type: [String] }) allowedOperationTypes!: string[];
  @ApiProperty() existingProject!: boolean;
  @ApiProperty({ nullable: true, type: String }) experimentationStartDate!: string | null;
  @ApiProperty() submissionDate!: string;
  @ApiProperty() newTerritory!: boolean;
  @ApiProperty() substantialChange!: boolean;
}

export class RuleResponse {
  @ApiProperty({ enum: ['ART15_I', 'ART15_II', 'P6_TARGET_PUBLIC', 'P6_OPERATION_TYPE', 'P6_EXISTING_PROJECT'] }) ruleId!: string;
  @ApiProperty() passed!: boolean;
  @ApiProperty() reason!: string;
  @ApiProperty() legalReference!: string;
}

export class EligibilityOverrideResponse {
  @ApiProperty() passed!: boolean;
  @ApiProperty() reason!: string;
  @ApiProperty() by!: string;
  @ApiProperty() at!: string;
}

export class EligibilityRuleResultResponse {
  @ApiProperty({ enum: ['ART15_I', 'ART15_II', 'P6_TARGET_PUBLIC', 'P6_OPERATION_TYPE', 'P6_EXISTING_PROJECT'] }) ruleId!: string;
  @ApiProperty() legalReference!: string;
  @ApiProperty() passed!: boolean;
  @ApiProperty() reason!: string;
  @ApiProperty({ type: RuleResponse }) engineResult!: RuleResponse;
  @ApiProperty({ nullable: true, type: EligibilityOverrideResponse }) override!: EligibilityOverrideResponse | null;
}

export class VerdictReasonResponse {
  @ApiProperty({ enum: ['ART15_I', 'ART15_II', 'P6_TARGET_PUBLIC', 'P6_OPERATION_TYPE', 'P6_EXISTING_PROJECT'] }) ruleId!: string;
  @ApiProperty() reason!: string;
  @ApiProperty() legalReference!: string;
}

export class CsessScoreResponse {
  @ApiProperty() code!: string;
  @ApiProperty() score!: number;
  @ApiProperty({ nullable: true, type: String }) comment!: string | null;
}

export class CsessSubtotalResponse {
  @ApiProperty({ enum: ['NEEDS_AND_ACTORS', 'OTHER_EFFECTS', 'EXPERIMENTATION_RISK'] }) code!: string;
  @ApiProperty() label!: string;
  @ApiProperty() score!: number;
  @ApiProperty() max!: number;
  @ApiProperty() scored!: number;
  @ApiProperty() criteria!: number;
}

export class EligibilityCsessResponse {
  @ApiProperty({ type: CsessGridResponse }) grid!: CsessGridResponse;
  @ApiProperty() defaultGrid!: boolean;
  @ApiProperty({ type: [CsessScoreResponse] }) scores!: CsessScoreResponse[];
  @ApiProperty({ type: [CsessSubtotalResponse] }) subtotals!: CsessSubtotalResponse[];
  @ApiProperty() total!: number;
  @ApiProperty() max!: number;
}

export class EligibilityViewResponse {
  @ApiProperty() applicationId!: string;
  @ApiProperty({
    enum: APPLICATION_STATUSES,
  })
  status!: string;
  @ApiProperty() statusLabel!: string;
  @ApiProperty() ruleSetVersion!: string;
  @ApiProperty({ type: EligibilityFactsResponse }) facts!: EligibilityFactsResponse;
  @ApiProperty({ type: [EligibilityRuleResultResponse] }) results!: EligibilityRuleResultResponse[];
  @ApiProperty() engineEligible!: boolean;
  @ApiProperty() eligible!: boolean;
  @ApiProperty({ nullable: true, enum: ['ELIGIBLE', 'INELIGIBLE'] }) verdict!: string | null;
  @ApiProperty({ type: [VerdictReasonResponse] }) verdictReasons!: VerdictReasonResponse[];
  @ApiProperty() evaluatedBy!: string;
  @ApiProperty() evaluatedAt!: string;
  @ApiProperty({ nullable: true, type: String }) confirmedBy!: string | null;
  @ApiProperty({ nullable: true, type: String }) confirmedAt!: string | null;
  @ApiProperty({ type: EligibilityCsessResponse }) csess!: EligibilityCsessResponse;
  @ApiProperty() version!: number;
}
