import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MAX_AMOUNT_CENTS, MAX_AMOUNT_MESSAGE } from '../../../common/money/amount-bounds';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { COST_OPTIONS, type CostOption, LINE_CATEGORIES, type LineCategory, RESOURCE_TYPES, type ResourceType } from '../../cofinancing/domain/cofinancing';

const AMOUNT = { message: 'Le montant doit être un nombre entier de centimes.' };
const POSITIVE = { message: 'Le montant ne peut pas être négatif.' };

export class BudgetLineDto {
  @ApiProperty({ enum: LINE_CATEGORIES })
  @IsIn(LINE_CATEGORIES, { message: 'Catégorie de dépense inconnue.' })
  category: LineCategory;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200, { message: 'Le libellé ne peut pas dépasser 200 caractères.' })
  label?: string;

  @ApiProperty({ description: 'Montant en centimes', example: 8_000_000 })
  @IsInt(AMOUNT)
  @Min(0, POSITIVE)
  @Max(MAX_AMOUNT_CENTS, MAX_AMOUNT_MESSAGE)
  amountCents: number;

  @ApiPropertyOptional({ type: String, nullable: true, description: "Code d'un coût unitaire ou montant forfaitaire défini par l'appel" })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Z0-9][A-Z0-9_]{0,29}$/, { message: 'Code de coût simplifié invalide.' })
  simplifiedCostCode?: string | null;

  @ApiPropertyOptional({ type: Number, nullable: true, description: "Nombre d'unités (1 pour un montant forfaitaire)" })
  @IsOptional()
  @IsInt({ message: 'La quantité est un nombre entier.' })
  @Min(0, { message: 'La quantité ne peut pas être négative.' })
  @Max(10_000_000)
  quantity?: number | null;
}

export class ResourceDto {
  @ApiProperty({ enum: RESOURCE_TYPES })
  @IsIn(RESOURCE_TYPES, { message: 'Type de ressource inconnu.' })
  type: ResourceType;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 200, description: 'Nom du cofinanceur (obligatoire pour un cofinancement public)' })
  @IsOptional()
  @IsString()
  @MaxLength(200, { message: 'Le nom du financeur ne peut pas dépasser 200 caractères.' })
  funderName?: string | null;

  @ApiProperty({ description: 'Montant en centimes', example: 10_640_000 })
  @IsInt(AMOUNT)
  @Min(0, POSITIVE)
  @Max(MAX_AMOUNT_CENTS, MAX_AMOUNT_MESSAGE)
  amountCents: number;
}

/** The financing plan: cost option, real-cost lines and resources (docs/domain/cofinancing.md). Totals are computed by the server. */
export class FinancingPlanDto {
  @ApiProperty({ enum: COST_OPTIONS })
  @IsIn(COST_OPTIONS, { message: "Choisissez l'option de coûts." })
  costOption: CostOption;

  @ApiPropertyOptional({ type: Number, nullable: true, description: "Taux forfaitaire en points de base ; par défaut celui de l'appel pour l'option" })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000)
  flatRateBp?: number | null;

  @ApiPropertyOptional({ default: false, description: "Opération relevant d'un régime d'aide d'État" })
  @IsOptional()
  @IsBoolean()
  stateAid?: boolean;

  @ApiProperty({ type: [BudgetLineDto] })
  @IsArray()
  @ArrayMaxSize(100, { message: 'Au plus 100 lignes de dépense.' })
  @ValidateNested({ each: true })
  @Type(() => BudgetLineDto)
  lines: BudgetLineDto[];

  @ApiProperty({ type: [ResourceDto] })
  @IsArray()
  @ArrayMaxSize(50, { message: 'Au plus 50 ressources.' })
  @ValidateNested({ each: true })
  @Type(() => ResourceDto)
  resources: ResourceDto[];
}
