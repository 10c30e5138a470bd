import { INDICATOR_CODES } from '../../participants/domain/indicators';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MAX_AMOUNT_CENTS, MAX_AMOUNT_MESSAGE } from '../../../common/money/amount-bounds';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { COST_OPTIONS, type CostOption } from '../../cofinancing/domain/cofinancing';
import { LINE_CATEGORIES, SIMPLIFIED_COST_KINDS, type LineCategory, type SimplifiedCostKind } from '../../cofinancing/domain/cost-options';
import { RATE_BASES, REGION_CATEGORIES, type RateBasis, type RegionCategory } from '../../cofinancing/domain/rate-caps';
import { CSESS_CATEGORIES, type CsessCategoryCode } from '../../eligibility/domain/csess-grid';
import { FUNDER_TYPES, type FunderType } from '../domain/call-labels';

/** An instant with its offset: the API never guesses a time zone (docs/api.md). */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;
const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Codes of documents, publics and operation types: what dossiers and eligibility rules match against. */
export const CODE = /^[A-Z0-9][A-Z0-9_]{0,59}$/;
const CODE_MESSAGE = 'Chaque code est en majuscules sans accent (A-Z, 0-9, _), 60 caractères au plus.';

const cents = (what: string) => ({ message: `${what} : un nombre entier de centimes, positif ou nul.` });
const instant = { message: 'Date et heure ISO 8601 avec fuseau attendues (ex. 2026-03-31T12:00:00+02:00).' };
const date = { message: 'Date au format AAAA-MM-JJ attendue.' };

export class CostOptionDto {
  @ApiProperty({ enum: COST_OPTIONS })
  @IsIn(COST_OPTIONS, { message: `Option inconnue : ${COST_OPTIONS.join(', ')}.` })
  option: CostOption;

  @ApiProperty({ description: 'Flat rate the call allows, basis points (0 for REAL_COSTS)', example: 1500 })
  @IsInt({ message: 'Le taux est un nombre entier de points de base.' })
  @Min(0, { message: 'Le taux ne peut pas être négatif.' })
  @Max(10_000, { message: 'Le taux ne peut pas dépasser 10 000 points de base.' })
  rateBp: number;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'CPR art. 54(c): the justified calculation of the rate (required for INDIRECT_25_CALCULATED)',
  })
  @IsOptional()
  @IsString({ message: 'La justification est un texte.' })
  @MaxLength(4000, { message: 'Justification : 4 000 caractères au plus.' })
  justification?: string | null;

  @ApiPropertyOptional({ enum: LINE_CATEGORIES, isArray: true, description: 'CPR art. 54(c): the direct-cost categories the rate applies to' })
  @IsOptional()
  @IsArray({ message: 'Une liste de catégories est attendue.' })
  @ArrayUnique({ message: 'Chaque catégorie ne figure qu’une fois.' })
  @IsIn(LINE_CATEGORIES, { each: true, message: `Catégorie inconnue : ${LINE_CATEGORIES.join(', ')}.` })
  baseCategories?: LineCategory[] | null;
}

/** A unit cost or lump sum the call defines (CPR art. 53(1)(b)-(c)), with the method that set its amount (art. 53(3)). */
export class SimplifiedCostDto {
  @ApiProperty({ example: 'HEURE_ACCOMPAGNEMENT' })
  @IsString({ message: 'Le code est obligatoire.' })
  @MaxLength(30, { message: 'Code : 30 caractères au plus.' })
  code: string;

  @ApiProperty({ enum: SIMPLIFIED_COST_KINDS })
  @IsIn(SIMPLIFIED_COST_KINDS, { message: 'Coût unitaire (UNIT_COST) ou montant forfaitaire (LUMP_SUM).' })
  kind: SimplifiedCostKind;

  @ApiProperty({ example: "Heure d'accompagnement individuel" })
  @IsString({ message: 'Le libellé est obligatoire.' })
  @MinLength(1, { message: 'Le libellé est obligatoire.' })
  @MaxLength(200, { message: 'Libellé : 200 caractères au plus.' })
  label: string;

  @ApiProperty({ enum: LINE_CATEGORIES })
  @IsIn(LINE_CATEGORIES, { message: `Catégorie inconnue : ${LINE_CATEGORIES.join(', ')}.` })
  category: LineCategory;

