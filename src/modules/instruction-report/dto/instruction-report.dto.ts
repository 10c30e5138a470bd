import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { BudgetLineDto, ResourceDto } from '../../applications/dto/financing-plan.dto';

import { OPINIONS } from '../domain/report-sections';

export { OPINIONS };

const SECTION_MAX = { message: 'Une rubrique ne peut pas dépasser 10 000 caractères.' };

/** The written sections of the report (docs/domain/instruction-report.md); each may be saved empty, none validated empty. */
export class ReportSectionsDto {
  @ApiPropertyOptional({ maxLength: 10000, description: 'Public visé' })
  @IsOptional()
  @IsString()
  @MaxLength(10000, SECTION_MAX)
  publicTargeted?: string;

  @ApiPropertyOptional({ maxLength: 10000, description: 'Capacité administrative et financière (RPDC art. 73(2)(d))' })
  @IsOptional()
  @IsString()
  @MaxLength(10000, SECTION_MAX)
  capacity?: string;

  @ApiPropertyOptional({ maxLength: 10000, description: 'Principes horizontaux (RPDC art. 9)' })
  @IsOptional()
  @IsString()
  @MaxLength(10000, SECTION_MAX)
  horizontalPrinciples?: string;

  @ApiPropertyOptional({ maxLength: 10000, description: 'Aides d’État' })
  @IsOptional()
  @IsString()
  @MaxLength(10000, SECTION_MAX)
  stateAid?: string;

  @ApiPropertyOptional({ maxLength: 10000, description: 'Absence de double financement (RPDC art. 63(9))' })
  @IsOptional()
  @IsString()
  @MaxLength(10000, SECTION_MAX)
  doubleFunding?: string;
}

/** A reduction of the applicant's plan: the same lines (lowered or set to 0) and new resources, with its reason. */
export class ReducedPlanDto {
  @ApiProperty({ type: [BudgetLineDto] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => BudgetLineDto)
  lines: BudgetLineDto[];

  @ApiProperty({ type: [ResourceDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ResourceDto)
  resources: ResourceDto[];

  @ApiProperty({ minLength: 10, maxLength: 5000 })
  @IsString({ message: 'Le motif de la réduction est obligatoire.' })
  @MinLength(10, { message: 'Le motif de la réduction est obligatoire (10 caractères au moins).' })
  @MaxLength(5000)
  reason: string;
}

export class InstructionReportDto {
  @ApiProperty({ enum: OPINIONS })
  @IsIn(OPINIONS, { message: 'Avis attendu : favorable, réservé ou défavorable.' })
  opinion: (typeof OPINIONS)[number];

  @ApiProperty({ minLength: 10, maxLength: 20000 })
  @IsString({ message: 'La motivation est obligatoire.' })
  @MinLength(10, { message: "La motivation de l'avis est obligatoire (10 caractères au moins)." })
  @MaxLength(20000, { message: 'La motivation ne peut pas dépasser 20 000 caractères.' })
  motivation: string;

  @ApiPropertyOptional({ type: ReportSectionsDto, description: 'Rubriques du rapport ; toutes obligatoires à la validation' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReportSectionsDto)
  sections?: ReportSectionsDto;

  @ApiPropertyOptional({ type: ReducedPlanDto, description: "Plan réduit proposé par l'instructeur (nouvelle version du plan)" })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReducedPlanDto)
  reducedPlan?: ReducedPlanDto;
}
