import { Inject, Injectable, Logger } from '@nestjs/common';
import { beneficiaryLegalNameSql, beneficiarySiretSql } from '../../organisations/beneficiary-identity.sql';
import type { Job } from 'bullmq';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { once } from 'node:events';
import { DataSource } from 'typeorm';
import { systemActor } from '../../../common/actor/actor';
import { AuditService } from '../../../common/audit/audit.service';
import { APP_CONFIG, type AppConfig } from '../../../config/config';
import { JobHandler } from '../../../jobs/job-handler';
import { JobName, JobPayloads } from '../../../jobs/queues';
import { OBJECT_STORAGE, type ObjectStorage } from '../../files/storage/object-storage';
import { TAR_END, tarHeader, tarPadding } from '../domain/tar';

export interface ManifestEntry {
  path: string;
  sha256: string;
  sizeBytes: number;
  /** Where the entry comes from: a generated document, an uploaded file, or data exported from the database. */
  origin: 'document' | 'upload' | 'data';
  /** For documents and uploads: the stored file the entry copies (so that it can be checked against the store). */
  storageKey?: string;
}

/** An uploaded file of the operation, wherever it was uploaded. */
interface UploadRow {
  id: string;
  original_name: string;
  media_type: string;
  storage_key: string;
}

interface Source {
  path: string;
  origin: ManifestEntry['origin'];
  storageKey?: string;
  data?: Buffer;
}

const ext = (mediaType: string, name: string): string => {
  const fromName = /\.([A-Za-z0-9]{1,5})$/.exec(name)?.[1]?.toLowerCase();
  if (fromName) return fromName;
  return mediaType.includes('pdf') ? 'pdf' : mediaType.includes('png') ? 'png' : mediaType.includes('jpeg') ? 'jpg' : 'bin';
};

/**
 * The operation's complete file as one tar (docs/domain/payments.md, CPR art. 82): every generated document, every
 * uploaded file (dossier pieces, expenditure proofs, contradictory answers, RIBs), the reports, verifications,
 * payments, recovery orders and irregularities as JSON, and `manifest.json` with the SHA-256 of every entry. The file
 * is built in a local temporary file and stored as `archives/<id>.tar` (ObjectStorage) in the transaction that marks the row READY.
 */
@Injectable()
export class OperationArchiveHandler implements JobHandler<typeof JobName.GenerateOperationArchive> {
  readonly jobName = JobName.GenerateOperationArchive;
  private readonly logger = new Logger(OperationArchiveHandler.name);

  constructor(
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    @Inject(OBJECT_STORAGE) private readonly objects: ObjectStorage,
  ) {}

  async handle(job: Job<JobPayloads[typeof JobName.GenerateOperationArchive]>): Promise<void> {
    const { archiveId } = job.data;
    const [archive] = await this.dataSource.query<{ application_id: string; status: string; requested_at: Date }[]>(
      `SELECT application_id, status, requested_at FROM operation_archive WHERE id = $1`,
      [archiveId],
    );
    if (!archive) throw new Error(`archive ${archiveId} not found`);
    if (archive.status === 'READY') return;
    // Built in a local temporary file, then stored whole (ObjectStorage.putFile) in the READY transaction.
    const dir = join(this.config.files.dir, 'archives', '.tmp');
    await mkdir(dir, { recursive: true });
    const tmp = join(dir, `${archiveId}.${randomBytes(6).toString('hex')}.tmp`);
    const storageKey = `archives/${archiveId}.tar`;
    try {
      const sources = await this.sources(archive.application_id);
      const mtime = new Date(archive.requested_at);
      const { manifest, size, sha256 } = await this.write(tmp, archive.application_id, sources, mtime);
      await this.dataSource.transaction(async (em) => {
        const [, n] = (await em.query(
          `UPDATE operation_archive SET status = 'READY', storage_key = $2, size_bytes = $3, sha256 = $4, manifest = $5::jsonb, ready_at = now(), failure_reason = NULL WHERE id = $1 AND status <> 'READY'`,
          [archiveId, storageKey, size, sha256, JSON.stringify(manifest)],
        )) as [unknown, number];
        if (n !== 1) return;
        await this.objects.putFile(storageKey, tmp, { contentType: 'application/x-tar' });
        await this.audit.record(em, systemActor(String(job.id)), {
          action: 'operation.archive_generated',
          subjectType: 'application',
          subjectId: archive.application_id,
          after: { archiveId, sizeBytes: size, sha256, entries: manifest.files.length },
        });
      });
      this.logger.log(`archive ${archiveId} ready (${manifest.files.length} entries, ${size} bytes)`);
    } catch (e) {
      const attempts = job.opts?.attempts ?? 1;
      if (job.attemptsMade + 1 >= attempts)
        await this.dataSource.query(`UPDATE operation_archive SET status = 'FAILED', failure_reason = $2 WHERE id = $1 AND status = 'PENDING'`, [
          archiveId,
          (e as Error).message.slice(0, 500),
        ]);
      throw e;
    } finally {
      await rm(tmp, { force: true });
    }
  }

