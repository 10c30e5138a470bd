import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

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

  @ApiPropertyOptional({
    example: '123456',
    description: 'Second factor: the 6-digit TOTP code, or a recovery code. Required for staff accounts (docs/security.md).',
    maxLength: 20,
  })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  code?: string;
}
