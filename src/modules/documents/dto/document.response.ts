import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class DocumentRequestedResponse {
  @ApiProperty() id!: string;
  @ApiProperty() status!: string;
}

export class GeneratedDocumentResponse {
  @ApiProperty() id!: string;
  @ApiProperty({
    enum: [
      'RECEIPT',
      'CONVENTION',
      'DECISION_LETTER',
      'COMMITTEE_MINUTES',
      'EXECUTION_REPORT',
      'PARTICIPANT_NOTICE',
      'VERIFICATION_REPORT',
      'PAYMENT_CERTIFICATE',
      'RECOVERY_ORDER',
    ],
  })
  kind!: string;
  @ApiProperty() subjectType!: string;
  @ApiProperty() subjectId!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ enum: ['PENDING', 'READY', 'FAILED'] }) status!: string;
  @ApiPropertyOptional() failureReason?: string;
  @ApiProperty({ nullable: true, type: Number }) sizeBytes!: number | null;
  @ApiProperty({ nullable: true, type: String }) sha256!: string | null;
  @ApiProperty({ type: Date }) createdAt!: Date;
  @ApiProperty({ nullable: true, type: Date }) readyAt!: Date | null;
}

export class GeneratedDocumentListResponse {
  @ApiProperty({ type: [GeneratedDocumentResponse] }) items!: GeneratedDocumentResponse[];
}
