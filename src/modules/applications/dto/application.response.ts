import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { APPLICATION_STATUSES } from '../domain/application-status';
import { CofinancingViolationResponse } from '../../cofinancing/dto/financing-simulation.response';

export class ComplementResponse {
  @ApiProperty({ enum: ['PROJECT', 'ARTICLE_15', 'FINANCING_PLAN', 'DOCUMENTS'] }) section!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) documentType?: string | null;
  @ApiProperty() message!: string;
}

export class ApplicationListPageItemResponse {
  @ApiProperty({ nullable: true, type: String }) number!: string | null;
  @ApiProperty() id!: string;
  @ApiProperty({
    enum: APPLICATION_STATUSES,
  })
  status!: string;
  @ApiProperty({ nullable: true, type: String }) title!: string | null;
  @ApiProperty() callId!: string;
  @ApiProperty() callReference!: string;
  @ApiProperty() callTitle!: string;
  @ApiProperty() organisationId!: string;
  @ApiProperty() organisationName!: string;
  @ApiProperty({ nullable: true, type: Number }) euRequestedCents!: number | null;
  @ApiProperty({ nullable: true, type: Date }) submittedAt!: Date | null;
  @ApiProperty({ type: Date }) createdAt!: Date;
  @ApiProperty({ type: Date }) updatedAt!: Date;
  @ApiProperty() version!: number;
  @ApiProperty() statusLabel!: string;
}

export class ApplicationListPageResponse {
  @ApiProperty({ type: [ApplicationListPageItemResponse] }) items!: ApplicationListPageItemResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class ApplicationCallCostOptionResponse {
  @ApiProperty({
    enum: ['REAL_COSTS', 'INDIRECT_15_STAFF', 'INDIRECT_7_DIRECT', 'INDIRECT_25_CALCULATED', 'OTHER_COSTS_40_STAFF', 'STAFF_20_OTHER_DIRECT', 'DRAFT_BUDGET'],
  })
  option!: string;
  @ApiProperty() rateBp!: number;
  @ApiPropertyOptional({ nullable: true, type: String }) justification?: string | null;
  @ApiPropertyOptional({ nullable: true, enum: ['STAFF', 'OTHER_DIRECT', 'EXTERNAL_SERVICES', 'PARTICIPANTS', 'IN_KIND'], isArray: true }) baseCategories?:
    string[] | null;
}

export class ApplicationCallDocumentTypeResponse {
  @ApiProperty() code!: string;
  @ApiProperty() label!: string;
  @ApiProperty() required!: boolean;
}

export class ApplicationCallTargetPublicResponse {
  @ApiProperty() code!: string;
  @ApiProperty() label!: string;
}

export class ApplicationCallResponse {
  @ApiProperty() id!: string;
  @ApiProperty() reference!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: Date }) opensAt!: Date;
  @ApiProperty({ type: Date }) closesAt!: Date;
  @ApiProperty() open!: boolean;
  @ApiProperty() maxRateBp!: number;
  @ApiProperty() minEuCents!: number;
  @ApiProperty({ nullable: true, type: Number }) maxEuCents!: number | null;
  @ApiProperty() minDurationMonths!: number;
  @ApiProperty() maxDurationMonths!: number;
  @ApiProperty() eligibilityStart!: string;
  @ApiProperty() eligibilityEnd!: string;
  @ApiProperty({ type: [ApplicationCallCostOptionResponse] }) costOptions!: ApplicationCallCostOptionResponse[];
  @ApiProperty({ type: [ApplicationCallDocumentTypeResponse] }) documentTypes!: ApplicationCallDocumentTypeResponse[];
  @ApiProperty({ type: [ApplicationCallTargetPublicResponse] }) targetPublics!: ApplicationCallTargetPublicResponse[];
  @ApiProperty({ type: [ApplicationCallTargetPublicResponse] }) operationTypes!: ApplicationCallTargetPublicResponse[];
}

export class ApplicationOrganisationResponse {
  @ApiProperty() id!: string;
  @ApiProperty() legalName!: string;
  @ApiProperty() siret!: string;
}

