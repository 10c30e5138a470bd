import { ApiProperty } from '@nestjs/swagger';
import { REPORT_FORMATS, REPORT_TYPES, type ReportFormat, type ReportStatus, type ReportType } from '../domain/report-kinds';
import { PageQuery } from '../../../common/http/page.query';

export class ReportResponse {
  @ApiProperty() id: string;
  @ApiProperty({ enum: REPORT_TYPES }) type: ReportType;
  @ApiProperty({ enum: REPORT_FORMATS }) format: ReportFormat;
  @ApiProperty({ type: String, nullable: true }) callId: string | null;
  @ApiProperty({ type: String, nullable: true }) callReference: string | null;
  @ApiProperty() priority: number;
  @ApiProperty({ enum: ['PENDING', 'READY', 'FAILED'] }) status: ReportStatus;
  @ApiProperty({ type: String, nullable: true }) failureReason: string | null;
  @ApiProperty({ type: Number, nullable: true }) sizeBytes: number | null;
  @ApiProperty({ type: String, nullable: true }) sha256: string | null;
  @ApiProperty({ type: Number, nullable: true }) rowCount: number | null;
  @ApiProperty() fileName: string;
  @ApiProperty() requestedAt: string;
  @ApiProperty({ type: String, nullable: true }) readyAt: string | null;
  @ApiProperty({ type: String, nullable: true }) contentUrl: string | null;
}

export class ReportListResponse {
  @ApiProperty({ type: [ReportResponse] }) items: ReportResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` to get the next page; null on the last page.' }) nextCursor: string | null;
}

export class ListReportsQuery extends PageQuery {}
