import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';

/** One participant as typed in a form: values are checked by the domain, which reports every field at once. */
export class ParticipantDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) lastName?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) firstName?: string;
  @ApiPropertyOptional({ example: '1999-04-02' }) @IsOptional() @IsString() @MaxLength(20) birthDate?: string;
  @ApiPropertyOptional({ enum: ['F', 'M', 'X'] }) @IsOptional() @IsString() @MaxLength(20) sex?: string;
  @ApiPropertyOptional({ example: '2026-10-01' }) @IsOptional() @IsString() @MaxLength(20) entryDate?: string;
  @ApiPropertyOptional({ enum: ['UNEMPLOYED', 'LONG_TERM_UNEMPLOYED', 'INACTIVE', 'EMPLOYED'] })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  employmentStatus?: string;
  @ApiPropertyOptional({ enum: ['ISCED_0_2', 'ISCED_3_4', 'ISCED_5_8'] }) @IsOptional() @IsString() @MaxLength(40) educationLevel?: string;
  @ApiPropertyOptional({ enum: ['YES', 'NO', 'REFUSED'] }) @IsOptional() @IsString() @MaxLength(40) disability?: string;
  @ApiPropertyOptional({ enum: ['YES', 'NO', 'REFUSED'] }) @IsOptional() @IsString() @MaxLength(40) thirdCountryNational?: string;
  @ApiPropertyOptional({ enum: ['YES', 'NO', 'REFUSED'] }) @IsOptional() @IsString() @MaxLength(40) foreignBackground?: string;
  @ApiPropertyOptional({ enum: ['YES', 'NO', 'REFUSED'] }) @IsOptional() @IsString() @MaxLength(40) minority?: string;
  @ApiPropertyOptional({ enum: ['YES', 'NO', 'REFUSED'] }) @IsOptional() @IsString() @MaxLength(40) homeless?: string;
  @ApiPropertyOptional({ enum: ['YES', 'NO', 'REFUSED'] }) @IsOptional() @IsString() @MaxLength(40) rural?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20) exitDate?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() exitJobSearch?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() exitEducation?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() exitQualification?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() exitEmployed?: boolean;
}

/** A participant written: its id and the pseudonym exports use (never the name). */
export class ParticipantRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'P-0123456789ABCDEF' }) pseudonym!: string;
}
