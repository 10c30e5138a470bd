import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { STATE_AID_REGIMES, type StateAidRegime } from '../../cofinancing/domain/state-aid';

/**
 * The « Aides d'État » section (docs/domain/state-aid.md): one regime and the facts it needs. Which facts each regime
 * requires, and that the facts of another regime are refused, is checked by `validateStateAid`.
 */
export class StateAidDto {
  @ApiProperty({
    enum: STATE_AID_REGIMES,
    description:
      "NONE : pas d'aide d'État (justification) ; DE_MINIMIS : règlement (UE) 2023/2831 ; GBER : règlement (UE) n° 651/2014 (article et numéro SA) ; SIEG_DECISION : décision 2012/21/UE (acte de mandatement) ; SIEG_DE_MINIMIS : règlement (UE) 2023/2832",
  })
  @IsIn(STATE_AID_REGIMES as unknown as string[], { message: "Choisissez le régime d'aide d'État applicable ou indiquez qu'il n'y a pas d'aide d'État." })
  regime!: StateAidRegime;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 2000, description: "Pas d'aide d'État : pourquoi" })
  @IsOptional()
  @IsString()
  @MaxLength(2000, { message: 'Ce texte ne peut pas dépasser 2 000 caractères.' })
  justification?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 4,
    description: 'Exemption par catégorie : article du règlement (UE) n° 651/2014, par exemple 31',
  })
  @IsOptional()
  @IsString()
  @MaxLength(4, { message: "L'article tient en 4 caractères au plus (exemples : 31, 56e)." })
  gberArticle?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 2000,
    description: "Numéro SA du régime exempté, ou acte de mandatement du service d'intérêt économique général",
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000, { message: 'Ce texte ne peut pas dépasser 2 000 caractères.' })
  reference?: string | null;

  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    minimum: 0,
    description: 'De minimis : aides de minimis reçues sur les trois dernières années, en centimes (0 si aucune)',
  })
  @IsOptional()
  @IsInt({ message: 'Montant en centimes attendu (nombre entier).' })
  @Min(0, { message: 'Le montant ne peut pas être négatif.' })
  @Max(Number.MAX_SAFE_INTEGER)
  deMinimisReceivedCents?: number | null;
}
