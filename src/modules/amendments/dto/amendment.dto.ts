import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MAX_AMOUNT_CENTS, MAX_AMOUNT_MESSAGE } from '../../../common/money/amount-bounds';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { COST_OPTIONS, LINE_CATEGORIES, RESOURCE_TYPES } from '../../cofinancing/domain/cofinancing';
import { TargetDto } from '../../participants/dto/targets.dto';

class PlanLineDto {
  @ApiProperty({ enum: LINE_CATEGORIES }) @IsIn(LINE_CATEGORIES) category!: (typeof LINE_CATEGORIES)[number];
  @ApiProperty() @IsString() @MaxLength(300) label!: string;
  @ApiProperty() @IsInt() @Min(0) @Max(MAX_AMOUNT_CENTS, MAX_AMOUNT_MESSAGE) amountCents!: number;
}

class PlanResourceDto {
  @ApiProperty({ enum: RESOURCE_TYPES }) @IsIn(RESOURCE_TYPES) type!: (typeof RESOURCE_TYPES)[number];
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @MaxLength(200) funderName?: string | null;
  @ApiProperty() @IsInt() @Min(0) @Max(MAX_AMOUNT_CENTS, MAX_AMOUNT_MESSAGE) amountCents!: number;
}

class AmendmentPlanDto {
  @ApiProperty({ enum: COST_OPTIONS }) @IsIn(COST_OPTIONS) costOption!: (typeof COST_OPTIONS)[number];
  @ApiPropertyOptional({ type: Number, nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(10_000) flatRateBp?: number | null;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() stateAid?: boolean;
  @ApiProperty({ type: [PlanLineDto] }) @IsArray() @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => PlanLineDto) lines!: PlanLineDto[];
  @ApiProperty({ type: [PlanResourceDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => PlanResourceDto)
  resources!: PlanResourceDto[];
}

export class RequestAmendmentDto {
  @ApiPropertyOptional({ type: String, nullable: true, example: '2028-08-31', description: 'Prolongation : nouvelle date de fin' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'Date invalide (format attendu : AAAA-MM-JJ).' })
  newEndDate?: string | null;

  @ApiPropertyOptional({ type: AmendmentPlanDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => AmendmentPlanDto)
  plan?: AmendmentPlanDto | null;

  @ApiPropertyOptional({ type: [TargetDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => TargetDto)
  targets?: TargetDto[] | null;

  @ApiProperty()
  @IsString()
  @MinLength(1, { message: 'Motivez la demande.' })
  @MaxLength(5000)
  reason!: string;
}

export class DecideAmendmentDto {
  @ApiProperty() @IsBoolean() accept!: boolean;
  @ApiProperty() @IsString() @MinLength(1, { message: 'Motivez la décision.' }) @MaxLength(5000) reason!: string;
}
