import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { REPORT_FORMATS, REPORT_TYPES, type ReportFormat, type ReportType } from '../domain/report-kinds';

export class CreateReportDto {
  @ApiProperty({ enum: REPORT_TYPES })
  @IsIn(REPORT_TYPES, { message: 'Type de rapport inconnu.' })
  type!: ReportType;

  @ApiProperty({ enum: REPORT_FORMATS, description: 'PDF pour le rapport de financement ; CSV ou XLSX pour les tableaux.' })
  @IsIn(REPORT_FORMATS, { message: 'Format inconnu.' })
  format!: ReportFormat;

  @ApiPropertyOptional({ format: 'uuid', description: 'Omis : tous les appels de la priorité 6.' })
  @IsOptional()
  @IsUUID('all', { message: 'Identifiant d’appel invalide.' })
  callId?: string;
}
