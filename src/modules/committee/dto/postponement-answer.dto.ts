import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class PostponementAnswerDto {
  @ApiProperty({ maxLength: 10000, description: 'Réponse aux demandes du comité (précisions, pièces transmises, plan revu…).' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString({ message: 'La réponse est requise.' })
  @MinLength(1, { message: 'La réponse est requise.' })
  @MaxLength(10000, { message: 'La réponse doit comporter au plus 10 000 caractères.' })
  answer: string;
}

export class PostponementAnswerResponse {
  @ApiProperty() id: string;
  @ApiProperty() applicationId: string;
  @ApiProperty({ description: 'Les demandes du comité auxquelles la réponse se rapporte.' }) requests: string;
  @ApiProperty() answer: string;
  @ApiProperty() answeredAt: string;
  @ApiProperty({ enum: ['UNDER_INSTRUCTION'] }) status: 'UNDER_INSTRUCTION';
  @ApiProperty({ description: 'Version du dossier (ETag).' }) version: number;
}
