import { ApiProperty } from '@nestjs/swagger';

export class FailedJobResponse {
  @ApiProperty() id!: string;
  @ApiProperty() jobName!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Les données du travail, telles que mises en file' }) payload!: Record<
    string,
    unknown
  >;
  @ApiProperty() createdAt!: string;
  @ApiProperty() failedAt!: string;
  @ApiProperty() failureReason!: string;
  @ApiProperty() retryCount!: number;
}

export class PingResponse {
  @ApiProperty() id!: string;
  @ApiProperty() requestedAt!: string;
  @ApiProperty({ nullable: true, type: String }) processedAt!: string | null;
  @ApiProperty() processCount!: number;
  @ApiProperty({ enum: ['PENDING', 'DONE'] }) status!: string;
}

export class FailedJobRetryResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['PENDING'] }) status!: string;
}
