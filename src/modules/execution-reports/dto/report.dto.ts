import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MAX_AMOUNT_CENTS, MAX_AMOUNT_MESSAGE } from '../../../common/money/amount-bounds';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { LINE_CATEGORIES, RESOURCE_TYPES } from '../../cofinancing/domain/cofinancing';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_MSG = { message: 'Date invalide (format attendu : AAAA-MM-JJ).' };
const CENTS = { message: 'Montant en centimes entier.' };

export class AchievementsDto {
  @ApiPropertyOptional({ description: 'Réalisations au regard du prévu' })
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  done?: string;

  @ApiPropertyOptional({ description: 'Résultats obtenus' })
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  results?: string;

  @ApiPropertyOptional({ description: 'Difficultés rencontrées' })
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  difficulties?: string;
}

export class ReceivedResourceDto {
  @ApiProperty({ enum: RESOURCE_TYPES.filter((t) => t !== 'ESF_PLUS') })
  @IsIn(['PUBLIC', 'PRIVATE', 'SELF', 'REVENUE', 'IN_KIND'], { message: 'Type de ressource inconnu.' })
  type!: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  funderName?: string | null;

  @ApiProperty()
  @IsInt(CENTS)
  @Min(0)
  @Max(MAX_AMOUNT_CENTS, MAX_AMOUNT_MESSAGE)
  amountCents!: number;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @Matches(DATE, DATE_MSG)
  receivedOn?: string | null;
}

export class UpdateReportDto {
  @ApiProperty({ type: AchievementsDto })
  @ValidateNested()
  @Type(() => AchievementsDto)
  achievements!: AchievementsDto;

  @ApiProperty({ type: [ReceivedResourceDto] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ReceivedResourceDto)
  resources!: ReceivedResourceDto[];
}

export class ExpenditureLineDto {
  @ApiProperty({ enum: LINE_CATEGORIES })
  @IsIn(LINE_CATEGORIES, { message: 'Catégorie de dépense inconnue.' })
  category!: (typeof LINE_CATEGORIES)[number];

  @ApiProperty()
  @IsString()
  @MinLength(1, { message: 'Objet : obligatoire.' })
  @MaxLength(300)
  label!: string;

  @ApiProperty({ description: 'Fournisseur ou personne' })
  @IsString()
  @MinLength(1, { message: 'Fournisseur : obligatoire.' })
  @MaxLength(300)
  supplier!: string;

  @ApiProperty({ description: 'Référence de la pièce (facture, bulletin de paie…)' })
  @IsString()
  @MinLength(1, { message: 'Référence : obligatoire.' })
  @MaxLength(100)
  documentRef!: string;

  @ApiProperty()
  @Matches(DATE, DATE_MSG)
  documentDate!: string;

  @ApiProperty()
  @Matches(DATE, DATE_MSG)
  incurredOn!: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @Matches(DATE, DATE_MSG)
  paidOn?: string | null;

  @ApiProperty()
  @IsInt(CENTS)
  @Min(0)
  @Max(MAX_AMOUNT_CENTS, MAX_AMOUNT_MESSAGE)
  amountHtCents!: number;

  @ApiProperty()
  @IsInt(CENTS)
  @Min(0)
  @Max(MAX_AMOUNT_CENTS, MAX_AMOUNT_MESSAGE)
  amountTtcCents!: number;

  @ApiProperty({ description: "Part affectée à l'opération, en points de base (10000 = 100 %)" })
  @IsInt()
  @Min(1)
  @Max(10_000)
  shareBp!: number;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Frais de personnel : heures × 100 (7 h 30 = 750)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000_00)
  hoursCenti?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Frais de personnel : coût horaire en centimes' })
  @IsOptional()
  @IsInt(CENTS)
  @Min(0)
  @Max(10_000_000)
  hourlyCostCents?: number | null;
}

export class PostponementDto {
  @ApiProperty()
  @Matches(DATE, DATE_MSG)
  dueDate!: string;

  @ApiProperty()
  @IsString()
  @MinLength(1, { message: 'Motivez la demande.' })
  @MaxLength(5000)
  reason!: string;
}

export class PostponementDecisionDto {
  @ApiProperty()
  @IsBoolean()
  granted!: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  reason?: string;
}
