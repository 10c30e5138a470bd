import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class CommitteeSessionCallResponse {
  @ApiProperty() id!: string;
  @ApiProperty() reference!: string;
  @ApiProperty() title!: string;
}

export class CommitteeSessionMemberResponse {
  @ApiProperty() userId!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty() role!: string;
  @ApiProperty() present!: boolean;
}

export class QuorumCountResponse {
  @ApiProperty() present!: number;
  @ApiProperty() recusedPresent!: number;
  @ApiProperty() voting!: number;
  @ApiProperty() required!: number;
  @ApiProperty() reached!: boolean;
}

export class SessionItemRecusalResponse {
  @ApiProperty() userId!: string;
  @ApiProperty() kind!: string;
  @ApiProperty() reason!: string;
}

export class SessionItemDecisionResponse {
  @ApiProperty() outcome!: string;
  @ApiProperty() id!: string;
  @ApiProperty({ nullable: true, type: Number }) euCents!: number | null;
  @ApiProperty({ nullable: true, type: String }) conditions!: string | null;
  @ApiProperty({ nullable: true, type: String }) reasonCode!: string | null;
  @ApiProperty({ nullable: true, type: String }) reason!: string | null;
  @ApiProperty({ nullable: true, type: String }) requests!: string | null;
  @ApiProperty() decidedBy!: string;
  @ApiProperty({ type: Date }) decidedAt!: Date;
}

export class SessionItemResponse {
  @ApiProperty() applicationId!: string;
  @ApiProperty() number!: string;
  @ApiProperty({ nullable: true, type: String }) title!: string | null;
  @ApiProperty() organisationName!: string;
  @ApiProperty() applicationStatus!: string;
  @ApiProperty() position!: number;
  @ApiProperty({ nullable: true, type: Number }) rank!: number | null;
  @ApiProperty({ nullable: true, type: String }) rankingStatus!: string | null;
  @ApiProperty({ nullable: true, type: String }) total!: string | null;
  @ApiProperty() euCents!: number;
  @ApiProperty({ nullable: true, type: String }) explanation!: string | null;
  @ApiProperty({ type: [SessionItemRecusalResponse] }) recusals!: SessionItemRecusalResponse[];
  @ApiProperty({ type: QuorumCountResponse }) quorum!: QuorumCountResponse;
  @ApiProperty({ nullable: true, type: SessionItemDecisionResponse }) decision!: SessionItemDecisionResponse | null;
}

export class EnvelopeUseResponse {
  @ApiProperty() envelopeCents!: number;
  @ApiProperty() consumedCents!: number;
  @ApiProperty() remainingCents!: number;
  @ApiProperty() consumedBp!: number;
}

export class ReserveOfferOfferResponse {
  @ApiProperty() applicationId!: string;
  @ApiProperty() rank!: number;
  @ApiProperty() euCents!: number;
}

export class ReserveOfferResponse {
  @ApiProperty() availableCents!: number;
  @ApiProperty({ type: [ReserveOfferOfferResponse] }) offers!: ReserveOfferOfferResponse[];
  @ApiProperty() remainingAfterCents!: number;
}

export class CommitteeSessionCanResponse {
  @ApiProperty() manage!: boolean;
  @ApiProperty() decide!: boolean;
}

export class CommitteeSessionResponse {
  @ApiProperty() version!: number;
  @ApiProperty() fillRemainder!: boolean;
  @ApiProperty({ nullable: true, type: String }) openedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) closedAt!: string | null;
  @ApiProperty({ type: CommitteeSessionCallResponse }) call!: CommitteeSessionCallResponse;
  @ApiProperty({ type: [CommitteeSessionMemberResponse] }) members!: CommitteeSessionMemberResponse[];
  @ApiProperty({ type: QuorumCountResponse }) quorumStatus!: QuorumCountResponse;
  @ApiProperty({ type: [SessionItemResponse] }) items!: SessionItemResponse[];
  @ApiProperty({ nullable: true, type: Number }) fundingLineAfterPosition!: number | null;
  @ApiProperty({ type: EnvelopeUseResponse }) envelope!: EnvelopeUseResponse;
  @ApiProperty({ type: ReserveOfferResponse }) reserveOffer!: ReserveOfferResponse;
  @ApiProperty({ type: CommitteeSessionCanResponse }) can!: CommitteeSessionCanResponse;
  @ApiProperty() id!: string;
  @ApiProperty() status!: string;
  @ApiProperty() title!: string;
  @ApiProperty() callId!: string;
  @ApiProperty() scheduledAt!: string;
  @ApiProperty({ nullable: true, type: String }) location!: string | null;
  @ApiProperty() quorum!: number;
}

export class CommitteeSessionSummaryResponse {
  @ApiProperty() id!: string;
  @ApiProperty() callId!: string;
  @ApiProperty() callReference!: string;
  @ApiProperty() callTitle!: string;
  @ApiProperty() title!: string;
  @ApiProperty() scheduledAt!: string;
  @ApiProperty({ nullable: true, type: String }) location!: string | null;
  @ApiProperty() quorum!: number;
  @ApiProperty() status!: string;
}

