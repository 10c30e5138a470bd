import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, MaxLength, Min, Max } from 'class-validator';
import { IRREGULARITY_FOLLOW_UPS, IRREGULARITY_TYPES } from '../domain/irregularity';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export class RejectPaymentDto {
  @ApiProperty({ example: 'Montant à revoir après la vérification.' })
  @IsString({ message: 'Indiquez le motif du rejet.' })
  @MaxLength(2000, { message: 'Le motif est trop long (2 000 caractères au plus).' })
  reason!: string;
}

export class BankAccountDecisionDto {
  @ApiProperty()
  @IsBoolean({ message: 'Indiquez si les coordonnées bancaires sont validées (true) ou refusées (false).' })
  accept!: boolean;

  @ApiPropertyOptional({ description: 'Obligatoire en cas de refus.' })
  @IsOptional()
  @IsString({ message: 'Le motif est un texte.' })
  @MaxLength(2000, { message: 'Le motif est trop long (2 000 caractères au plus).' })
  reason?: string;
}

export class SettleRecoveryDto {
  @ApiProperty({ example: '2027-03-15', description: 'Date du remboursement constaté en comptabilité' })
  @Matches(ISO_DATE, { message: 'Indiquez la date au format AAAA-MM-JJ.' })
  settledOn!: string;
}

export class IrregularityDto {
  @ApiProperty({ enum: IRREGULARITY_TYPES })
  @IsIn(IRREGULARITY_TYPES, { message: "Type d'irrégularité inconnu." })
  type!: string;

  @ApiProperty({ example: 120_000 })
  @IsInt({ message: 'Le montant est un nombre entier de centimes.' })
  @Min(0, { message: 'Le montant ne peut pas être négatif.' })
  @Max(Number.MAX_SAFE_INTEGER, { message: 'Le montant est trop élevé.' })
  amountCents!: number;

  @ApiProperty({ example: '2027-02-10' })
  @Matches(ISO_DATE, { message: 'Indiquez la date au format AAAA-MM-JJ.' })
  detectedOn!: string;

  @ApiProperty()
  @IsString({ message: 'Décrivez l’irrégularité.' })
  @Matches(/\S/, { message: 'Décrivez l’irrégularité.' })
  @MaxLength(5000, { message: 'La description est trop longue (5 000 caractères au plus).' })
  description!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString({ message: 'La suite donnée est un texte.' })
  @MaxLength(5000, { message: 'Le texte est trop long (5 000 caractères au plus).' })
  followUpNote?: string;
}

export class IrregularityFollowUpDto {
  @ApiProperty({ enum: IRREGULARITY_FOLLOW_UPS })
  @IsIn(IRREGULARITY_FOLLOW_UPS, { message: 'Suite donnée inconnue.' })
  followUp!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString({ message: 'La note est un texte.' })
  @MaxLength(5000, { message: 'La note est trop longue (5 000 caractères au plus).' })
  note?: string;
}

export class LegalHoldDto {
  @ApiProperty({ example: 'Contentieux devant le tribunal administratif' })
  @IsString({ message: 'Indiquez le motif.' })
  @Matches(/\S/, { message: 'Indiquez le motif.' })
  @MaxLength(2000, { message: 'Le motif est trop long (2 000 caractères au plus).' })
  reason!: string;
}

export class PaymentResponse {
  @ApiProperty() id!: string;
  @ApiProperty() applicationId!: string;
  @ApiProperty({ example: 'PAI-2027-000012' }) reference!: string;
  @ApiProperty({ enum: ['ADVANCE', 'INTERIM', 'BALANCE'] }) kind!: string;
  @ApiProperty({ nullable: true, type: String }) verificationId!: string | null;
  @ApiProperty() amountCents!: number;
  @ApiProperty() euDueCents!: number;
  @ApiProperty() retainedCumulativeCents!: number;
  @ApiProperty() paidBeforeCents!: number;
  @ApiProperty({ enum: ['PROPOSED', 'VALIDATED', 'REJECTED'] }) status!: string;
  @ApiProperty() proposedByName!: string;
  @ApiProperty() proposedAt!: Date;
  @ApiProperty({ nullable: true, type: String }) validatedByName!: string | null;
  @ApiProperty({ nullable: true, type: Date }) validatedAt!: Date | null;
  @ApiProperty({ nullable: true, type: String }) rejectionReason!: string | null;
  @ApiProperty() version!: number;
}

export class ProposeResultResponse {
  @ApiProperty({ enum: ['PAYMENT_PROPOSED', 'RECOVERY_ISSUED', 'NOTHING_DUE'] }) outcome!: string;
  @ApiPropertyOptional({ type: PaymentResponse }) payment?: PaymentResponse;
  @ApiPropertyOptional() recoveryOrderId?: string;
  @ApiPropertyOptional() amountCents?: number;
  @ApiPropertyOptional() euDueCents?: number;
}

