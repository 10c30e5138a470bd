import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';

export const SAVED_VIEW_SCOPES = ['INSTRUCTION_LIST'] as const;
export type SavedViewScope = (typeof SAVED_VIEW_SCOPES)[number];

export class CreateSavedViewDto {
  @ApiProperty({ maxLength: 100 })
  @IsString()
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ enum: SAVED_VIEW_SCOPES, default: 'INSTRUCTION_LIST' })
  @IsOptional()
  @IsIn(SAVED_VIEW_SCOPES)
  scope?: SavedViewScope;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'Les critères de la liste : status, departement, euMinCents, euMaxCents, instructorId, unassigned, label, q, sort',
  })
  @IsObject()
  query!: Record<string, unknown>;
}

export class SavedViewsQuery {
  @ApiPropertyOptional({ enum: SAVED_VIEW_SCOPES, default: 'INSTRUCTION_LIST' })
  @IsOptional()
  @IsIn(SAVED_VIEW_SCOPES)
  scope?: SavedViewScope;
}