export class ProjectSectionResponse {
  @ApiProperty({ nullable: true, type: String }) title!: string | null;
  @ApiProperty({ nullable: true, type: String }) summary!: string | null;
  @ApiProperty({ nullable: true, type: String }) socialNeed!: string | null;
  @ApiProperty({ type: [String] }) targetPublics!: string[];
  @ApiProperty({ nullable: true, type: String }) startDate!: string | null;
  @ApiProperty({ nullable: true, type: String }) endDate!: string | null;
  @ApiProperty({ nullable: true, type: String }) place!: string | null;
  @ApiProperty({ nullable: true, type: String }) departement!: string | null;
  @ApiProperty({ nullable: true, type: Boolean }) withParticipants!: boolean | null;
  @ApiProperty({ nullable: true, type: Number }) plannedParticipants!: number | null;
  @ApiProperty({ nullable: true, type: String }) operationType!: string | null;
  @ApiProperty({ nullable: true, type: Boolean }) existingProject!: boolean | null;
  @ApiProperty({ nullable: true, type: String }) experimentationStartDate!: string | null;
  @ApiProperty({ nullable: true, type: Boolean }) newTerritory!: boolean | null;
  @ApiProperty({ nullable: true, type: Boolean }) substantialChange!: boolean | null;
  @ApiPropertyOptional({ nullable: true, type: Boolean }) physicalInvestment?: boolean | null;
}

export class ApplicationRegionCategoryResponse {
  @ApiProperty({ enum: ['LESS_DEVELOPED', 'TRANSITION', 'MORE_DEVELOPED'] }) category!: string;
  @ApiProperty() label!: string;
  @ApiProperty() departement!: string;
}

export class Article15AnswerResponse {
  @ApiProperty({ nullable: true, type: Boolean }) answer!: boolean | null;
  @ApiProperty({ nullable: true, type: String }) justification!: string | null;
}

export class Article15SectionResponse {
  @ApiProperty({ nullable: true, type: Article15AnswerResponse }) i1!: Article15AnswerResponse | null;
  @ApiProperty({ nullable: true, type: Article15AnswerResponse }) i2!: Article15AnswerResponse | null;
  @ApiProperty({ nullable: true, type: Article15AnswerResponse }) ii!: Article15AnswerResponse | null;
}

export class LineResponse {
  @ApiProperty() position!: number;
  @ApiProperty({ enum: ['STAFF', 'OTHER_DIRECT', 'EXTERNAL_SERVICES', 'PARTICIPANTS', 'IN_KIND'] }) category!: string;
  @ApiProperty() label!: string;
  @ApiProperty() amountCents!: number;
  @ApiPropertyOptional({ nullable: true, type: String }) simplifiedCostCode?: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) quantity?: number | null;
}

export class ResourceResponse {
  @ApiProperty() position!: number;
  @ApiProperty({ enum: ['IN_KIND', 'ESF_PLUS', 'PUBLIC', 'PRIVATE', 'SELF', 'REVENUE'] }) type!: string;
  @ApiProperty({ nullable: true, type: String }) funderName!: string | null;
  @ApiProperty() amountCents!: number;
}

export class ApplicationFinancingPlanComputedResponse {
  @ApiProperty() directCostsCents!: number;
  @ApiProperty() flatRateCostsCents!: number;
  @ApiProperty() totalEligibleCostsCents!: number;
  @ApiProperty() rateBaseCents!: number;
  @ApiProperty() maxEsfPlusCents!: number;
  @ApiProperty() requestedEsfPlusCents!: number;
  @ApiProperty() otherResourcesCents!: number;
  @ApiProperty() balanced!: boolean;
}

export class FieldErrorResponse {
  @ApiProperty() path!: string;
  @ApiProperty() code!: string;
  @ApiProperty() message!: string;
}

export class ApplicationFinancingPlanResponse {
  @ApiProperty({
    nullable: true,
    enum: ['REAL_COSTS', 'INDIRECT_15_STAFF', 'INDIRECT_7_DIRECT', 'INDIRECT_25_CALCULATED', 'OTHER_COSTS_40_STAFF', 'STAFF_20_OTHER_DIRECT', 'DRAFT_BUDGET'],
  })
  costOption!: string | null;
  @ApiProperty({ nullable: true, type: Number }) flatRateBp!: number | null;
  @ApiProperty() stateAid!: boolean;
  @ApiProperty({ type: [LineResponse] }) lines!: LineResponse[];
  @ApiProperty({ type: [ResourceResponse] }) resources!: ResourceResponse[];
  @ApiProperty({ nullable: true, type: ApplicationFinancingPlanComputedResponse }) computed!: ApplicationFinancingPlanComputedResponse | null;
  @ApiProperty({ type: [CofinancingViolationResponse] }) violations!: CofinancingViolationResponse[];
  @ApiProperty({ type: [FieldErrorResponse] }) errors!: FieldErrorResponse[];
}

