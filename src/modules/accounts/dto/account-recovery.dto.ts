import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, Length, MaxLength } from 'class-validator';

export class TokenDto {
  @ApiProperty({ description: 'The token of the link received by mail' })
  @IsString({ message: 'Le jeton est une chaîne.' })
  @Length(20, 100, { message: 'Ce lien est incomplet : copiez-le en entier depuis le courriel.' })
  token: string;
}

export class PasswordResetRequestDto {
  @ApiProperty({ example: 'lea.porteuse@exemple.fr' })
  @IsEmail({}, { message: 'Adresse électronique invalide (format attendu : nom@domaine.fr).' })
  @MaxLength(254, { message: "L'adresse électronique est trop longue." })
  email: string;
}

export class PasswordResetDto extends TokenDto {
  @ApiProperty({ description: 'The new password (12 characters at least)' })
  @IsString({ message: 'Le mot de passe est une chaîne.' })
  @MaxLength(256, { message: 'Le mot de passe doit comporter au plus 256 caractères.' })
  password: string;
}

/** The same answer whether the address has an account or not, so that nobody learns which addresses exist. */
export class AccountRequestAccepted {
  @ApiProperty({ example: 'Si cette adresse peut recevoir un lien, un courriel vient de lui être envoyé.' })
  message: string;
}