  private async sources(applicationId: string): Promise<Source[]> {
    const q = <T>(sql: string) => this.dataSource.query<T[]>(sql, [applicationId]);
    const [docs, pieces, proofs, answers, ribs] = await Promise.all([
      q<{ id: string; kind: string; version: number; storage_key: string }>(
        `SELECT id, kind, version, storage_key FROM document WHERE subject_type = 'application' AND subject_id = $1 AND status = 'READY' ORDER BY kind, version`,
      ),
      q<UploadRow>(
        `SELECT id, original_name, media_type, storage_key FROM application_document WHERE application_id = $1 AND deleted_at IS NULL ORDER BY uploaded_at, id`,
      ),
      q<UploadRow>(
        `SELECT f.id, f.original_name, f.media_type, f.storage_key FROM expenditure_file f JOIN expenditure_line l ON l.id = f.line_id JOIN execution_report r ON r.id = l.report_id WHERE r.application_id = $1 ORDER BY f.uploaded_at, f.id`,
      ),
      q<UploadRow>(
        `SELECT f.id, f.original_name, f.media_type, f.storage_key FROM verification_answer_file f JOIN verification v ON v.id = f.verification_id WHERE v.application_id = $1 ORDER BY f.uploaded_at, f.id`,
      ),
      q<UploadRow>(
        `SELECT DISTINCT b.id, b.rib_original_name AS original_name, b.rib_media_type AS media_type, b.rib_storage_key AS storage_key FROM bank_account b JOIN payment p ON p.bank_account_id = b.id WHERE p.application_id = $1 ORDER BY b.id`,
      ),
    ]);
    const files: Source[] = [
      ...docs.map((d) => ({
        path: `documents/${d.kind.toLowerCase()}-v${d.version}-${d.id.slice(0, 8)}.pdf`,
        origin: 'document' as const,
        storageKey: d.storage_key,
      })),
      ...(
        [
          ['pieces-dossier', pieces],
          ['justificatifs-depenses', proofs],
          ['reponses-contradictoire', answers],
          ['rib', ribs],
        ] as const
      ).flatMap(([folder, rows]) =>
        rows.map((f) => ({ path: `${folder}/${f.id}.${ext(f.media_type, f.original_name)}`, origin: 'upload' as const, storageKey: f.storage_key })),
      ),
    ];
    const json = (value: unknown) => Buffer.from(JSON.stringify(value, null, 2) + '\n', 'utf8');
    const data = await Promise.all([
      q(
        `SELECT a.id, a.number, a.title, a.status, a.start_date::text AS start_date, a.end_date::text AS end_date, ${beneficiaryLegalNameSql()} AS legal_name, ${beneficiarySiretSql()} AS siret FROM application a JOIN organisation o ON o.id = a.organisation_id WHERE a.id = $1`,
      ),
      q(
        `SELECT id, seq, kind, period_start::text, period_end::text, status, submitted_at, snapshot FROM execution_report WHERE application_id = $1 ORDER BY seq`,
      ),
      q(
        `SELECT id, report_id, status, seed, settings, declared_cents::text, retained_cents::text, contradictory_sent_at, contradictory_answered_at, finalised_at, outcome FROM verification WHERE application_id = $1 ORDER BY created_at`,
      ),
      q(
        `SELECT id, reference, kind, verification_id, amount_cents::text, eu_due_cents::text, status, proposed_at, validated_at FROM payment WHERE application_id = $1 ORDER BY proposed_at`,
      ),
      q(
        `SELECT id, reference, amount_cents::text, due_date::text, reason, status, issued_at, settled_on::text FROM recovery_order WHERE application_id = $1 ORDER BY issued_at`,
      ),
      q(
        `SELECT id, type, amount_cents::text, detected_on::text, description, follow_up, follow_up_note FROM irregularity WHERE application_id = $1 ORDER BY detected_on`,
      ),
      q(
        `SELECT eu_ceiling_cents::text, eu_due_cents::text, paid_cents::text, recovered_cents::text, released_cents::text, last_payment_on::text, retention_end::text, closed_at FROM operation_closure WHERE application_id = $1`,
      ),
    ]);
    const names = ['operation', 'bilans', 'verifications', 'paiements', 'recouvrements', 'irregularites', 'cloture'];
    return [...files, ...names.map((n, i) => ({ path: `donnees/${n}.json`, origin: 'data' as const, data: json(data[i]) }))];
  }

