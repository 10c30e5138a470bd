import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsUUID } from 'class-validator';
import { DOCUMENT_KINDS, type DocumentKind } from '../domain/document-kinds';

export class RequestDocumentDto {
  @ApiProperty({ enum: DOCUMENT_KINDS })
  @IsIn(DOCUMENT_KINDS, { message: `Type de document inconnu : ${DOCUMENT_KINDS.join(', ')}.` })
  kind: DocumentKind;

  @ApiProperty({ format: 'uuid', description: 'Le dossier, ou la séance du comité pour un procès-verbal' })
  @IsUUID('all', { message: 'Identifiant de sujet invalide.' })
  subjectId: string;
}

export interface DocumentResponse {
  id: string;
  kind: DocumentKind;
  subjectType: string;
  subjectId: string;
  version: number;
  status: 'PENDING' | 'READY' | 'FAILED';
  failureReason?: string;
  sizeBytes: number | null;
  sha256: string | null;
  createdAt: Date;
  readyAt: Date | null;
}
