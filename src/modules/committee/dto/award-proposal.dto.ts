import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ResourceDto } from '../../applications/dto/financing-plan.dto';

const AMOUNT = { message: 'Le montant doit être un nombre entier de centimes.' };

/** One line of the revised plan: the retained plan's line, at its new amount (the line itself cannot change). */
export class RevisedLineDto {
  @ApiProperty({ description: 'Montant révisé en centimes (jamais au-dessus du plan retenu)', example: 7_200_000 })
  @IsInt(AMOUNT)
  @Min(0, { message: 'Le montant ne peut pas être négatif.' })
  @Max(100_000_000_000, AMOUNT)
  amountCents: number;
}

/** Acceptance of a reduced award: the revised plan, line by line in the retained plan's order, and its resources. */
export class AcceptAwardDto {
  @ApiProperty({ type: [RevisedLineDto] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => RevisedLineDto)
  lines: RevisedLineDto[];

  @ApiProperty({ type: [ResourceDto], description: 'Ressources ; le FSE+ doit être le montant proposé par le comité' })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ResourceDto)
  resources: ResourceDto[];
}

/** Refusal of a reduced award, which is a renunciation of the aid. */
export class RefuseAwardDto {
  @ApiProperty({ minLength: 10, maxLength: 5000, description: 'Motif du refus (renonciation)' })
  @IsString({ message: 'Indiquez le motif du refus.' })
  @MaxLength(5000, { message: 'Le motif ne peut pas dépasser 5 000 caractères.' })
  reason: string;
}
