import { ApiProperty } from '@nestjs/swagger';
import { ADVANCE_CATEGORIES, type AdvanceCategory, LEGAL_FORMS, type LegalForm, type MemberRole } from '../domain/organisation-profile';

export class OrganisationResponse {
  @ApiProperty() id: string;
  @ApiProperty() siret: string;
  @ApiProperty() legalName: string;
  @ApiProperty({ enum: LEGAL_FORMS }) legalForm: LegalForm;
  @ApiProperty() essStatus: boolean;
  @ApiProperty() vatRecovery: boolean;
  @ApiProperty({ enum: ADVANCE_CATEGORIES }) advanceCategory: AdvanceCategory;
  @ApiProperty() addressLine: string;
  @ApiProperty() postalCode: string;
  @ApiProperty() city: string;
  @ApiProperty() departement: string;
  @ApiProperty({ description: 'Version for If-Match; also sent as the ETag header.' }) version: number;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
  @ApiProperty({ enum: ['OWNER', 'MEMBER'], nullable: true, description: 'Your role in the organisation; null for staff.' }) myRole: MemberRole | null;
}

export class OrganisationListResponse {
  @ApiProperty({ type: [OrganisationResponse] }) items: OrganisationResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` to get the next page; null on the last page.' }) nextCursor: string | null;
}

export class MemberResponse {
  @ApiProperty() userId: string;
  @ApiProperty() displayName: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: ['OWNER', 'MEMBER'] }) memberRole: MemberRole;
  @ApiProperty() joinedAt: string;
}
