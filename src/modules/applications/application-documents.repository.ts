import type { ScanStatus } from '../files/antivirus/antivirus.service';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DOCUMENT_COLUMNS, DocumentRow, type DocumentRowRaw, toDocumentRow } from './application-rows';

/** SQL of the documents attached to dossiers (soft-deleted rows stay, for the trail). */
@Injectable()
export class ApplicationDocumentsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async countActive(applicationId: string, em?: EntityManager): Promise<number> {
    const [row] = await (em ?? this.dataSource).query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM application_document WHERE application_id = $1 AND deleted_at IS NULL`,
      [applicationId],
    );
    return row?.n ?? 0;
  }

  async findActive(applicationId: string, documentId: string, em?: EntityManager): Promise<DocumentRow | null> {
    const [row] = await (em ?? this.dataSource).query<DocumentRowRaw[]>(
      `SELECT ${DOCUMENT_COLUMNS} FROM application_document d WHERE d.application_id = $1 AND d.id = $2 AND d.deleted_at IS NULL`,
      [applicationId, documentId],
    );
    return row ? toDocumentRow(row) : null;
  }

  async insert(
    em: EntityManager,
    d: {
      applicationId: string;
      documentType: string;
      originalName: string;
      storageKey: string;
      mediaType: string;
      sizeBytes: number;
      sha256: string;
      uploadedBy: string;
      scanStatus: ScanStatus;
    },
  ): Promise<string> {
    const [row] = await em.query<{ id: string }[]>(
      `WITH scan AS (INSERT INTO file_scan (storage_key, status) VALUES ($4, $9))
       INSERT INTO application_document (application_id, document_type, original_name, storage_key, media_type, size_bytes, sha256, uploaded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [d.applicationId, d.documentType, d.originalName, d.storageKey, d.mediaType, d.sizeBytes, d.sha256, d.uploadedBy, d.scanStatus],
    );
    if (!row) throw new Error(`document of ${d.applicationId} not inserted`);
    return row.id;
  }

  async softDelete(em: EntityManager, applicationId: string, documentId: string, userId: string): Promise<boolean> {
    const [, count] = (await em.query(
      `UPDATE application_document SET deleted_at = now(), deleted_by = $3 WHERE application_id = $1 AND id = $2 AND deleted_at IS NULL`,
      [applicationId, documentId, userId],
    )) as [unknown, number];
    return count === 1;
  }
}
