import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DEPARTEMENT = /^(0[1-9]|[1-8][0-9]|9[0-5]|2A|2B|97[1-6])$/;

/** The project section; every field may stay empty while the dossier is a draft (completeness is checked at submission). */
export class ProjectDto {
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200, { message: 'Le titre ne peut pas dépasser 200 caractères.' })
  title?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 5000 })
  @IsOptional()
  @IsString()
  @MaxLength(5000, { message: 'Le résumé ne peut pas dépasser 5 000 caractères.' })
  summary?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 5000 })
  @IsOptional()
  @IsString()
  @MaxLength(5000, { message: 'La description du besoin social ne peut pas dépasser 5 000 caractères.' })
  socialNeed?: string | null;

  @ApiPropertyOptional({ type: [String], description: 'Codes des publics cibles de l’appel' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Matches(/^[A-Z0-9_]{1,60}$/, { each: true, message: 'Public cible inconnu.' })
  targetPublics?: string[];

  @ApiPropertyOptional({ type: String, nullable: true, example: '2026-09-01' })
  @IsOptional()
  @Matches(DATE, { message: 'Date invalide (format attendu : AAAA-MM-JJ).' })
  startDate?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '2027-08-31' })
  @IsOptional()
  @Matches(DATE, { message: 'Date invalide (format attendu : AAAA-MM-JJ).' })
  endDate?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 300 })
  @IsOptional()
  @IsString()
  @MaxLength(300, { message: 'Le lieu ne peut pas dépasser 300 caractères.' })
  place?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '69' })
  @IsOptional()
  @Matches(DEPARTEMENT, { message: 'Département invalide (exemples : 01, 2A, 69, 974).' })
  departement?: string | null;

  @ApiPropertyOptional({ type: Boolean, nullable: true })
  @IsOptional()
  @IsBoolean({ message: 'Répondez par oui ou par non.' })
  withParticipants?: boolean | null;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 0 })
  @IsOptional()
  @IsInt({ message: 'Le nombre de participants doit être un nombre entier.' })
  @Min(0, { message: 'Le nombre de participants ne peut pas être négatif.' })
  @Max(1_000_000)
  plannedParticipants?: number | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: "Type d'opération, parmi ceux de l'appel (priorité 6)", example: 'ESSAIMAGE' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Z0-9_]{1,50}$/, { message: "Type d'opération inconnu." })
  operationType?: string | null;

  @ApiPropertyOptional({ type: Boolean, nullable: true, description: 'Le projet existe-t-il déjà ?' })
  @IsOptional()
  @IsBoolean({ message: 'Répondez par oui ou par non.' })
  existingProject?: boolean | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '2025-06-01', description: 'Projet existant : début de la phase expérimentale' })
  @IsOptional()
  @Matches(DATE, { message: 'Date invalide (format attendu : AAAA-MM-JJ).' })
  experimentationStartDate?: string | null;

  @ApiPropertyOptional({ type: Boolean, nullable: true, description: 'Projet existant : essaimage sur un territoire jamais financé' })
  @IsOptional()
  @IsBoolean({ message: 'Répondez par oui ou par non.' })
  newTerritory?: boolean | null;

  @ApiPropertyOptional({ type: Boolean, nullable: true, description: "Projet existant : modification substantielle de l'approche" })
  @IsOptional()
  @IsBoolean({ message: 'Répondez par oui ou par non.' })
  substantialChange?: boolean | null;

  @ApiPropertyOptional({
    type: Boolean,
    nullable: true,
    description: "L'opération comprend-elle des investissements matériels ou l'installation d'équipements ? (plaque durable, RPDC art. 50)",
  })
  @IsOptional()
  @IsBoolean({ message: 'Répondez par oui ou par non.' })
  physicalInvestment?: boolean | null;
}
