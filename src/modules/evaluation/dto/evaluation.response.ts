import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CriterionResponse } from '../../calls/dto/call.response';
import { Article15AnswerResponse } from '../../applications/dto/application.response';

export class GridCriterionResponse {
  @ApiPropertyOptional() guidance?: string;
  @ApiProperty() code!: string;
  @ApiProperty() label!: string;
  @ApiProperty() weight!: number;
  @ApiProperty() scaleMin!: number;
  @ApiProperty() scaleMax!: number;
  @ApiPropertyOptional() threshold?: number;
  @ApiPropertyOptional() eliminatory?: boolean;
}

export class CallGridResponse {
  @ApiProperty({ type: [GridCriterionResponse] }) criteria!: GridCriterionResponse[];
  @ApiProperty() divergenceGap!: number;
  @ApiProperty() evaluatorsPerDossier!: number;
  @ApiProperty() fillRemainder!: boolean;
  @ApiProperty({ type: [String] }) tieBreak!: string[];
  @ApiPropertyOptional() overallThreshold?: number;
}

export class CallEvaluationGridResponse {
  @ApiProperty() callId!: string;
  @ApiProperty() reference!: string;
  @ApiProperty() title!: string;
  @ApiProperty() callStatus!: string;
  @ApiProperty() editable!: boolean;
  @ApiProperty() version!: number;
  @ApiProperty({ nullable: true, type: CallGridResponse }) grid!: CallGridResponse | null;
  @ApiProperty({ type: CallGridResponse }) template!: CallGridResponse;
}

export class PanelMemberResponse {
  @ApiProperty() userId!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ enum: ['CHAIR', 'RAPPORTEUR', 'MEMBER'] }) role!: string;
  @ApiProperty({ type: Date }) addedAt!: Date;
}

export class PanelAssignmentResponse {
  @ApiProperty() applicationId!: string;
  @ApiProperty() evaluatorId!: string;
  @ApiProperty() evaluatorName!: string;
  @ApiProperty() rapporteur!: boolean;
  @ApiProperty({ enum: ['DRAFT', 'SUBMITTED'] }) sheetStatus!: string;
  @ApiProperty({ enum: ['UNDECLARED', 'DECLARED'] }) declaration!: string;
  @ApiProperty() conflicted!: boolean;
  @ApiProperty({ nullable: true, type: String }) automaticReason!: string | null;
  @ApiProperty() waived!: boolean;
}

export class AutoAssignCreatedResponse {
  @ApiProperty() applicationId!: string;
  @ApiProperty() evaluatorId!: string;
  @ApiProperty() rapporteur!: boolean;
}

export class AutoAssignRapporteursNamedResponse {
  @ApiProperty() applicationId!: string;
  @ApiProperty() evaluatorId!: string;
}

export class AutoAssignShortfallResponse {
  @ApiProperty() applicationId!: string;
  @ApiProperty() missing!: number;
}

export class AutoAssignResponse {
  @ApiProperty({ type: [AutoAssignCreatedResponse] }) created!: AutoAssignCreatedResponse[];
  @ApiProperty({ type: [AutoAssignRapporteursNamedResponse] }) rapporteursNamed!: AutoAssignRapporteursNamedResponse[];
  @ApiProperty({ type: [AutoAssignShortfallResponse] }) shortfalls!: AutoAssignShortfallResponse[];
}

export class RankingGridResponse {
  @ApiProperty({ type: [String] }) tieBreak!: string[];
  @ApiProperty({ type: [CriterionResponse] }) criteria!: CriterionResponse[];
  @ApiPropertyOptional() overallThreshold?: number;
}

export class PendingDossierResponse {
  @ApiProperty() applicationId!: string;
  @ApiProperty() number!: string;
  @ApiProperty({ nullable: true, type: Number }) euAmountCents!: number | null;
  @ApiProperty({ enum: ['NO_INSTRUCTION_REPORT', 'NO_FINANCING_PLAN', 'NO_CONSENSUS'] }) reason!: string;
  @ApiProperty() explanation!: string;
}