export class LedgerResponse {
  @ApiProperty() euCeilingCents!: number;
  @ApiProperty() rateBp!: number;
  @ApiProperty() retainedEligibleCents!: number;
  @ApiProperty() otherResourcesCents!: number;
  @ApiProperty({ description: 'Paiements validés moins recouvrements soldés' }) paidCents!: number;
  @ApiProperty() interimCapBp!: number;
}

export class RecoveryOrderResponse {
  @ApiProperty() id!: string;
  @ApiProperty() applicationId!: string;
  @ApiProperty() reference!: string;
  @ApiProperty() amountCents!: number;
  @ApiProperty() dueDate!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ enum: ['ISSUED', 'SETTLED'] }) status!: string;
  @ApiProperty({ nullable: true, type: String }) settledOn!: string | null;
  @ApiProperty() version!: number;
}

export class IrregularityResponse {
  @ApiProperty() id!: string;
  @ApiProperty() applicationId!: string;
  @ApiProperty({ enum: IRREGULARITY_TYPES }) type!: string;
  @ApiProperty() amountCents!: number;
  @ApiProperty() detectedOn!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ enum: IRREGULARITY_FOLLOW_UPS }) followUp!: string;
  @ApiProperty({ nullable: true, type: String }) followUpNote!: string | null;
  @ApiProperty() version!: number;
}

export class ArchiveSummary {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['PENDING', 'READY', 'FAILED'] }) status!: string;
  @ApiProperty({ nullable: true, type: Number }) sizeBytes!: number | null;
  @ApiProperty({ nullable: true, type: String }) sha256!: string | null;
  @ApiProperty({ nullable: true, type: Number }) entries!: number | null;
  @ApiProperty() requestedAt!: Date;
}

export class LegalHoldResponse {
  @ApiProperty() reason!: string;
  @ApiProperty() since!: Date;
}

export class ClosureResponse {
  @ApiProperty() closed!: boolean;
  @ApiProperty() euCeilingCents!: number;
  @ApiProperty({ nullable: true, type: Number }) euDueCents!: number | null;
  @ApiProperty() paidCents!: number;
  @ApiProperty() recoveredCents!: number;
  @ApiProperty({ nullable: true, type: Number }) releasedCents!: number | null;
  @ApiProperty({ nullable: true, type: String }) lastPaymentOn!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Fin de conservation (RPDC art. 82) ; null pendant une conservation pour contentieux' })
  retentionEnd!: string | null;
  @ApiProperty({ nullable: true, type: LegalHoldResponse }) legalHold!: LegalHoldResponse | null;
  @ApiProperty({ nullable: true, type: String }) blocker!: string | null;
  @ApiProperty({ type: [ArchiveSummary] }) archives!: ArchiveSummary[];
}

export class OperationPaymentsResponse {
  @ApiProperty({ type: [PaymentResponse] }) payments!: PaymentResponse[];
  @ApiProperty({ type: LedgerResponse }) ledger!: LedgerResponse;
  @ApiProperty({ type: [RecoveryOrderResponse] }) recoveryOrders!: RecoveryOrderResponse[];
  @ApiProperty({ type: [IrregularityResponse] }) irregularities!: IrregularityResponse[];
  @ApiProperty({ type: ClosureResponse }) closure!: ClosureResponse;
}

export class ClockLineResponse {
  @ApiProperty() reportId!: string;
  @ApiProperty() applicationId!: string;
  @ApiProperty({ nullable: true, type: String }) number!: string | null;
  @ApiProperty() organisationName!: string;
  @ApiProperty({ enum: ['INTERMEDIATE', 'FINAL'] }) reportKind!: string;
  @ApiProperty() submittedOn!: string;
  @ApiProperty({ nullable: true, type: String }) verificationStatus!: string | null;
  @ApiProperty() elapsedDays!: number;
  @ApiProperty() daysLeft!: number;
  @ApiProperty() deadline!: string;
  @ApiProperty({ enum: ['ON_TIME', 'SOON_LATE', 'LATE'] }) state!: string;
}

export class BankAccountResponse {
  @ApiProperty() id!: string;
  @ApiProperty() organisationId!: string;
  @ApiProperty({ example: 'FR76 •••• •••• •••• •••• •••0 189' }) ibanMasked!: string;
  @ApiProperty() holder!: string;
  @ApiProperty({ nullable: true, type: String }) bic!: string | null;
  @ApiProperty({ enum: ['PENDING', 'VALIDATED', 'REJECTED', 'REPLACED'] }) status!: string;
  @ApiProperty({ nullable: true, type: String }) rejectionReason!: string | null;
  @ApiProperty() submittedAt!: Date;
  @ApiProperty() version!: number;
}

export class ArchiveRequestedResponse {
  @ApiProperty({ description: "Identifiant de l'archive demandée (produite par le worker)" }) id!: string;
}