export class CommitteeDecisionResponse {
  @ApiProperty() decisionId!: string;
  @ApiProperty() applicationId!: string;
  @ApiProperty() outcome!: string;
  @ApiProperty({ nullable: true, type: Number }) euCents!: number | null;
  @ApiProperty() status!: string;
  @ApiProperty({ nullable: true, type: Number }) planVersionNo!: number | null;
}

export class ReserveOfferWithEnvelopeResponse {
  @ApiProperty() availableCents!: number;
  @ApiProperty({ type: [ReserveOfferOfferResponse] }) offers!: ReserveOfferOfferResponse[];
  @ApiProperty() remainingAfterCents!: number;
  @ApiProperty({ type: EnvelopeUseResponse }) envelope!: EnvelopeUseResponse;
  @ApiProperty() fillRemainder!: boolean;
}

export class AwardProposalResponse {
  @ApiProperty() id!: string;
  @ApiProperty() applicationId!: string;
  @ApiProperty() decisionId!: string;
  @ApiProperty() retainedEuCents!: number;
  @ApiProperty() proposedEuCents!: number;
  @ApiProperty() answerDueDate!: string;
  @ApiProperty({ enum: ['REFUSED', 'PENDING', 'ACCEPTED'] }) status!: string;
  @ApiProperty({ nullable: true, type: Number }) planVersionNo!: number | null;
  @ApiProperty({ nullable: true, type: String }) refusalReason!: string | null;
  @ApiProperty({ nullable: true, type: String }) answeredBy!: string | null;
  @ApiProperty({ nullable: true, type: Date }) answeredAt!: Date | null;
  @ApiProperty({ type: Date }) createdAt!: Date;
  @ApiProperty() version!: number;
  @ApiProperty({ nullable: true, type: String }) conditions!: string | null;
  @ApiProperty() sessionTitle!: string;
  @ApiProperty({ type: Date }) decidedAt!: Date;
}

export class AwardProposalDossierResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ nullable: true, type: String }) number!: string | null;
  @ApiProperty({ nullable: true, type: String }) title!: string | null;
  @ApiProperty() status!: string;
  @ApiProperty() organisationName!: string;
}

export class PlanLineResponse {
  @ApiProperty({ enum: ['STAFF', 'OTHER_DIRECT', 'EXTERNAL_SERVICES', 'PARTICIPANTS', 'IN_KIND'] }) category!: string;
  @ApiProperty() label!: string;
  @ApiProperty() amountCents!: number;
  @ApiPropertyOptional({ nullable: true, type: String }) simplifiedCostCode?: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) quantity?: number | null;
}

export class PlanResourceResponse {
  @ApiProperty({ enum: ['IN_KIND', 'ESF_PLUS', 'PUBLIC', 'PRIVATE', 'SELF', 'REVENUE'] }) type!: string;
  @ApiProperty({ nullable: true, type: String }) funderName!: string | null;
  @ApiProperty() amountCents!: number;
}

export class RetainedPlanResponse {
  @ApiProperty() versionNo!: number;
  @ApiProperty({
    enum: ['REAL_COSTS', 'INDIRECT_15_STAFF', 'INDIRECT_7_DIRECT', 'INDIRECT_25_CALCULATED', 'OTHER_COSTS_40_STAFF', 'STAFF_20_OTHER_DIRECT', 'DRAFT_BUDGET'],
  })
  costOption!: string;
  @ApiProperty({ nullable: true, type: Number }) flatRateBp!: number | null;
  @ApiProperty() rateBp!: number;
  @ApiProperty({ type: [PlanLineResponse] }) lines!: PlanLineResponse[];
  @ApiProperty({ type: [PlanResourceResponse] }) resources!: PlanResourceResponse[];
  @ApiProperty() euCents!: number;
  @ApiProperty() totalEligibleCents!: number;
}

export class AwardProposalViewResponse {
  @ApiProperty({ type: AwardProposalResponse }) proposal!: AwardProposalResponse;
  @ApiProperty({ type: AwardProposalDossierResponse }) dossier!: AwardProposalDossierResponse;
  @ApiProperty({ type: RetainedPlanResponse }) retainedPlan!: RetainedPlanResponse;
  @ApiProperty({ nullable: true, type: RetainedPlanResponse }) revisedPlan!: RetainedPlanResponse | null;
  @ApiProperty() open!: boolean;
  @ApiProperty() canAnswer!: boolean;
  @ApiProperty() lapsable!: boolean;
}

export class AwardAcceptedResponse {
  @ApiProperty({ enum: ['PROGRAMMED'] }) status!: string;
  @ApiProperty() planVersionNo!: number;
  @ApiProperty() version!: number;
}

export class AwardRenouncedResponse {
  @ApiProperty({ enum: ['RENOUNCED'] }) status!: string;
  @ApiProperty() version!: number;
}