export class ApplicationDocumentResponse {
  @ApiProperty() id!: string;
  @ApiProperty() documentType!: string;
  @ApiProperty() documentTypeLabel!: string;
  @ApiProperty() originalName!: string;
  @ApiProperty() mediaType!: string;
  @ApiProperty() sizeBytes!: number;
  @ApiProperty() sha256!: string;
  @ApiProperty({ type: Date }) uploadedAt!: Date;
  @ApiProperty({ enum: ['CLEAN', 'NOT_SCANNED'] }) scanStatus!: string;
}

export class ChecklistSectionResponse {
  @ApiProperty({ enum: ['project', 'article15', 'financingPlan', 'indicatorTargets', 'documents', 'call'] }) key!: string;
  @ApiProperty() label!: string;
  @ApiProperty() complete!: boolean;
  @ApiProperty({ type: [FieldErrorResponse] }) errors!: FieldErrorResponse[];
}

export class ApplicationChecklistResponse {
  @ApiProperty() complete!: boolean;
  @ApiProperty({ type: [ChecklistSectionResponse] }) sections!: ChecklistSectionResponse[];
  @ApiProperty({ type: [FieldErrorResponse] }) errors!: FieldErrorResponse[];
}

export class ApplicationHistoryResponse {
  @ApiProperty({
    nullable: true,
    enum: APPLICATION_STATUSES,
  })
  fromStatus!: string | null;
  @ApiProperty({
    enum: APPLICATION_STATUSES,
  })
  toStatus!: string;
  @ApiProperty({ nullable: true, type: String }) actorUserId!: string | null;
  @ApiProperty({ nullable: true, type: String }) reason!: string | null;
  @ApiProperty() applicationVersion!: number;
  @ApiProperty({ type: Date }) occurredAt!: Date;
  @ApiPropertyOptional({ nullable: true, type: String }) actorLabel?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) actorName?: string | null;
  @ApiPropertyOptional() actorIsMember?: boolean;
  @ApiProperty() toStatusLabel!: string;
}

export class ApplicationComplementRequestResponse {
  @ApiProperty({ type: [ComplementResponse] }) complements!: ComplementResponse[];
  @ApiProperty() dueDate!: string;
  @ApiProperty() open!: boolean;
}

export class ApplicationMessageResponse {
  @ApiProperty() id!: string;
  @ApiProperty() kind!: string;
  @ApiProperty() subject!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ type: Date }) createdAt!: Date;
}

export class StateAidFactResponse {
  @ApiProperty() label!: string;
  @ApiProperty() value!: string;
}

export class StateAidCeilingResponse {
  @ApiProperty() text!: string;
  @ApiProperty() exceeded!: boolean;
}

export class StateAidRetentionResponse {
  @ApiProperty() basis!: string;
  @ApiProperty() endText!: string;
}

export class StateAidResponse {
  @ApiProperty() declared!: boolean;
  @ApiProperty() regimeLabel!: string;
  @ApiProperty({ type: [StateAidFactResponse] }) facts!: StateAidFactResponse[];
  @ApiProperty({ nullable: true, type: StateAidCeilingResponse }) ceiling!: StateAidCeilingResponse | null;
  @ApiProperty({ type: StateAidRetentionResponse }) retention!: StateAidRetentionResponse;
}

export class StateAidDeclarationResponse {
  @ApiProperty({ enum: ['NONE', 'DE_MINIMIS', 'GBER', 'SIEG_DECISION', 'SIEG_DE_MINIMIS'] }) regime!: string;
  @ApiProperty({ nullable: true, type: String }) justification!: string | null;
  @ApiProperty({ nullable: true, type: String }) gberArticle!: string | null;
  @ApiProperty({ nullable: true, type: String }) reference!: string | null;
  @ApiProperty({ nullable: true, type: Number }) deMinimisReceivedCents!: number | null;
}

