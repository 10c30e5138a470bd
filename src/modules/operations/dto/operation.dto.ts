import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MAX_AMOUNT_CENTS, MAX_AMOUNT_MESSAGE } from '../../../common/money/amount-bounds';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class SignConventionDto {
  @ApiProperty({ example: 'Léa Porteuse', description: 'Nom et prénom du signataire, saisis' })
  @IsString()
  @MinLength(1, { message: 'Saisissez vos nom et prénom.' })
  @MaxLength(200)
  signerName!: string;

  @ApiProperty({ example: 'Présidente', description: 'Qualité du signataire' })
  @IsString()
  @MinLength(1, { message: 'Saisissez votre qualité.' })
  @MaxLength(200)
  signerTitle!: string;

  @ApiProperty({ description: 'SHA-256 de la version de la convention lue (hexadécimal)' })
  @Matches(/^[0-9a-fA-F]{64}$/, { message: 'Empreinte SHA-256 invalide.' })
  documentSha256!: string;
}

export class RenounceDto {
  @ApiProperty({ maxLength: 5000 })
  @IsString()
  @MinLength(1, { message: 'Indiquez le motif de la renonciation.' })
  @MaxLength(5000)
  reason!: string;
}

export class StartOperationDto {
  @ApiProperty({ example: '2026-09-15' })
  @Matches(DATE, { message: 'Date invalide (format attendu : AAAA-MM-JJ).' })
  actualStartDate!: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: '2026-09-20' })
  @IsOptional()
  @Matches(DATE, { message: 'Date invalide (format attendu : AAAA-MM-JJ).' })
  firstExpensesDate?: string | null;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Montant des premières dépenses engagées, en centimes' })
  @IsOptional()
  @IsInt({ message: 'Montant en centimes entier.' })
  @Min(0)
  @Max(MAX_AMOUNT_CENTS, MAX_AMOUNT_MESSAGE)
  firstExpensesCents?: number | null;
}
