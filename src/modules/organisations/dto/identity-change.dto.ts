import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import type { IdentityChangeStatus } from '../domain/legal-identity';
import { LEGAL_FORMS, type LegalForm } from '../domain/organisation-profile';
import { IsSiret } from './validators';
import { PageQuery } from '../../../common/http/page.query';

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);
const NO_CONTROL = /^[^\p{Cc}\p{Cf}]*$/u;
const noControl = { message: 'Ce champ contient des caractères non autorisés.' };

/** The new legal identity asked for: any of the three fields, with the reason (e.g. a merger, a new establishment). */
export class CreateIdentityChangeDto {
  @ApiPropertyOptional({ example: '78213456300025', description: 'Nouveau SIRET (14 chiffres).' })
  @IsOptional()
  @IsSiret()
  siret?: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @Transform(trim)
  @IsString({ message: 'La raison sociale doit être un texte.' })
  @MinLength(1, { message: 'La raison sociale ne peut pas être vide.' })
  @MaxLength(200, { message: 'La raison sociale doit comporter au plus 200 caractères.' })
  @Matches(NO_CONTROL, noControl)
  legalName?: string;

  @ApiPropertyOptional({ enum: LEGAL_FORMS })
  @IsOptional()
  @IsIn(LEGAL_FORMS, { message: 'Choisissez une forme juridique dans la liste.' })
  legalForm?: LegalForm;

  @ApiProperty({ maxLength: 2000, description: 'Motif du changement (fusion, transfert du siège, changement de statuts…).' })
  @Transform(trim)
  @IsString({ message: 'Le motif est requis.' })
  @MinLength(1, { message: 'Le motif est requis.' })
  @MaxLength(2000, { message: 'Le motif doit comporter au plus 2000 caractères.' })
  reason: string;
}

export class DecideIdentityChangeDto {
  @ApiPropertyOptional({ maxLength: 2000, description: "Commentaire de l'agent ; obligatoire pour un refus." })
  @IsOptional()
  @Transform(trim)
  @IsString({ message: 'Le commentaire doit être un texte.' })
  @MaxLength(2000, { message: 'Le commentaire doit comporter au plus 2000 caractères.' })
  comment?: string;
}

export class ListIdentityChangesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['PENDING', 'APPROVED', 'REFUSED'], default: 'PENDING' })
  @IsOptional()
  @IsIn(['PENDING', 'APPROVED', 'REFUSED'], { message: 'Statut inconnu.' })
  status?: IdentityChangeStatus;
}

export class LegalIdentityValues {
  @ApiProperty({ type: String, nullable: true }) siret: string | null;
  @ApiProperty({ type: String, nullable: true }) legalName: string | null;
  @ApiProperty({ enum: LEGAL_FORMS, nullable: true }) legalForm: LegalForm | null;
}

export class IdentityChangeResponse {
  @ApiProperty() id: string;
  @ApiProperty() organisationId: string;
  @ApiProperty({ enum: ['PENDING', 'APPROVED', 'REFUSED'] }) status: IdentityChangeStatus;
  @ApiProperty({ type: LegalIdentityValues, description: 'Valeurs demandées ; null pour un champ inchangé.' }) requested: LegalIdentityValues;
  @ApiProperty({ type: LegalIdentityValues, description: 'Identité au moment de la demande.' }) previous: LegalIdentityValues;
  @ApiProperty() reason: string;
  @ApiProperty() requestedAt: string;
  @ApiProperty({ type: String, nullable: true }) decidedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) decisionComment: string | null;
  @ApiProperty({ description: 'Version for If-Match; also sent as the ETag header.' }) version: number;
}

export class IdentityChangeListResponse {
  @ApiProperty({ type: [IdentityChangeResponse] }) items: IdentityChangeResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` to get the next page; null on the last page.' }) nextCursor: string | null;
}
