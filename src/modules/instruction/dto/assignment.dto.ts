import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsArray, IsUUID, ValidateIf } from 'class-validator';

export class AssignInstructorDto {
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: "Un utilisateur ayant le rôle INSTRUCTOR, ou null pour retirer l'affectation" })
  @ValidateIf((o: AssignInstructorDto) => o.instructorId !== null)
  @IsUUID()
  instructorId!: string | null;
}

export class BulkAssignDto extends AssignInstructorDto {
  @ApiProperty({ type: [String], format: 'uuid', maxItems: 500 })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(500)
  @ArrayUnique()
  @IsUUID(undefined, { each: true })
  applicationIds!: string[];
}

export class LabelsDto {
  @ApiProperty({ type: [String], maxItems: 20, description: 'Étiquettes : 1 à 40 caractères chacune, sans virgule, 20 au plus' })
  @IsArray()
  @ArrayMaxSize(100)
  labels!: unknown[];
}
