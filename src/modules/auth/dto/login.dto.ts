import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'porteur@demo.essaim.fr' })
  @IsEmail({}, { message: 'Adresse électronique invalide.' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'mot de passe', minLength: 1, maxLength: 256 })
  @IsString()
  @MinLength(1, { message: 'Le mot de passe est requis.' })
  @MaxLength(256)
  password: string;
}
