import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import { PUBLISHED_STATUSES, SORTS } from '../domain/catalogue-query';

/** Query string of the public search; values are checked by parseCatalogueQuery so that all errors come together. */
export class CatalogueQueryDto {
  @ApiPropertyOptional({ description: 'Recherche plein texte en français (accents ignorés) : nom, objet, lieu, bénéficiaire' })
  @IsOptional()
  @IsString()
  q?: string;
  @ApiPropertyOptional({ example: '84', description: 'Code INSEE de la région' }) @IsOptional() @IsString() region?: string;
  @ApiPropertyOptional({ example: '69' }) @IsOptional() @IsString() departement?: string;
  @ApiPropertyOptional({ example: 'JEUNES_NEET' }) @IsOptional() @IsString() targetPublic?: string;
  @ApiPropertyOptional({ example: 'ESSAIMAGE' }) @IsOptional() @IsString() operationType?: string;
  @ApiPropertyOptional({ example: '2026', description: "Année de début de l'opération" }) @IsOptional() @IsString() year?: string;
  @ApiPropertyOptional({ description: 'Montant FSE+ minimal, en centimes' }) @IsOptional() @IsString() minEuCents?: string;
  @ApiPropertyOptional({ description: 'Montant FSE+ maximal, en centimes' }) @IsOptional() @IsString() maxEuCents?: string;
  @ApiPropertyOptional({ enum: PUBLISHED_STATUSES }) @IsOptional() @IsString() status?: string;
  @ApiPropertyOptional({ enum: SORTS, default: 'recent' }) @IsOptional() @IsString() sort?: string;
  @ApiPropertyOptional({ description: 'Curseur renvoyé par la page précédente (nextCursor)' }) @IsOptional() @IsString() cursor?: string;
  @ApiPropertyOptional({ default: 20, maximum: 100 }) @IsOptional() @IsString() limit?: string;
}
