import { Transform } from 'class-transformer';
import { IsEmail, IsString, Matches, MaxLength, MinLength } from 'class-validator';

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

/** The account fields an administrator types; roles are checked apart (a list of checkboxes). */
export class CreateStaffAccountDto {
  @Transform(trim)
  @IsEmail({}, { message: 'Adresse électronique invalide (format attendu : nom@domaine.fr).' })
  @MaxLength(254, { message: "L'adresse électronique doit comporter au plus 254 caractères." })
  email: string;

  @Transform(trim)
  @IsString({ message: 'Le nom est requis.' })
  @MinLength(1, { message: 'Le nom est requis.' })
  @MaxLength(100, { message: 'Le nom doit comporter au plus 100 caractères.' })
  @Matches(/^[^\p{Cc}\p{Cf}]*$/u, { message: 'Le nom contient des caractères non autorisés.' })
  displayName: string;
}