export class ApplicationResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ nullable: true, type: String }) number!: string | null;
  @ApiProperty({
    enum: APPLICATION_STATUSES,
  })
  status!: string;
  @ApiProperty() statusLabel!: string;
  @ApiProperty() version!: number;
  @ApiProperty() callVersion!: number;
  @ApiProperty({ type: ApplicationCallResponse }) call!: ApplicationCallResponse;
  @ApiProperty({ type: ApplicationOrganisationResponse }) organisation!: ApplicationOrganisationResponse;
  @ApiProperty({ type: ProjectSectionResponse }) project!: ProjectSectionResponse;
  @ApiProperty({ nullable: true, type: ApplicationRegionCategoryResponse }) regionCategory!: ApplicationRegionCategoryResponse | null;
  @ApiProperty({ type: Article15SectionResponse }) article15!: Article15SectionResponse;
  @ApiProperty({ type: ApplicationFinancingPlanResponse }) financingPlan!: ApplicationFinancingPlanResponse;
  @ApiProperty({ type: [ApplicationDocumentResponse] }) documents!: ApplicationDocumentResponse[];
  @ApiProperty({ nullable: true, type: ApplicationChecklistResponse }) checklist!: ApplicationChecklistResponse | null;
  @ApiProperty({ type: [ApplicationHistoryResponse] }) history!: ApplicationHistoryResponse[];
  @ApiProperty({ nullable: true, type: Date }) submittedAt!: Date | null;
  @ApiProperty({ type: Date }) createdAt!: Date;
  @ApiProperty({ type: Date }) updatedAt!: Date;
  @ApiPropertyOptional({ nullable: true, type: ApplicationComplementRequestResponse }) complementRequest?: ApplicationComplementRequestResponse | null;
  @ApiPropertyOptional({ type: [ApplicationMessageResponse] }) messages?: ApplicationMessageResponse[];
  @ApiPropertyOptional({ type: StateAidResponse }) stateAid?: StateAidResponse;
  @ApiPropertyOptional({ nullable: true, type: StateAidDeclarationResponse }) stateAidDeclaration?: StateAidDeclarationResponse | null;
}

export class UploadedDocumentResponse {
  @ApiProperty() id!: string;
  @ApiProperty() applicationId!: string;
  @ApiProperty() documentType!: string;
  @ApiProperty() originalName!: string;
  @ApiProperty() mediaType!: string;
  @ApiProperty() sizeBytes!: number;
  @ApiProperty() sha256!: string;
  @ApiProperty() uploadedBy!: string;
  @ApiProperty({ type: Date }) uploadedAt!: Date;
  @ApiProperty({ enum: ['CLEAN', 'NOT_SCANNED'] }) scanStatus!: string;
}

/** POST /applications: the new draft (the same body again when the Idempotency-Key is replayed). */
export class ApplicationCreatedResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['DRAFT'] }) status!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'uuid' }) callId!: string;
  @ApiProperty({ format: 'uuid' }) organisationId!: string;
}

export class SubmittedDocumentResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() documentType!: string;
  @ApiProperty() sha256!: string;
}

/** POST /applications/{id}/submit: the receipt of the submission (replayed as is for the same Idempotency-Key). */
export class ApplicationSubmittedResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'AAP-2026-000001' }) number!: string;
  @ApiProperty({ enum: ['SUBMITTED'] }) status!: string;
  @ApiProperty({ format: 'date-time' }) submittedAt!: string;
  @ApiProperty() callVersion!: number;
  @ApiProperty() version!: number;
  @ApiProperty() totalEligibleCents!: number;
  @ApiProperty() euRequestedCents!: number;
  @ApiProperty({ type: [SubmittedDocumentResponse] }) documents!: SubmittedDocumentResponse[];
}

/** The « Aides d'État » section: what was declared (null until it is) and the same in words. */
export class StateAidSectionResponse {
  @ApiProperty({ format: 'uuid' }) applicationId!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ nullable: true, type: StateAidDeclarationResponse }) declaration!: StateAidDeclarationResponse | null;
  @ApiProperty({ nullable: true, type: StateAidResponse }) summary!: StateAidResponse | null;
}
