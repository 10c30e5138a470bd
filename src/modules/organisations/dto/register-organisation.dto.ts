import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { ADVANCE_CATEGORIES, type AdvanceCategory, LEGAL_FORMS, type LegalForm } from '../domain/organisation-profile';
import { IsDepartement, IsSiret } from './validators';

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);
const NO_CONTROL = /^[^\p{Cc}\p{Cf}]*$/u;
const noControl = { message: 'Ce champ contient des caractères non autorisés.' };

export class RegisterOrganisationDto {
  @ApiProperty({ example: '78213456300017', description: '14 chiffres, sans espace (clé de Luhn ; règle propre à La Poste).' })
  @IsSiret()
  siret: string;

  @ApiProperty({ example: 'Association Les Ruches Solidaires', maxLength: 200 })
  @Transform(trim)
  @IsString({ message: 'La raison sociale est requise.' })
  @MinLength(1, { message: 'La raison sociale est requise.' })
  @MaxLength(200, { message: 'La raison sociale doit comporter au plus 200 caractères.' })
  @Matches(NO_CONTROL, noControl)
  legalName: string;

  @ApiProperty({ enum: LEGAL_FORMS })
  @IsIn(LEGAL_FORMS, { message: 'Choisissez une forme juridique dans la liste.' })
  legalForm: LegalForm;

  @ApiProperty({ description: "Relève de l'économie sociale et solidaire (loi n° 2014-856, art. 1er)." })
  @IsBoolean({ message: "Indiquez si la structure relève de l'économie sociale et solidaire." })
  essStatus: boolean;

  @ApiProperty({ description: 'Récupère la TVA sur les dépenses du projet (les coûts sont alors présentés hors taxes).' })
  @IsBoolean({ message: 'Indiquez si la structure récupère la TVA.' })
  vatRecovery: boolean;

  @ApiProperty({ enum: ADVANCE_CATEGORIES, description: "Catégorie retenue pour l'avance." })
  @IsIn(ADVANCE_CATEGORIES, { message: "Choisissez une catégorie pour l'avance dans la liste." })
  advanceCategory: AdvanceCategory;

  @ApiProperty({ example: '12 rue des Abeilles', maxLength: 300 })
  @Transform(trim)
  @IsString({ message: "L'adresse est requise." })
  @MinLength(1, { message: "L'adresse est requise." })
  @MaxLength(300, { message: "L'adresse doit comporter au plus 300 caractères." })
  @Matches(NO_CONTROL, noControl)
  addressLine: string;

  @ApiProperty({ example: '69003' })
  @Matches(/^\d{5}$/, { message: 'Le code postal doit comporter 5 chiffres.' })
  postalCode: string;

  @ApiProperty({ example: 'Lyon', maxLength: 100 })
  @Transform(trim)
  @IsString({ message: 'La commune est requise.' })
  @MinLength(1, { message: 'La commune est requise.' })
  @MaxLength(100, { message: 'La commune doit comporter au plus 100 caractères.' })
  @Matches(NO_CONTROL, noControl)
  city: string;

  @ApiProperty({ example: '69', description: '01 à 95, 2A, 2B, 971 à 976.' })
  @IsDepartement()
  departement: string;
}
