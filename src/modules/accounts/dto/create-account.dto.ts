import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, Matches, MaxLength, MinLength } from 'class-validator';

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

export class CreateAccountDto {
  @ApiProperty({ example: 'lea.porteuse@ruches.example', maxLength: 254 })
  @Transform(trim)
  @IsEmail({}, { message: 'Adresse électronique invalide (format attendu : nom@domaine.fr).' })
  @MaxLength(254, { message: "L'adresse électronique doit comporter au plus 254 caractères." })
  email: string;

  @ApiProperty({ example: 'Léa Porteuse', minLength: 1, maxLength: 100 })
  @Transform(trim)
  @IsString({ message: 'Le nom est requis.' })
  @MinLength(1, { message: 'Le nom est requis.' })
  @MaxLength(100, { message: 'Le nom doit comporter au plus 100 caractères.' })
  @Matches(/^[^\p{Cc}\p{Cf}]*$/u, { message: 'Le nom contient des caractères non autorisés.' })
  displayName: string;

  /** Checked by the password policy in the service (length in characters, identity, very common passwords). */
  @ApiProperty({ description: '12 à 256 caractères, sans règle de composition ; ni votre adresse ni un mot de passe courant.', minLength: 12, maxLength: 256 })
  @IsString({ message: 'Le mot de passe est requis.' })
  @MaxLength(1024, { message: 'Le mot de passe doit comporter au plus 256 caractères.' })
  password: string;
}
