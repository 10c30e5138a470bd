import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Equals, IsBoolean, IsInt, IsOptional, IsString, MaxLength, Min, MinLength } from 'class-validator';

/** Body of a submission; its hash is bound to the Idempotency-Key (same key, other body → 422). */
export class SubmitApplicationDto {
  @ApiProperty({ description: "Attestation sur l'honneur de l'exactitude des informations", example: true })
  @IsBoolean()
  @Equals(true, { message: "Cochez l'attestation sur l'honneur pour déposer le dossier." })
  attestation: boolean;

  @ApiPropertyOptional({ description: 'Version (ETag) que vous avez relue ; refusée en 412 si le dossier a changé depuis' })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}

export class WithdrawApplicationDto {
  @ApiProperty({ minLength: 3, maxLength: 2000, description: 'Motif du retrait' })
  @IsString()
  @MinLength(3, { message: 'Indiquez le motif du retrait.' })
  @MaxLength(2000, { message: 'Le motif ne peut pas dépasser 2 000 caractères.' })
  reason: string;
}