export class RankingResponse {
  @ApiProperty() applicationId!: string;
  @ApiProperty() number!: string;
  @ApiProperty({ nullable: true, type: Number }) rank!: number | null;
  @ApiProperty({ nullable: true, type: Number }) total!: number | null;
  @ApiProperty() euAmountCents!: number;
  @ApiProperty({ nullable: true, type: Number }) cumulativeEuCents!: number | null;
  @ApiProperty({ enum: ['INELIGIBLE', 'FUNDED', 'RESERVE', 'BELOW_THRESHOLD'] }) status!: string;
  @ApiProperty() skippedForLackOfFunds!: boolean;
  @ApiProperty() tiedUnresolved!: boolean;
  @ApiProperty() explanation!: string;
}

export class CallRankingResponse {
  @ApiProperty() callId!: string;
  @ApiProperty() callEnvelopeCents!: number;
  @ApiProperty() grantedCents!: number;
  @ApiProperty() fillRemainder!: boolean;
  @ApiProperty({ type: RankingGridResponse }) grid!: RankingGridResponse;
  @ApiProperty({ type: [PendingDossierResponse] }) pending!: PendingDossierResponse[];
  @ApiProperty({ type: [RankingResponse] }) rows!: RankingResponse[];
  @ApiProperty() envelopeCents!: number;
  @ApiProperty() fundedCents!: number;
  @ApiProperty() remainingCents!: number;
}

export class DossierEvaluationsEvaluationScoreResponse {
  @ApiProperty() criterionCode!: string;
  @ApiProperty() score!: number;
  @ApiProperty() justification!: string;
}

export class DossierEvaluationsEvaluationResponse {
  @ApiProperty() evaluatorId!: string;
  @ApiProperty() evaluatorName!: string;
  @ApiProperty() rapporteur!: boolean;
  @ApiProperty({ enum: ['DRAFT', 'SUBMITTED'] }) status!: string;
  @ApiProperty({ enum: ['UNDECLARED', 'CONFLICTED', 'CLEAR'] }) conflict!: string;
  @ApiProperty({ nullable: true, type: [DossierEvaluationsEvaluationScoreResponse] }) scores!: DossierEvaluationsEvaluationScoreResponse[] | null;
}

export class DossierEvaluationsResponse {
  @ApiProperty() applicationId!: string;
  @ApiProperty() number!: string;
  @ApiProperty({ type: [DossierEvaluationsEvaluationResponse] }) evaluations!: DossierEvaluationsEvaluationResponse[];
}

export class EvaluationSummaryCriteriaScoreResponse {
  @ApiProperty() evaluatorId!: string;
  @ApiProperty() score!: number;
}

export class RatioResponse {
  @ApiProperty() numerator!: number;
  @ApiProperty() denominator!: number;
}

export class EvaluationSummaryCriteriaResponse {
  @ApiProperty() code!: string;
  @ApiProperty() label!: string;
  @ApiProperty() weight!: number;
  @ApiProperty({ type: [EvaluationSummaryCriteriaScoreResponse] }) scores!: EvaluationSummaryCriteriaScoreResponse[];
  @ApiProperty({ nullable: true, type: RatioResponse }) mean!: RatioResponse | null;
  @ApiProperty({ nullable: true, type: String }) meanDisplay!: string | null;
  @ApiProperty({ nullable: true, type: Number }) roundedMean!: number | null;
  @ApiProperty({ nullable: true, type: Number }) min!: number | null;
  @ApiProperty({ nullable: true, type: Number }) max!: number | null;
  @ApiProperty({ nullable: true, type: Number }) spread!: number | null;
  @ApiProperty() divergent!: boolean;
}

export class EvaluationSummaryExcludedEvaluationResponse {
  @ApiProperty() evaluatorId!: string;
  @ApiProperty({ enum: ['CONFLICTED', 'NOT_SUBMITTED'] }) reason!: string;
}

export class ConsensusResponse {
  @ApiProperty() applicationId!: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' } }) scores!: Record<string, number>;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) comments!: Record<string, string>;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' } }) startingMeans!: Record<string, number | null>;
  @ApiProperty() weightedTotal!: number;
  @ApiProperty() rapporteurId!: string;
  @ApiProperty({ type: Date }) decidedAt!: Date;
  @ApiProperty() version!: number;
}