  @ApiProperty({ example: 4_500 })
  @IsInt(cents('Le montant'))
  @Min(0, cents('Le montant'))
  @Max(MAX_AMOUNT_CENTS, MAX_AMOUNT_MESSAGE)
  amountCents: number;

  @ApiProperty({ example: 'Calcul juste, équitable et vérifiable sur les données comptables 2023 (art. 53(3)(a))' })
  @IsString({ message: 'La méthode est obligatoire.' })
  @MaxLength(2000, { message: 'Méthode : 2 000 caractères au plus.' })
  method: string;
}

export class CriterionDto {
  @ApiProperty({ example: 'C1' })
  @IsString({ message: 'Le code du critère est obligatoire.' })
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,19}$/, { message: 'Code de critère : 20 caractères au plus (lettres, chiffres, . _ -).' })
  code: string;

  @ApiProperty({ example: 'Réponse à un besoin social mal satisfait' })
  @IsString()
  @MinLength(1, { message: 'Le libellé du critère est obligatoire.' })
  @MaxLength(300, { message: 'Libellé de critère : 300 caractères au plus.' })
  label: string;

  @ApiPropertyOptional({ description: 'Guidance for evaluators' })
  @IsOptional()
  @IsString()
  @MaxLength(2000, { message: 'Consignes : 2 000 caractères au plus.' })
  guidance?: string;

  @ApiProperty({ example: 3 })
  @IsInt({ message: 'Le poids est un nombre entier.' })
  @Min(1, { message: 'Le poids vaut au moins 1.' })
  @Max(100, { message: 'Le poids vaut au plus 100.' })
  weight: number;

  @ApiProperty({ example: 0 })
  @IsInt({ message: "Le bas de l'échelle est un nombre entier." })
  @Min(0, { message: "Le bas de l'échelle ne peut pas être négatif." })
  @Max(100, { message: "Le bas de l'échelle vaut au plus 100." })
  scaleMin: number;

  @ApiProperty({ example: 5 })
  @IsInt({ message: "Le haut de l'échelle est un nombre entier." })
  @Min(0, { message: "Le haut de l'échelle ne peut pas être négatif." })
  @Max(100, { message: "Le haut de l'échelle vaut au plus 100." })
  scaleMax: number;

  @ApiPropertyOptional({ example: 2 })
  @IsOptional()
  @IsInt({ message: 'Le seuil est un nombre entier.' })
  threshold?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean({ message: 'Éliminatoire : vrai ou faux.' })
  eliminatory?: boolean;
}

export class EvaluationGridDto {
  @ApiProperty({ type: [CriterionDto] })
  @IsArray({ message: 'La grille est une liste de critères.' })
  @ArrayMinSize(1, { message: 'La grille doit comporter au moins un critère.' })
  @ArrayMaxSize(50, { message: 'La grille comporte au plus 50 critères.' })
  @ValidateNested({ each: true })
  @Type(() => CriterionDto)
  criteria: CriterionDto[];

  @ApiPropertyOptional({ description: 'Minimum weighted total (Σ weight × score)' })
  @IsOptional()
  @IsInt({ message: 'Le seuil global est un nombre entier.' })
  @Min(0, { message: 'Le seuil global ne peut pas être négatif.' })
  overallThreshold?: number;

  @ApiPropertyOptional({ type: [String], description: 'Criterion codes compared in order when totals are equal' })
  @IsOptional()
  @IsArray({ message: 'La chaîne de départage est une liste de codes de critères.' })
  @ArrayMaxSize(50, { message: 'La chaîne de départage comporte au plus 50 critères.' })
  @IsString({ each: true, message: 'Chaque élément de la chaîne de départage est un code de critère.' })
  tieBreak?: string[];

  @ApiPropertyOptional({ default: 2, description: 'Evaluators diverge when max − min exceeds this gap' })
  @IsOptional()
  @IsInt({ message: "L'écart de divergence est un nombre entier." })
  @Min(0, { message: "L'écart de divergence ne peut pas être négatif." })
  divergenceGap?: number;

  @ApiPropertyOptional({ default: 2 })
  @IsOptional()
  @IsInt({ message: "Le nombre d'évaluateurs par dossier est un nombre entier." })
  @Min(1, { message: 'Au moins un évaluateur par dossier.' })
  @Max(10, { message: 'Au plus 10 évaluateurs par dossier.' })
  evaluatorsPerDossier?: number;

