import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { BudgetLineDto, ResourceDto } from '../../applications/dto/financing-plan.dto';

export const OPINIONS = ['FAVORABLE', 'DEFAVORABLE'] as const;

/** A reduction of the applicant's plan: the same lines (lowered or set to 0) and new resources, with its reason. */
export class ReducedPlanDto {
  @ApiProperty({ type: [BudgetLineDto] })
  @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => BudgetLineDto)
  lines: BudgetLineDto[];

  @ApiProperty({ type: [ResourceDto] })
  @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => ResourceDto)
  resources: ResourceDto[];

  @ApiProperty({ minLength: 10, maxLength: 5000 })
  @IsString({ message: 'Le motif de la réduction est obligatoire.' })
  @MinLength(10, { message: 'Le motif de la réduction est obligatoire (10 caractères au moins).' })
  @MaxLength(5000)
  reason: string;
}

export class InstructionReportDto {
  @ApiProperty({ enum: OPINIONS })
  @IsIn(OPINIONS, { message: 'Avis attendu : favorable ou défavorable.' })
  opinion: (typeof OPINIONS)[number];

  @ApiProperty({ minLength: 10, maxLength: 20000 })
  @IsString({ message: 'La motivation est obligatoire.' })
  @MinLength(10, { message: "La motivation de l'avis est obligatoire (10 caractères au moins)." })
  @MaxLength(20000, { message: 'La motivation ne peut pas dépasser 20 000 caractères.' })
  motivation: string;

  @ApiPropertyOptional({ type: ReducedPlanDto, description: "Plan réduit proposé par l'instructeur (nouvelle version du plan)" })
  @IsOptional() @ValidateNested() @Type(() => ReducedPlanDto)
  reducedPlan?: ReducedPlanDto;
}
