import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, MaxLength } from 'class-validator';

export class CreateInvitationDto {
  @ApiProperty({
    example: 'collegue@ruches.example',
    description: 'Adresse de la personne invitée ; elle devra se connecter avec cette adresse pour accepter.',
  })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsEmail({}, { message: 'Adresse électronique invalide (format attendu : nom@domaine.fr).' })
  @MaxLength(254, { message: "L'adresse électronique doit comporter au plus 254 caractères." })
  email: string;
}