  @ApiPropertyOptional({ default: false, description: 'Skip a dossier that does not fit the envelope and fund the next ones that do' })
  @IsOptional()
  @IsBoolean({ message: 'Complément d’enveloppe : vrai ou faux.' })
  fillRemainder?: boolean;
}

export class CsessCriterionDto {
  @ApiProperty({ example: 'A1' })
  @IsString({ message: 'Le code du critère est obligatoire.' })
  @MaxLength(20)
  code: string;

  @ApiProperty({ example: 'Le besoin social visé est décrit et étayé' })
  @IsString({ message: 'Le libellé du critère est obligatoire.' })
  @MaxLength(300, { message: 'Libellé de critère : 300 caractères au plus.' })
  label: string;

  @ApiProperty({ example: 3, description: 'Note maximale (de 0 à scaleMax)' })
  @IsInt({ message: 'Le barème maximal est un nombre entier.' })
  scaleMax: number;
}

export class CsessCategoryDto {
  @ApiProperty({ enum: CSESS_CATEGORIES })
  @IsIn(CSESS_CATEGORIES, { message: `Catégorie CSESS inconnue : ${CSESS_CATEGORIES.join(', ')}.` })
  code: CsessCategoryCode;

  @ApiProperty({ example: 'Besoins sociaux et implication des acteurs' })
  @IsString()
  @MaxLength(200)
  label: string;

  @ApiProperty({ type: [CsessCriterionDto] })
  @IsArray()
  @ArrayMaxSize(12)
  @ValidateNested({ each: true })
  @Type(() => CsessCriterionDto)
  criteria: CsessCriterionDto[];
}

/** The CSESS characterisation grid: its three categories, each with its criteria (docs/domain/eligibility.md). */
export class CsessGridDto {
  @ApiProperty({ type: [CsessCategoryDto] })
  @IsArray()
  @ArrayMaxSize(3)
  @ValidateNested({ each: true })
  @Type(() => CsessCategoryDto)
  categories: CsessCategoryDto[];
}

