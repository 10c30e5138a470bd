import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, Matches, Max, Min, ValidateNested } from 'class-validator';

export class TargetDto {
  @ApiProperty({ example: 'EECO01' })
  @IsString()
  @Matches(/^EEC[OR]\d{2}$/, { message: 'Code d’indicateur inconnu.' })
  code!: string;

  @ApiProperty()
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  total!: number;

  @ApiPropertyOptional({ type: Number, nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  women?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  men?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  nonBinary?: number | null;
}

export class TargetsDto {
  @ApiProperty({ type: [TargetDto] })
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => TargetDto)
  targets!: TargetDto[];
}
