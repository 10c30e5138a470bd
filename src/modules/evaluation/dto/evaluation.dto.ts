import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DomainError } from '../../../common/errors/domain-error';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';

export class AddPanelMemberDto {
  @ApiProperty() @IsUUID('all', { message: 'Identifiant de personne invalide.' }) userId: string;
  @ApiProperty({ enum: ['CHAIR', 'RAPPORTEUR', 'MEMBER'] })
  @IsIn(['CHAIR', 'RAPPORTEUR', 'MEMBER'], { message: 'Rôle : président, rapporteur ou membre.' })
  role: 'CHAIR' | 'RAPPORTEUR' | 'MEMBER';
}

export class AssignDto {
  @ApiProperty() @IsUUID('all', { message: 'Identifiant de dossier invalide.' }) applicationId: string;
  @ApiProperty() @IsUUID('all', { message: "Identifiant d'évaluateur invalide." }) evaluatorId: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean({ message: 'Rapporteur : vrai ou faux.' }) rapporteur?: boolean;
}

export class AutoAssignDto {
  @ApiPropertyOptional({ description: "Defaults to the grid's evaluatorsPerDossier" })
  @IsOptional()
  @IsInt({ message: "Le nombre d'évaluateurs par dossier est un entier." })
  @Min(1, { message: 'Au moins un évaluateur par dossier.' })
  @Max(10, { message: 'Au plus 10 évaluateurs par dossier.' })
  evaluatorsPerDossier?: number;
}

export class DeclarationDto {
  @ApiProperty() @IsBoolean({ message: 'Conflit : vrai ou faux.' }) conflict: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000, { message: 'Précisions : 5 000 caractères au plus.' }) details?: string;
}

export class ReasonDto {
  @ApiProperty()
  @IsString({ message: 'Le motif est obligatoire.' })
  @MinLength(1, { message: 'Le motif est obligatoire.' })
  @MaxLength(5000, { message: 'Motif : 5 000 caractères au plus.' })
  reason: string;
}

export class ReopenDto extends ReasonDto {
  @ApiProperty() @IsUUID('all', { message: "Identifiant d'évaluateur invalide." }) evaluatorId: string;
}

export class ScoreItemDto {
  @ApiProperty() @IsString({ message: 'Code de critère attendu.' }) @MaxLength(20) criterionCode: string;
  @ApiProperty() @IsInt({ message: 'La note est un nombre entier.' }) score: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(10_000, { message: 'Justification : 10 000 caractères au plus.' }) justification?: string;
}

export class ScoresDto {
  @ApiProperty({ type: [ScoreItemDto] })
  @IsArray({ message: 'Une liste de notes est attendue.' })
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ScoreItemDto)
  scores: ScoreItemDto[];
}

export class ConsensusDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: 'Consensus integer score per criterion code',
    example: { C1: 4, C2: 3 },
  })
  @IsObject({ message: 'Une note par critère est attendue.' })
  scores: Record<string, number>;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, description: 'Comment per changed criterion code' })
  @IsOptional()
  @IsObject({ message: 'Un commentaire par critère modifié est attendu.' })
  comments?: Record<string, string>;
}

export class ThresholdsDto {
  @ApiPropertyOptional({ nullable: true, type: Number }) @IsOptional() @IsInt({ message: 'Le seuil global est un entier.' }) overallThreshold?: number | null;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'integer', nullable: true },
    description: 'Threshold per criterion code; null removes it',
  })
  @IsOptional()
  @IsObject()
  criteria?: Record<string, number | null>;
}

export class SimulateDto {
  @ApiPropertyOptional() @IsOptional() @IsInt({ message: "L'enveloppe est un nombre entier de centimes." }) @Min(0) envelopeCents?: number;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() fillRemainder?: boolean;
  @ApiPropertyOptional({ type: ThresholdsDto }) @IsOptional() @ValidateNested() @Type(() => ThresholdsDto) thresholds?: ThresholdsDto;
}

/**
 * class-validator does not check the values of a free-keyed object: every value of `record` must be an integer
 * (or null when `nullable`) or a string, else VALIDATION_FAILED naming `path.key`.
 */
export function assertRecordValues(path: string, record: Record<string, unknown> | undefined, kind: 'integer' | 'string', nullable = false): void {
  if (!record) return;
  const errors = Object.entries(record)
    .filter(([, v]) => !((nullable && v === null) || (kind === 'integer' ? Number.isSafeInteger(v) : typeof v === 'string')))
    .map(([key]) => ({
      path: `${path}.${key}`,
      code: 'INVALID_VALUE',
      message: kind === 'integer' ? 'Un nombre entier est attendu.' : 'Un texte est attendu.',
    }));
  if (errors.length) throw new DomainError('VALIDATION_FAILED', `${errors.length} valeur(s) invalide(s).`, { errors });
}
