import { ApiProperty } from '@nestjs/swagger';
import { MAX_AMOUNT_CENTS, MAX_AMOUNT_MESSAGE } from '../../../common/money/amount-bounds';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsString, Length, Max, Min, ValidateNested } from 'class-validator';

export const MAX_SIMULATED_LINES = 20_000;
const cents = { message: 'Le montant est un nombre entier de centimes.' };

export class SampleLineDto {
  @ApiProperty({ example: 'L-0001' })
  @IsString({ message: "L'identifiant de la ligne est une chaîne." })
  @Length(1, 100, { message: "L'identifiant de la ligne fait de 1 à 100 caractères." })
  id: string;

  @ApiProperty({ example: 'STAFF' })
  @IsString({ message: 'La catégorie est une chaîne.' })
  @Length(1, 40, { message: 'La catégorie fait de 1 à 40 caractères.' })
  category: string;

  @ApiProperty({ example: 120_000 })
  @IsInt(cents)
  @Min(0, { message: 'Le montant ne peut pas être négatif.' })
  @Max(MAX_AMOUNT_CENTS, MAX_AMOUNT_MESSAGE)
  amountCents: number;
}

/** The sampling of a verification, recomputed without storing anything. */
export class SimulateSampleDto {
  @ApiProperty({ example: '3f9c2a…', description: 'Seed of the draw (stored with a real verification)' })
  @IsString({ message: 'La graine est une chaîne.' })
  @Length(1, 200, { message: 'La graine fait de 1 à 200 caractères.' })
  seed: string;

  @ApiProperty({ example: 500_000 })
  @IsInt(cents)
  @Min(0, { message: 'Le seuil ne peut pas être négatif.' })
  @Max(MAX_AMOUNT_CENTS, MAX_AMOUNT_MESSAGE)
  exhaustiveThresholdCents: number;

  @ApiProperty({ example: 1_000 })
  @IsInt({ message: 'Le taux est un nombre entier de points de base.' })
  @Min(0, { message: 'Le taux ne peut pas être négatif.' })
  @Max(10_000, { message: 'Le taux ne peut pas dépasser 10 000 points de base.' })
  sampleRateBp: number;

  @ApiProperty({ example: 30 })
  @IsInt({ message: 'La taille minimale est un nombre entier.' })
  @Min(0, { message: 'La taille minimale ne peut pas être négative.' })
  @Max(MAX_SIMULATED_LINES, { message: 'La taille minimale est trop élevée.' })
  minSampleSize: number;

  @ApiProperty({ type: [SampleLineDto] })
  @IsArray({ message: 'Les lignes sont une liste.' })
  @ArrayMaxSize(MAX_SIMULATED_LINES, { message: `${MAX_SIMULATED_LINES} lignes au plus.` })
  @ValidateNested({ each: true })
  @Type(() => SampleLineDto)
  lines: SampleLineDto[];
}

export class SampleSelectionResponse {
  @ApiProperty({ type: [String], description: 'Lines at or above the threshold, ascending id order' })
  exhaustive: string[];

  @ApiProperty({ type: [String], description: 'Lines drawn among the others of each category, ascending id order' })
  sampled: string[];
}
