import { ApiProperty } from '@nestjs/swagger';

export class AmendmentRequestedResponse {
  @ApiProperty() id!: string;
  @ApiProperty() seq!: number;
}

export class AmendmentDecisionResponse {
  @ApiProperty() status!: string;
  @ApiProperty({ nullable: true, type: Number }) number!: number | null;
  @ApiProperty({ nullable: true, type: Number }) planVersionNo!: number | null;
  @ApiProperty({ nullable: true, type: String }) conventionDocumentId!: string | null;
}
