import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { OBJECT_STORAGE, type ObjectStorage } from '../files/storage/object-storage';
import { first } from '../../common/collections';

export interface DocumentKey {
  subjectType: string;
  subjectId: string;
  kind: string;
  version: number;
}

export interface StoredDocument {
  id: string;
  sha256: string;
  sizeBytes: number;
  storageKey: string;
}

/**
 * Runs in the transaction that marks the document READY, once (the UPDATE only matches a row not yet READY): what the
 * document's existence changes elsewhere, and its audit row, which thus commits with READY or not at all.
 */
export type OnReady = (em: EntityManager, stored: StoredDocument) => Promise<void>;

/**
 * Produces a generated file exactly once per (subject, kind, version): the row is claimed first, the bytes are
 * stored as one object (ObjectStorage, whole or nothing) under a key derived from the row id, then the row is marked READY. A job run twice,
 * or killed half-way and retried, ends with one row and one file.
 */
@Injectable()
export class DocumentStore {
  constructor(
    @Inject(OBJECT_STORAGE) private readonly objects: ObjectStorage,
    private readonly dataSource: DataSource,
  ) {}

  async produce(key: DocumentKey, render: () => Promise<Buffer>, onReady?: OnReady): Promise<StoredDocument> {
    await this.dataSource.query(
      `INSERT INTO document (subject_type, subject_id, kind, version) VALUES ($1, $2, $3, $4)
       ON CONFLICT ON CONSTRAINT document_subject_kind_version_key DO NOTHING`,
      [key.subjectType, key.subjectId, key.kind, key.version],
    );
    const rows: { id: string; status: string; sha256: string | null; size_bytes: string | null; storage_key: string | null }[] = await this.dataSource.query(
      `SELECT id, status, sha256, size_bytes, storage_key FROM document WHERE subject_type = $1 AND subject_id = $2 AND kind = $3 AND version = $4`,
      [key.subjectType, key.subjectId, key.kind, key.version],
    );
    const row = first(rows, `document ${key.kind} v${key.version} of ${key.subjectId}`); // inserted just above if missing
    if (row.status === 'READY') return { id: row.id, sha256: row.sha256!, sizeBytes: Number(row.size_bytes), storageKey: row.storage_key! };

    const bytes = await render();
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const storageKey = `documents/${row.id}.pdf`;
    await this.objects.put(storageKey, bytes, { contentType: 'application/pdf' }); // whole or nothing (ObjectStorage.put)
    await this.dataSource.transaction(async (em) => {
      const [, marked] = (await em.query(
        `UPDATE document SET status = 'READY', storage_key = $2, size_bytes = $3, sha256 = $4, ready_at = now(), failure_reason = NULL
          WHERE id = $1 AND status <> 'READY'`,
        [row.id, storageKey, bytes.length, sha256],
      )) as [unknown, number];
      if (marked === 1 && onReady) await onReady(em, { id: row.id, sha256, sizeBytes: bytes.length, storageKey });
    });
    return { id: row.id, sha256, sizeBytes: bytes.length, storageKey };
  }

  async markFailed(key: DocumentKey, reason: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE document SET status = 'FAILED', failure_reason = $5 WHERE subject_type = $1 AND subject_id = $2 AND kind = $3 AND version = $4 AND status = 'PENDING'`,
      [key.subjectType, key.subjectId, key.kind, key.version, reason.slice(0, 500)],
    );
  }
}
