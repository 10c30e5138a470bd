import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';

export class Article15AnswerDto {
  @ApiPropertyOptional({ type: Boolean, nullable: true })
  @IsOptional()
  @IsBoolean({ message: 'Répondez par oui ou par non.' })
  answer?: boolean | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 5000 })
  @IsOptional()
  @IsString()
  @MaxLength(5000, { message: 'La justification ne peut pas dépasser 5 000 caractères.' })
  justification?: string | null;
}

/** Self-assessment against Article 15 of the loi ESS (docs/domain/eligibility.md): I 1°, I 2° and II, each with a justification. */
export class Article15Dto {
  @ApiPropertyOptional({ type: Article15AnswerDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => Article15AnswerDto)
  i1?: Article15AnswerDto | null;

  @ApiPropertyOptional({ type: Article15AnswerDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => Article15AnswerDto)
  i2?: Article15AnswerDto | null;

  @ApiPropertyOptional({ type: Article15AnswerDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => Article15AnswerDto)
  ii?: Article15AnswerDto | null;
}
