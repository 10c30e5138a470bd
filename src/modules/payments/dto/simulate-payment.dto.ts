import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MAX_AMOUNT_CENTS, MAX_AMOUNT_MESSAGE } from '../../../common/money/amount-bounds';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { DEFAULT_INTERIM_CAP_BP, PAYMENT_KINDS, type PaymentKind } from '../domain/amount-due';

const cents = { message: 'Le montant est un nombre entier de centimes.' };
const positive = { message: 'Le montant ne peut pas être négatif.' };
const rate = { int: { message: 'Le taux est un nombre entier de points de base.' }, max: { message: 'Le taux ne peut pas dépasser 10 000 points de base.' } };

/** Cumulative amounts of an operation; nothing is stored. */
export class SimulatePaymentDto {
  @ApiProperty({ example: 9_500_000, description: 'EU amount programmed (convention)' })
  @IsInt(cents)
  @Min(0, positive)
  @Max(MAX_AMOUNT_CENTS, MAX_AMOUNT_MESSAGE)
  euCeilingCents: number;

  @ApiProperty({ example: 9_500 })
  @IsInt(rate.int)
  @Min(0, { message: 'Le taux ne peut pas être négatif.' })
  @Max(10_000, rate.max)
  rateBp: number;

  @ApiProperty({ example: 8_000_000, description: 'Eligible expenditure retained by verification, cumulative' })
  @IsInt(cents)
  @Min(0, positive)
  @Max(MAX_AMOUNT_CENTS, MAX_AMOUNT_MESSAGE)
  retainedEligibleCents: number;

  @ApiProperty({ example: 0, description: 'Other resources received (other public funding, private, revenue)' })
  @IsInt(cents)
  @Min(0, positive)
  @Max(MAX_AMOUNT_CENTS, MAX_AMOUNT_MESSAGE)
  otherResourcesCents: number;

  @ApiProperty({ example: 2_850_000, description: 'EU amount already paid, advance included' })
  @IsInt(cents)
  @Min(0, positive)
  @Max(MAX_AMOUNT_CENTS, MAX_AMOUNT_MESSAGE)
  paidCents: number;

  @ApiProperty({ enum: PAYMENT_KINDS })
  @IsIn(PAYMENT_KINDS, { message: 'Type de paiement inconnu : INTERIM ou FINAL.' })
  kind: PaymentKind;

  @ApiPropertyOptional({ example: DEFAULT_INTERIM_CAP_BP, default: DEFAULT_INTERIM_CAP_BP })
  @IsOptional()
  @IsInt(rate.int)
  @Min(0, { message: 'Le taux ne peut pas être négatif.' })
  @Max(10_000, rate.max)
  interimCapBp?: number;
}

export class AmountDueResponse {
  @ApiProperty() euDueCents: number;
  @ApiProperty() payableCents: number;
  @ApiProperty() recoveryCents: number;
  @ApiProperty() releasedCents: number;
}
