import { ApiProperty } from '@nestjs/swagger';

export class MailResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['PENDING', 'FAILED', 'SENT', 'SKIPPED'] }) status!: string;
  @ApiProperty({ type: Date }) createdAt!: Date;
  @ApiProperty() template!: string;
  @ApiProperty() toAddress!: string;
  @ApiProperty() subject!: string;
  @ApiProperty() attempts!: number;
  @ApiProperty({ nullable: true, type: String }) lastError!: string | null;
  @ApiProperty({ nullable: true, type: Date }) sentAt!: Date | null;
}

export class MailRetryResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['PENDING'] }) status!: string;
}
