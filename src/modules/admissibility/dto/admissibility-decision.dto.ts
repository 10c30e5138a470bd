import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ADMISSIBILITY_CHECK_IDS, type AdmissibilityCheckId } from '../domain/admissibility-checks';
import { COMPLEMENT_SECTIONS, type AdmissibilityOutcome, type ComplementSection } from '../../applications/domain/complements';

export const ADMISSIBILITY_OUTCOMES: readonly AdmissibilityOutcome[] = ['ADMISSIBLE', 'INCOMPLETE', 'INADMISSIBLE'];

export class ComplementDto {
  @ApiProperty({ enum: COMPLEMENT_SECTIONS, description: 'Partie du dossier que le porteur pourra modifier' })
  @IsIn(COMPLEMENT_SECTIONS, { message: 'Partie du dossier inconnue.' })
  section: ComplementSection;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Pour DOCUMENTS : le type de pièce attendu (sinon toute pièce)', example: 'RIB' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Z0-9_]{1,60}$/, { message: 'Type de pièce inconnu.' })
  documentType?: string | null;

  @ApiProperty({ maxLength: 2000, description: 'Ce qui est attendu du porteur' })
  @IsString()
  @MaxLength(2000, { message: 'Le message ne peut pas dépasser 2 000 caractères.' })
  message: string;
}

/** The written reason to declare a dossier admissible although one automatic check failed (docs/domain/admissibility.md). */
export class CheckOverrideDto {
  @ApiProperty({ enum: ADMISSIBILITY_CHECK_IDS, description: 'Le contrôle automatique non satisfait' })
  @IsIn(ADMISSIBILITY_CHECK_IDS, { message: 'Contrôle de recevabilité inconnu.' })
  checkId: AdmissibilityCheckId;

  @ApiProperty({ maxLength: 2000, description: 'Pourquoi le dossier est recevable malgré ce contrôle (10 caractères au moins)' })
  @IsString({ message: 'Le motif doit être un texte.' })
  @MaxLength(2000, { message: 'Un motif ne peut pas dépasser 2 000 caractères.' })
  reason: string;
}

/** Body of an admissibility decision; the rules that span fields are in `decisionErrors` (domain). */
export class AdmissibilityDecisionDto {
  @ApiProperty({ enum: ADMISSIBILITY_OUTCOMES })
  @IsIn(ADMISSIBILITY_OUTCOMES, { message: 'Choisissez une décision : recevable, incomplet ou irrecevable.' })
  outcome: AdmissibilityOutcome;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 5000, description: "Remarques de l'instructeur" })
  @IsOptional()
  @IsString()
  @MaxLength(5000, { message: 'Les remarques ne peuvent pas dépasser 5 000 caractères.' })
  remarks?: string | null;

  @ApiPropertyOptional({ type: [String], description: "Motifs d'irrecevabilité (obligatoires pour INADMISSIBLE)" })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(2000, { each: true, message: 'Un motif ne peut pas dépasser 2 000 caractères.' })
  reasons?: string[];

  @ApiPropertyOptional({ type: [ComplementDto], description: 'Compléments demandés (obligatoires pour INCOMPLETE)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ComplementDto)
  complements?: ComplementDto[];

  @ApiPropertyOptional({
    type: [CheckOverrideDto],
    description:
      'RECEVABLE malgré des contrôles non satisfaits : un motif écrit par contrôle non satisfait (sinon 422, un chemin `overrides.<contrôle>` par motif manquant)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => CheckOverrideDto)
  overrides?: CheckOverrideDto[];

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '2026-05-15',
    description: 'Date limite de réponse, dans le futur (obligatoire pour INCOMPLETE)',
  })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'Date invalide (format attendu : AAAA-MM-JJ).' })
  dueDate?: string | null;
}

export class SubmissionDiffQuery {
  @ApiPropertyOptional({ description: 'Numéro de dépôt de départ (par défaut : l’avant-dernier)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'Numéro de dépôt invalide.' })
  @Min(1)
  @Max(1000)
  from?: number;

  @ApiPropertyOptional({ description: 'Numéro de dépôt d’arrivée (par défaut : le dernier)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'Numéro de dépôt invalide.' })
  @Min(1)
  @Max(1000)
  to?: number;
}
