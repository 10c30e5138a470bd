import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';

export class PublicationChoicesDto {
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 300,
    description: 'Contact public (adresse électronique, téléphone ou page de contact de la structure) ; vide : aucun',
  })
  @IsOptional()
  @IsString({ message: 'Le contact public doit être un texte.' })
  @MaxLength(300, { message: 'Le contact public ne peut pas dépasser 300 caractères.' })
  publicContact?: string | null;

  @ApiProperty({ description: 'Le porteur cherche des partenaires pour essaimer le projet' })
  @IsBoolean({ message: 'Répondez par oui ou par non.' })
  seeksPartners: boolean;
}