export class EvaluationSummaryResponse {
  @ApiProperty() applicationId!: string;
  @ApiProperty() number!: string;
  @ApiProperty() divergenceGap!: number;
  @ApiProperty({ type: [EvaluationSummaryCriteriaResponse] }) criteria!: EvaluationSummaryCriteriaResponse[];
  @ApiProperty({ type: [String] }) countedEvaluatorIds!: string[];
  @ApiProperty({ type: [EvaluationSummaryExcludedEvaluationResponse] }) excludedEvaluations!: EvaluationSummaryExcludedEvaluationResponse[];
  @ApiProperty() hasDivergence!: boolean;
  @ApiProperty({ nullable: true, type: RatioResponse }) weightedTotal!: RatioResponse | null;
  @ApiProperty({ nullable: true, type: String }) weightedTotalDisplay!: string | null;
  @ApiProperty({ nullable: true, type: ConsensusResponse }) consensus!: ConsensusResponse | null;
  @ApiProperty() readyForConsensus!: boolean;
  @ApiProperty() canRecordConsensus!: boolean;
}

export class MyEvaluationsResponse {
  @ApiProperty() applicationId!: string;
  @ApiProperty() number!: string;
  @ApiProperty({ nullable: true, type: String }) title!: string | null;
  @ApiProperty() organisationName!: string;
  @ApiProperty() callTitle!: string;
  @ApiProperty() dossierStatus!: string;
  @ApiProperty() sheetStatus!: string;
  @ApiProperty() rapporteur!: boolean;
  @ApiProperty({ nullable: true, type: Boolean }) declaredConflict!: boolean | null;
  @ApiProperty({ nullable: true, type: String }) automaticReason!: string | null;
  @ApiProperty() waived!: boolean;
}

export class EvaluationDeclarationResponse {
  @ApiProperty() state!: string;
}

export class DossierContentArticle15Response {
  @ApiProperty({ nullable: true, type: Article15AnswerResponse }) i1!: Article15AnswerResponse | null;
  @ApiProperty({ nullable: true, type: Article15AnswerResponse }) i2!: Article15AnswerResponse | null;
  @ApiProperty({ nullable: true, type: Article15AnswerResponse }) ii!: Article15AnswerResponse | null;
}

export class DossierContentResponse {
  @ApiProperty() id!: string;
  @ApiProperty() number!: string;
  @ApiProperty({ nullable: true, type: String }) title!: string | null;
  @ApiProperty({ nullable: true, type: String }) summary!: string | null;
  @ApiProperty({ nullable: true, type: String }) socialNeed!: string | null;
  @ApiProperty({ type: [String] }) targetPublics!: string[];
  @ApiProperty({ nullable: true, type: String }) startDate!: string | null;
  @ApiProperty({ nullable: true, type: String }) endDate!: string | null;
  @ApiProperty({ nullable: true, type: String }) place!: string | null;
  @ApiProperty({ nullable: true, type: String }) departement!: string | null;
  @ApiProperty({ nullable: true, type: Number }) plannedParticipants!: number | null;
  @ApiProperty({ type: DossierContentArticle15Response }) article15!: DossierContentArticle15Response;
  @ApiProperty() organisationName!: string;
  @ApiProperty({ nullable: true, type: Number }) euCents!: number | null;
}

export class EvaluationSheetResponse {
  @ApiProperty() applicationId!: string;
  @ApiProperty() number!: string;
  @ApiProperty() callId!: string;
  @ApiProperty({ enum: ['DRAFT', 'SUBMITTED'] }) status!: string;
  @ApiProperty({ nullable: true, type: String }) submittedAt!: string | null;
  @ApiProperty() rapporteur!: boolean;
  @ApiProperty() version!: number;
  @ApiProperty({ type: CallGridResponse }) grid!: CallGridResponse;
  @ApiProperty({ type: [DossierEvaluationsEvaluationScoreResponse] }) scores!: DossierEvaluationsEvaluationScoreResponse[];
  @ApiProperty({ type: DossierContentResponse }) dossier!: DossierContentResponse;
}