/** A new call, created as a DRAFT. Amounts in cents, rates in basis points; omitted fields take the Priority 6 defaults. */
export class CreateCallDto {
  @ApiProperty({ example: 'AAP-P6-2026-02' })
  @IsString({ message: 'La référence est obligatoire.' })
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,49}$/, { message: 'Référence : 50 caractères au plus (lettres, chiffres, . _ / -).' })
  reference: string;

  @ApiProperty({ example: 'Essaimage de dispositifs innovants 2026' })
  @IsString({ message: 'Le titre est obligatoire.' })
  @MinLength(3, { message: 'Le titre compte au moins 3 caractères.' })
  @MaxLength(200, { message: 'Le titre compte au plus 200 caractères.' })
  title: string;

  @ApiPropertyOptional({ default: '' })
  @IsOptional()
  @IsString()
  @MaxLength(10_000, { message: 'La description compte au plus 10 000 caractères.' })
  description?: string;

  @ApiPropertyOptional({ default: '2021FR05SFPR001', description: 'CCI of the programme (PN FSE+ 2021-2027)' })
  @IsOptional()
  @Matches(/^20\d{2}[A-Z]{2}\d{2}[A-Z]{4}\d{3}$/, { message: 'Code CCI du programme invalide (ex. 2021FR05SFPR001).' })
  programmeCci?: string;

  @ApiPropertyOptional({ default: 6 })
  @IsOptional()
  @IsInt({ message: 'La priorité est un nombre entier.' })
  @Min(1, { message: 'La priorité vaut au moins 1.' })
  @Max(99, { message: 'La priorité vaut au plus 99.' })
  priority?: number;

  @ApiPropertyOptional({ default: 'ESO4.8', description: 'ESF+ specific objective; ESO4.8 is art. 4(1)(h), active inclusion' })
  @IsOptional()
  @Matches(/^ESO4\.\d{1,2}$/, { message: 'Objectif spécifique FSE+ invalide (ex. ESO4.8).' })
  specificObjective?: string;

  @ApiPropertyOptional({ default: '138', description: 'Intervention field, CPR Annex I (138: social economy and social enterprises)' })
  @IsOptional()
  @Matches(/^\d{3}$/, { message: "Le domaine d'intervention est un code à 3 chiffres (annexe I du RPDC, ex. 138)." })
  interventionFieldCode?: string;

  @ApiPropertyOptional({ default: 'ESF_PLUS', enum: ['ESF_PLUS'] })
  @IsOptional()
  @IsIn(['ESF_PLUS'], { message: 'Seul le FSE+ est géré.' })
  fund?: string;

  @ApiPropertyOptional({ default: 9500, description: 'Maximum EU rate, basis points (≤ 9500 for Priority 6)' })
  @IsOptional()
  @IsInt({ message: 'Le taux est un nombre entier de points de base.' })
  @Min(0, { message: 'Le taux ne peut pas être négatif.' })
  @Max(10_000, { message: 'Le taux ne peut pas dépasser 100 %.' })
  maxRateBp?: number;

  @ApiProperty({ example: 500_000_000 })
  @IsInt(cents("L'enveloppe"))
  @Min(0, cents("L'enveloppe"))
  @Max(MAX_AMOUNT_CENTS, MAX_AMOUNT_MESSAGE)
  envelopeCents: number;

  @ApiProperty({ example: '2026-03-01T09:00:00+01:00' })
  @Matches(INSTANT, instant)
  @IsISO8601({ strict: true }, instant)
  opensAt: string;

  @ApiProperty({ example: '2026-03-31T12:00:00+02:00' })
  @Matches(INSTANT, instant)
  @IsISO8601({ strict: true }, instant)
  closesAt: string;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @IsInt(cents('Le montant minimum'))
  @Min(0, cents('Le montant minimum'))
  @Max(MAX_AMOUNT_CENTS, MAX_AMOUNT_MESSAGE)
  minEuCents?: number;

  @ApiPropertyOptional({ nullable: true, type: Number, description: 'null: no maximum' })
  @ValidateIf((o: CreateCallDto) => o.maxEuCents !== undefined && o.maxEuCents !== null)
  @IsInt(cents('Le montant maximum'))
  @Min(0, cents('Le montant maximum'))
  @Max(MAX_AMOUNT_CENTS, MAX_AMOUNT_MESSAGE)
  maxEuCents?: number | null;

  @ApiPropertyOptional({ default: 1 })
  @IsOptional()
  @IsInt({ message: 'La durée est un nombre entier de mois.' })
  @Min(1, { message: "La durée minimale est d'au moins un mois." })
  @Max(120, { message: 'La durée est de 120 mois au plus.' })
  minDurationMonths?: number;

  @ApiPropertyOptional({ default: 36 })
  @IsOptional()
  @IsInt({ message: 'La durée est un nombre entier de mois.' })
  @Min(1, { message: "La durée maximale est d'au moins un mois." })
  @Max(120, { message: 'La durée est de 120 mois au plus.' })
  maxDurationMonths?: number;

  @ApiPropertyOptional({ default: '2021-01-01' })
  @IsOptional()
  @Matches(CALENDAR_DATE, date)
  @IsISO8601({ strict: true }, date)
  eligibilityStart?: string;

  @ApiPropertyOptional({ default: '2029-12-31' })
  @IsOptional()
  @Matches(CALENDAR_DATE, date)
  @IsISO8601({ strict: true }, date)
  eligibilityEnd?: string;

  @ApiProperty({ type: [CostOptionDto] })
  @IsArray({ message: 'Les options de coûts sont une liste.' })
  @ArrayMaxSize(COST_OPTIONS.length, { message: `${COST_OPTIONS.length} options de coûts au plus.` })
  @ValidateNested({ each: true })
  @Type(() => CostOptionDto)
  costOptions: CostOptionDto[];

  @ApiPropertyOptional({ enum: REGION_CATEGORIES, nullable: true, description: 'CPR art. 108; required unless the priority has one rate everywhere (5, 6)' })
  @ValidateIf((o: CreateCallDto) => o.regionCategory !== undefined && o.regionCategory !== null)
  @IsIn(REGION_CATEGORIES, { message: `Catégorie de région inconnue : ${REGION_CATEGORIES.join(', ')}.` })
  regionCategory?: RegionCategory | null;

  @ApiPropertyOptional({ enum: RATE_BASES, default: 'TOTAL_ELIGIBLE_COST', description: 'CPR art. 112(2): what the EU rate applies to' })
  @IsOptional()
  @IsIn(RATE_BASES, { message: `Assiette du taux inconnue : ${RATE_BASES.join(', ')}.` })
  rateBasis?: RateBasis;

  @ApiPropertyOptional({ type: [SimplifiedCostDto], description: 'Unit costs and lump sums defined by the call' })
  @IsOptional()
  @IsArray({ message: 'Les coûts simplifiés sont une liste.' })
  @ArrayMaxSize(30, { message: '30 coûts simplifiés au plus.' })
  @ValidateNested({ each: true })
  @Type(() => SimplifiedCostDto)
  simplifiedCosts?: SimplifiedCostDto[];

  @ApiPropertyOptional({ type: [String], example: ['STATUTS', 'RIB'] })
  @IsOptional()
  @IsArray({ message: 'Une liste de codes est attendue.' })
  @ArrayMaxSize(50, { message: '50 codes au plus.' })
  @ArrayUnique({ message: 'Chaque code ne figure qu’une fois.' })
  @Matches(CODE, { each: true, message: CODE_MESSAGE })
  requiredDocumentTypes?: string[];

  @ApiPropertyOptional({ type: [String], example: ['JEUNES_NEET'] })
  @IsOptional()
  @IsArray({ message: 'Une liste de codes est attendue.' })
  @ArrayMaxSize(50, { message: '50 codes au plus.' })
  @ArrayUnique({ message: 'Chaque code ne figure qu’une fois.' })
  @Matches(CODE, { each: true, message: CODE_MESSAGE })
  targetPublics?: string[];

  @ApiPropertyOptional({ type: [String], example: ['EXPERIMENTATION', 'ESSAIMAGE'] })
  @IsOptional()
  @IsArray({ message: 'Une liste de codes est attendue.' })
  @ArrayMaxSize(50, { message: '50 codes au plus.' })
  @ArrayUnique({ message: 'Chaque code ne figure qu’une fois.' })
  @Matches(CODE, { each: true, message: CODE_MESSAGE })
  allowedOperationTypes?: string[];

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean({ message: 'Vrai ou faux attendu.' })
  participantsExpected?: boolean;

  @ApiPropertyOptional({ enum: FUNDER_TYPES, default: 'STATE', description: 'Funder type used by Article 15 II of the loi ESS' })
  @IsOptional()
  @IsIn(FUNDER_TYPES, { message: `Type de financeur inconnu : ${FUNDER_TYPES.join(', ')}.` })
  funderType?: FunderType;

  @ApiPropertyOptional({ default: false, description: 'Applicants may start drafts before opening' })
  @IsOptional()
  @IsBoolean({ message: 'Vrai ou faux attendu.' })
  draftsBeforeOpening?: boolean;

  @ApiPropertyOptional({ default: 30, description: 'Days to sign the convention once issued (docs/domain/execution.md)' })
  @IsOptional()
  @IsInt({ message: 'Le délai de signature est un nombre entier de jours.' })
  @Min(1, { message: 'Le délai de signature est d’au moins un jour.' })
  @Max(365, { message: 'Le délai de signature est de 365 jours au plus.' })
  signatureDeadlineDays?: number;

  @ApiPropertyOptional({ default: 1000, description: 'Re-allocation between cost categories without amendment, basis points of the category' })
  @IsOptional()
  @IsInt({ message: 'La tolérance est un nombre entier de points de base.' })
  @Min(0, { message: 'La tolérance est positive ou nulle.' })
  @Max(10_000, { message: 'La tolérance est de 100 % au plus.' })
  reallocationToleranceBp?: number;

  @ApiPropertyOptional({
    type: [String],
    enum: INDICATOR_CODES,
    example: ['EECO02', 'EECR04'],
    description: 'ESF+ common indicators (Annex I) targeted besides EECO01',
  })
  @IsOptional()
  @IsArray({ message: 'Une liste de codes d’indicateurs est attendue.' })
  @ArrayMaxSize(INDICATOR_CODES.length, { message: `${INDICATOR_CODES.length} indicateurs au plus.` })
  @ArrayUnique({ message: 'Chaque indicateur ne figure qu’une fois.' })
  @IsIn(INDICATOR_CODES, { each: true, message: 'Indicateur inconnu : codes EECO01 à EECO17 et EECR01 à EECR04 (annexe I du règlement FSE+).' })
  indicatorCodes?: string[];

  @ApiPropertyOptional({ type: EvaluationGridDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => EvaluationGridDto)
  evaluationGrid?: EvaluationGridDto | null;

  @ApiPropertyOptional({ type: CsessGridDto, nullable: true, description: 'Grille CSESS, modifiable tant que l’appel est un brouillon' })
  @IsOptional()
  @ValidateNested()
  @Type(() => CsessGridDto)
  csessGrid?: CsessGridDto | null;
}
