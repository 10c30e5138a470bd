import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MAX_AMOUNT_CENTS, MAX_AMOUNT_MESSAGE } from '../../../common/money/amount-bounds';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { RATE_BASES, type RateBasis } from '../domain/rate-caps';
import { COST_OPTIONS, type CostOption, LINE_CATEGORIES, type LineCategory, RESOURCE_TYPES, type ResourceType } from '../domain/cofinancing';

export const MAX_LINES = 200;
export const MAX_RESOURCES = 100;

const amount = {
  int: { message: 'Le montant est un nombre entier de centimes.' },
  min: { message: 'Le montant ne peut pas être négatif.' },
  max: { message: 'Le montant est trop élevé.' },
};

export class SimulatedBudgetLineDto {
  @ApiProperty({ enum: LINE_CATEGORIES })
  @IsIn(LINE_CATEGORIES, { message: `Catégorie inconnue : ${LINE_CATEGORIES.join(', ')}.` })
  category: LineCategory;

  @ApiProperty({ example: 8_000_000 })
  @IsInt(amount.int)
  @Min(0, amount.min)
  @Max(MAX_AMOUNT_CENTS, MAX_AMOUNT_MESSAGE)
  amountCents: number;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'Code of a unit cost or lump sum defined by the call; the amount is quantity × its amount',
  })
  @ValidateIf((o: SimulatedBudgetLineDto) => o.simplifiedCostCode !== undefined && o.simplifiedCostCode !== null)
  @IsString({ message: 'Le code du coût simplifié est un texte.' })
  @Matches(/^[A-Z0-9][A-Z0-9_]{0,29}$/, { message: 'Code de coût simplifié invalide.' })
  simplifiedCostCode?: string | null;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Number of units (1 for a lump sum); required with simplifiedCostCode' })
  @ValidateIf(
    (o: SimulatedBudgetLineDto) => (o.simplifiedCostCode !== undefined && o.simplifiedCostCode !== null) || (o.quantity !== undefined && o.quantity !== null),
  )
  @IsInt({ message: 'La quantité est un nombre entier.' })
  @Min(0, { message: 'La quantité ne peut pas être négative.' })
  @Max(10_000_000, { message: 'La quantité est trop élevée.' })
  quantity?: number | null;
}

export class SimulatedResourceDto {
  @ApiProperty({ enum: RESOURCE_TYPES })
  @IsIn(RESOURCE_TYPES, { message: `Type de ressource inconnu : ${RESOURCE_TYPES.join(', ')}.` })
  type: ResourceType;

  @ApiProperty({ example: 560_000 })
  @IsInt(amount.int)
  @Min(0, amount.min)
  @Max(MAX_AMOUNT_CENTS, MAX_AMOUNT_MESSAGE)
  amountCents: number;
}

/** A financing plan to compute and check; nothing is stored. Amounts in cents, rates in basis points. */
export class SimulateFinancingDto {
  @ApiProperty({ enum: COST_OPTIONS })
  @IsIn(COST_OPTIONS, { message: `Option de coûts inconnue : ${COST_OPTIONS.join(', ')}.` })
  costOption: CostOption;

  @ApiPropertyOptional({ example: 9500, description: "Maximum EU rate. Required without callId; with a call, the call's rate is the ceiling" })
  @ValidateIf((o: SimulateFinancingDto) => o.rateBp !== undefined || !o.callId)
  @IsInt({ message: 'Le taux est un nombre entier de points de base (obligatoire sans appel).' })
  @Min(0, { message: 'Le taux ne peut pas être négatif.' })
  @Max(10_000, { message: 'Le taux ne peut pas dépasser 10 000 points de base.' })
  rateBp?: number;

  @ApiPropertyOptional({ example: 1500, description: "Flat rate; defaults to the call's rate for the option, else the regulation maximum" })
  @IsOptional()
  @IsInt({ message: 'Le taux forfaitaire est un nombre entier de points de base.' })
  @Min(0, { message: 'Le taux forfaitaire ne peut pas être négatif.' })
  @Max(10_000, { message: 'Le taux forfaitaire ne peut pas dépasser 10 000 points de base.' })
  flatRateBp?: number;

  @ApiPropertyOptional({ enum: RATE_BASES, description: "CPR art. 112(2), without a call; with a call, the call's basis applies" })
  @IsOptional()
  @IsIn(RATE_BASES, { message: `Assiette du taux inconnue : ${RATE_BASES.join(', ')}.` })
  rateBasis?: RateBasis;

  @ApiPropertyOptional({ description: 'A published call: its cost options, EU bounds and rate apply' })
  @IsOptional()
  @IsUUID('all', { message: "Identifiant d'appel invalide." })
  callId?: string;

  @ApiPropertyOptional({ default: false, description: 'State aid: simplified costs are then not mandatory under 200 000 €' })
  @IsOptional()
  @IsBoolean({ message: 'Vrai ou faux attendu.' })
  stateAid?: boolean;

  @ApiProperty({ type: [SimulatedBudgetLineDto] })
  @IsArray({ message: 'Les dépenses sont une liste.' })
  @ArrayMaxSize(MAX_LINES, { message: `${MAX_LINES} lignes de dépenses au plus.` })
  @ValidateNested({ each: true })
  @Type(() => SimulatedBudgetLineDto)
  lines: SimulatedBudgetLineDto[];

  @ApiProperty({ type: [SimulatedResourceDto] })
  @IsArray({ message: 'Les ressources sont une liste.' })
  @ArrayMaxSize(MAX_RESOURCES, { message: `${MAX_RESOURCES} ressources au plus.` })
  @ValidateNested({ each: true })
  @Type(() => SimulatedResourceDto)
  resources: SimulatedResourceDto[];
}
