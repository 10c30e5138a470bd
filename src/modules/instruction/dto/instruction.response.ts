import { ApiProperty } from '@nestjs/swagger';
import { APPLICATION_STATUSES } from '../../applications/domain/application-status';

export class InstructionListItemInstructorResponse {
  @ApiProperty() id!: string;
  @ApiProperty() displayName!: string;
}

export class InstructionListItemResponse {
  @ApiProperty() id!: string;
  @ApiProperty() number!: string;
  @ApiProperty({ nullable: true, type: String }) title!: string | null;
  @ApiProperty() organisationName!: string;
  @ApiProperty({ nullable: true, type: String }) departement!: string | null;
  @ApiProperty({
    enum: APPLICATION_STATUSES,
  })
  status!: string;
  @ApiProperty() statusLabel!: string;
  @ApiProperty({ nullable: true, type: Number }) euRequestedCents!: number | null;
  @ApiProperty({ nullable: true, type: Number }) totalEligibleCents!: number | null;
  @ApiProperty({ nullable: true, type: Number }) euRetainedCents!: number | null;
  @ApiProperty({ nullable: true, type: Number }) totalEligibleRetainedCents!: number | null;
  @ApiProperty({ nullable: true, type: InstructionListItemInstructorResponse }) instructor!: InstructionListItemInstructorResponse | null;
  @ApiProperty({ type: [String] }) labels!: string[];
  @ApiProperty({ type: Date }) submittedAt!: Date;
  @ApiProperty({ nullable: true, enum: ['ELIGIBLE', 'INELIGIBLE'] }) eligibilityVerdict!: string | null;
  @ApiProperty() version!: number;
}

export class InstructionListPageResponse {
  @ApiProperty({ type: [InstructionListItemResponse] }) items!: InstructionListItemResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class BulkAssignmentItemResponse {
  @ApiProperty() id!: string;
  @ApiProperty() version!: number;
}

export class BulkAssignmentResponse {
  @ApiProperty() assigned!: number;
  @ApiProperty({ type: [BulkAssignmentItemResponse] }) items!: BulkAssignmentItemResponse[];
}

export class InstructionStateResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ nullable: true, type: String }) instructorId!: string | null;
  @ApiProperty({ type: [String] }) labels!: string[];
  @ApiProperty() version!: number;
}

export class SavedViewResponse {
  @ApiProperty() id!: string;
  @ApiProperty() scope!: string;
  @ApiProperty() name!: string;
  @ApiProperty({
    type: 'object',
    description: 'Les filtres enregistrés (paramètres de la liste) : une valeur ou une liste de valeurs par nom',
    additionalProperties: { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
  })
  query!: Record<string, string | string[]>;
  @ApiProperty({ type: Date }) createdAt!: Date;
}

export class SavedViewListResponse {
  @ApiProperty({ type: [SavedViewResponse] }) items!: SavedViewResponse[];
}
