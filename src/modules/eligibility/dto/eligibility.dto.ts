import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsOptional, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';

/** The instructor's decision on one rule: always with a written reason (docs/domain/eligibility.md). */
export class RuleOverrideDto {
  @ApiProperty({ description: 'Résultat retenu par l’instructeur pour cette règle' })
  @IsBoolean({ message: 'Indiquez si la règle est satisfaite (vrai ou faux).' })
  passed: boolean;

  @ApiProperty({ minLength: 10, maxLength: 2000 })
  @IsString({ message: 'Le motif écrit est obligatoire.' })
  @MinLength(10, { message: 'Le motif écrit est obligatoire (10 caractères au moins).' })
  @MaxLength(2000, { message: 'Le motif ne peut pas dépasser 2 000 caractères.' })
  reason: string;
}

export class CsessScoreDto {
  @ApiProperty({ example: 'A1' })
  @IsString({ message: 'Le code du critère est obligatoire.' })
  @MaxLength(20)
  code: string;

  @ApiProperty({ example: 2 })
  @IsInt({ message: 'La note est un nombre entier.' })
  score: number;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000, { message: 'Le commentaire ne peut pas dépasser 2 000 caractères.' })
  comment?: string | null;
}

export class CsessScoresDto {
  @ApiProperty({ type: [CsessScoreDto] })
  @IsArray({ message: 'Une liste de notes est attendue.' })
  @ArrayMaxSize(60)
  @ValidateNested({ each: true })
  @Type(() => CsessScoreDto)
  scores: CsessScoreDto[];
}
