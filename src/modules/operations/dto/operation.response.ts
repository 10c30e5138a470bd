import { ApiProperty } from '@nestjs/swagger';
import { APPLICATION_STATUSES } from '../../applications/domain/application-status';
import { ExecutionReportIndicatorTargetResponse } from '../../execution-reports/dto/report.response';

export class OperationDetailConventionResponse {
  @ApiProperty() documentId!: string;
  @ApiProperty() version!: number;
  @ApiProperty() sha256!: string;
  @ApiProperty({ nullable: true, type: String }) issuedOn!: string | null;
}

export class OperationDetailSignatureResponse {
  @ApiProperty({ enum: ['BENEFICIARY', 'BODY'] }) party!: string;
  @ApiProperty() documentVersion!: number;
  @ApiProperty() documentSha256!: string;
  @ApiProperty() signerName!: string;
  @ApiProperty() signerTitle!: string;
  @ApiProperty({ type: Date }) signedAt!: Date;
}

export class OperationDetailStartResponse {
  @ApiProperty() actualStartDate!: string;
  @ApiProperty({ nullable: true, type: String }) firstExpensesDate!: string | null;
  @ApiProperty({ nullable: true, type: Number }) firstExpensesCents!: number | null;
  @ApiProperty({ nullable: true, type: Date }) attestedAt!: Date | null;
}

export class OperationDetailRenunciationResponse {
  @ApiProperty({ type: Date }) at!: Date;
  @ApiProperty({ nullable: true, type: String }) reason!: string | null;
}

export class OperationDetailReportResponse {
  @ApiProperty() overdue!: boolean;
  @ApiProperty() id!: string;
  @ApiProperty() status!: string;
  @ApiProperty({ nullable: true, type: Date }) submittedAt!: Date | null;
  @ApiProperty() seq!: number;
  @ApiProperty({ enum: ['INTERMEDIATE', 'FINAL'] }) kind!: string;
  @ApiProperty() periodStart!: string;
  @ApiProperty() periodEnd!: string;
  @ApiProperty() dueDate!: string;
  @ApiProperty() effectiveDueDate!: string;
  @ApiProperty({ nullable: true, type: String }) postponementStatus!: string | null;
}

export class AmendmentSummaryResponse {
  @ApiProperty() id!: string;
  @ApiProperty() seq!: number;
  @ApiProperty({ nullable: true, type: Number }) number!: number | null;
  @ApiProperty() status!: string;
  @ApiProperty({ nullable: true, type: String }) newEndDate!: string | null;
  @ApiProperty() hasPlan!: boolean;
  @ApiProperty() hasTargets!: boolean;
  @ApiProperty() reason!: string;
  @ApiProperty({ type: Date }) requestedAt!: Date;
  @ApiProperty({ nullable: true, type: Date }) decidedAt!: Date | null;
  @ApiProperty({ nullable: true, type: String }) decisionReason!: string | null;
}

export class OperationDetailSettingsResponse {
  @ApiProperty() signatureDeadlineDays!: number;
  @ApiProperty() reallocationToleranceBp!: number;
  @ApiProperty() maxDurationMonths!: number;
  @ApiProperty({ type: [String] }) indicatorCodes!: string[];
}

export class OperationDetailCanResponse {
  @ApiProperty() act!: boolean;
  @ApiProperty() decide!: boolean;
}

export class OperationDetailResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ nullable: true, type: String }) number!: string | null;
  @ApiProperty({ nullable: true, type: String }) title!: string | null;
  @ApiProperty() organisationName!: string;
  @ApiProperty({
    enum: APPLICATION_STATUSES,
  })
  status!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ nullable: true, type: String }) startDate!: string | null;
  @ApiProperty({ nullable: true, type: String }) endDate!: string | null;
  @ApiProperty() euCents!: number;
  @ApiProperty() advanceCents!: number;
  @ApiProperty({ nullable: true, type: OperationDetailConventionResponse }) convention!: OperationDetailConventionResponse | null;
  @ApiProperty({ nullable: true, type: String }) signatureDueDate!: string | null;
  @ApiProperty() signatureOverdue!: boolean;
  @ApiProperty({ type: [OperationDetailSignatureResponse] }) signatures!: OperationDetailSignatureResponse[];
  @ApiProperty({ nullable: true, type: String }) notifiedOn!: string | null;
  @ApiProperty({ nullable: true, type: OperationDetailStartResponse }) start!: OperationDetailStartResponse | null;
  @ApiProperty({ nullable: true, type: OperationDetailRenunciationResponse }) renunciation!: OperationDetailRenunciationResponse | null;
  @ApiProperty({ type: [OperationDetailReportResponse] }) reports!: OperationDetailReportResponse[];
  @ApiProperty({ type: [AmendmentSummaryResponse] }) amendments!: AmendmentSummaryResponse[];
  @ApiProperty({ type: [ExecutionReportIndicatorTargetResponse] }) indicatorTargets!: ExecutionReportIndicatorTargetResponse[];
  @ApiProperty({ type: OperationDetailSettingsResponse }) settings!: OperationDetailSettingsResponse;
  @ApiProperty({ type: OperationDetailCanResponse }) can!: OperationDetailCanResponse;
}

export class SignatureResponse {
  @ApiProperty() signatureId!: string;
  @ApiProperty() signedAt!: string;
  @ApiProperty() documentVersion!: number;
}

export class CountersignatureResponse {
  @ApiProperty() notifiedOn!: string;
  @ApiProperty() reports!: number;
}

export class OperationRenouncedResponse {
  @ApiProperty({ enum: ['RENOUNCED'] }) status!: string;
}

export class OperationStartedResponse {
  @ApiProperty({ enum: ['IN_PROGRESS'] }) status!: string;
  @ApiProperty() actualStartDate!: string;
}
