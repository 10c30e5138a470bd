import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MAX_AMOUNT_CENTS, MAX_AMOUNT_MESSAGE } from '../../../common/money/amount-bounds';
import { IsBoolean, IsIn, IsInt, IsOptional, Max, IsString, Length, Min } from 'class-validator';
import { DECISION_OUTCOMES, type DecisionOutcome, REFUSAL_REASONS, type RefusalReason } from '../domain/decision';

export class PresenceDto {
  @ApiProperty()
  @IsBoolean()
  present!: boolean;
}

export class RecusalDto {
  @ApiProperty({ example: 'Administrateur bénévole de la structure porteuse' })
  @IsString()
  @Length(3, 2000)
  reason!: string;
}

export class DecisionDto {
  @ApiProperty({ enum: DECISION_OUTCOMES })
  @IsIn(DECISION_OUTCOMES)
  outcome!: DecisionOutcome;

  @ApiPropertyOptional({ description: 'Favorable only: a reduced EU amount in cents (default: the retained amount)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_AMOUNT_CENTS, MAX_AMOUNT_MESSAGE)
  euCents?: number;

  @ApiPropertyOptional({ description: 'Favorable only: conditions of the support' })
  @IsOptional()
  @IsString()
  @Length(0, 5000)
  conditions?: string;

  @ApiPropertyOptional({ enum: REFUSAL_REASONS })
  @IsOptional()
  @IsIn(REFUSAL_REASONS)
  reasonCode?: RefusalReason;

  @ApiPropertyOptional({ description: 'Défavorable: the motivation' })
  @IsOptional()
  @IsString()
  @Length(0, 5000)
  reason?: string;

  @ApiPropertyOptional({ description: 'Ajourné: what the applicant must provide' })
  @IsOptional()
  @IsString()
  @Length(0, 5000)
  requests?: string;
}