  private async write(
    path: string,
    applicationId: string,
    sources: Source[],
    mtime: Date,
  ): Promise<{ manifest: { applicationId: string; generatedAt: string; files: ManifestEntry[] }; size: number; sha256: string }> {
    const out = createWriteStream(path);
    const closed = once(out, 'close');
    const files: ManifestEntry[] = [];
    try {
      for (const s of sources) {
        if (s.data) {
          await put(out, tarHeader(s.path, s.data.length, mtime));
          await put(out, s.data);
          await put(out, tarPadding(s.data.length));
          files.push({ path: s.path, sha256: createHash('sha256').update(s.data).digest('hex'), sizeBytes: s.data.length, origin: s.origin });
          continue;
        }
        const size = await this.objects.size(s.storageKey!);
        if (size === null) throw new Error(`stored object missing for ${s.path}`);
        await put(out, tarHeader(s.path, size, mtime));
        const hash = createHash('sha256');
        for await (const chunk of await this.objects.get(s.storageKey!)) {
          hash.update(chunk as Buffer);
          await put(out, chunk as Buffer);
        }
        await put(out, tarPadding(size));
        files.push({ path: s.path, sha256: hash.digest('hex'), sizeBytes: size, origin: s.origin, storageKey: s.storageKey });
      }
      const manifest = { applicationId, generatedAt: mtime.toISOString(), files };
      const bytes = Buffer.from(JSON.stringify(manifest, null, 2) + '\n', 'utf8');
      await put(out, tarHeader('manifest.json', bytes.length, mtime));
      await put(out, bytes);
      await put(out, tarPadding(bytes.length));
      await put(out, TAR_END);
    } catch (e) {
      out.destroy();
      throw e;
    }
    out.end();
    await closed;
    const { size } = await stat(path);
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
    return { manifest: { applicationId, generatedAt: mtime.toISOString(), files }, size, sha256: hash.digest('hex') };
  }
}

function put(out: WriteStream, chunk: Buffer): Promise<void> {
  if (out.write(chunk)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onError = (e: Error): void => reject(e);
    out.once('error', onError);
    out.once('drain', () => {
      out.off('error', onError);
      resolve();
    });
  });
}
