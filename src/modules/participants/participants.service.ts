import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import type { Actor } from '../../common/actor/actor';
import { AuditService } from '../../common/audit/audit.service';
import { DomainError } from '../../common/errors/domain-error';
import type { AuthUser } from '../auth/auth-context';
import { OutboxRelay } from '../../common/outbox/outbox.relay';
import { DocumentRequests } from '../documents/document-requests.service';
import { ReportAccess } from '../execution-reports/report-access';
import { OperationAccess } from '../operations/operation-access';
import { multipartReader } from '../files/multipart';
import { FileStorage } from '../files/file-storage.service';
import { tooLarge } from '../files/upload-stream';
import { parisToday } from '../operations/domain/dates';
import { validateImport } from './domain/import-table';
import { identityText, parseParticipant, type RawParticipant } from './domain/participant';
import { readTable } from './import-reader';
import { identityKey, ParticipantsRepository } from './participants.repository';
import { first } from '../../common/collections';

/**
 * Participants of an operation (ESF+ Annex I), entered one by one or imported from a file, all or nothing. Personal
 * data: only counts and pseudonymous ids go to the audit trail, never names; the access check comes first.
 */
@Injectable()
export class ParticipantsService {
  constructor(
    private readonly access: ReportAccess,
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
    private readonly documents: DocumentRequests,
    private readonly operations: OperationAccess,
    private readonly participants: ParticipantsRepository,
    private readonly relay: OutboxRelay,
    private readonly storage: FileStorage,
  ) {}

  async list(user: AuthUser, reportId: string) {
    const { report } = await this.access.forParticipants(user, reportId);
    return { reportId, items: await this.participants.list(report.id) };
  }

  async add(user: AuthUser, actor: Actor, reportId: string, raw: RawParticipant): Promise<{ id: string; pseudonym: string }> {
    return this.dataSource.transaction(async (em) => {
      const { report, app } = await this.access.forEdit(user, reportId, em);
      const { value, errors } = parseParticipant(raw, parisToday());
      if (!value) throw new DomainError('VALIDATION_FAILED', `${errors.length} champ(s) invalide(s).`, { errors });
      const identity = identityText(value);
      if ((await this.participants.existingKeys(app.id, em)).has(identityKey(app.id, identity))) {
        throw new DomainError('CONFLICT', 'Ce participant est déjà enregistré pour l’opération (mêmes nom, prénom et date de naissance).');
      }
      await this.participants.insertMany(em, app.id, report.id, [{ ...value, identity }], user.id);
      const row = first<{ id: string; pseudonym: string }>(
        await em.query(`SELECT id, pseudonym FROM participant WHERE application_id = $1 AND identity_key = $2`, [app.id, identityKey(app.id, identity)]),
        'the participant query',
      );
      await this.audit.record(em, actor, {
        action: 'participant.added',
        subjectType: 'execution_report',
        subjectId: reportId,
        after: { pseudonym: row.pseudonym },
      });
      return row;
    });
  }

  /** One participant of the report, for its edit form (members of the operation while the report is a draft). */
  async getOne(user: AuthUser, reportId: string, participantId: string) {
    const { report } = await this.access.forEdit(user, reportId);
    const row = await this.participants.find(report.id, participantId);
    if (!row) throw new DomainError('NOT_FOUND', "Ce participant n'existe pas.");
    return row;
  }

  /** Corrects a participant of a draft report (same pseudonym); the audit row carries the pseudonym only. */
  async update(user: AuthUser, actor: Actor, reportId: string, participantId: string, raw: RawParticipant): Promise<{ id: string; pseudonym: string }> {
    return this.dataSource.transaction(async (em) => {
      const { report, app } = await this.access.forEdit(user, reportId, em);
      const existing = await this.participants.find(report.id, participantId, em);
      if (!existing) throw new DomainError('NOT_FOUND', "Ce participant n'existe pas.");
      const { value, errors } = parseParticipant(raw, parisToday());
      if (!value) throw new DomainError('VALIDATION_FAILED', `${errors.length} champ(s) invalide(s).`, { errors });
      const key = identityKey(app.id, identityText(value));
      const [clash] = await em.query<unknown[]>(`SELECT 1 FROM participant WHERE application_id = $1 AND identity_key = $2 AND id <> $3`, [
        app.id,
        key,
        participantId,
      ]);
      if (clash) throw new DomainError('CONFLICT', 'Ce participant est déjà enregistré pour l’opération (mêmes nom, prénom et date de naissance).');
      await this.participants.update(em, report.id, participantId, value, key);
      await em.query(`UPDATE execution_report SET version = version + 1 WHERE id = $1`, [reportId]);
      await this.audit.record(em, actor, {
        action: 'participant.updated',
        subjectType: 'execution_report',
        subjectId: reportId,
        after: { pseudonym: existing.pseudonym },
      });
      return { id: participantId, pseudonym: existing.pseudonym };
    });
  }

  async remove(user: AuthUser, actor: Actor, reportId: string, participantId: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      await this.access.forEdit(user, reportId, em);
      const [row]: { pseudonym: string }[] = await em.query(`SELECT pseudonym FROM participant WHERE id = $1 AND report_id = $2`, [participantId, reportId]);
      if (!row || !(await this.participants.remove(em, reportId, participantId))) throw new DomainError('NOT_FOUND', "Ce participant n'existe pas.");
      await this.audit.record(em, actor, {
        action: 'participant.removed',
        subjectType: 'execution_report',
        subjectId: reportId,
        before: { pseudonym: row.pseudonym },
      });
    });
  }

  /**
   * Imports a CSV or XLSX file made on the template. Every row is validated before anything is written; one bad row
   * refuses the whole file with a row-by-row report (422 IMPORT_REJECTED, `errors[].row` and `errors[].column`).
   */
  async import(user: AuthUser, actor: Actor, reportId: string, req: FastifyRequest): Promise<{ imported: number }> {
    await this.access.forEdit(user, reportId);
    const bytes = await this.receive(req);
    const table = await readTable(bytes);
    return this.importTable(user, actor, reportId, table);
  }

  /** The validation and the insert of an already-read table (also used by the benchmark). */
  async importTable(user: AuthUser, actor: Actor, reportId: string, table: string[][]): Promise<{ imported: number }> {
    return this.dataSource.transaction(async (em) => {
      const { report, app } = await this.access.forEdit(user, reportId, em);
      const existingKeys = await this.participants.existingKeys(app.id, em);
      // Each identity is hashed once, whether for the "already recorded" check or for the insert.
      const keys = new Map<string, string>();
      const keyOf = (identity: string): string => {
        let key = keys.get(identity);
        if (key === undefined) keys.set(identity, (key = identityKey(app.id, identity)));
        return key;
      };
      const result = validateImport(table, parisToday(), existingKeys.size ? (identity) => existingKeys.has(keyOf(identity)) : undefined);
      if (result.errors.length) {
        throw new DomainError(
          'IMPORT_REJECTED',
          `Import refusé : ${result.errors.length} erreur(s), aucun participant importé. Corrigez le fichier et importez-le à nouveau.`,
          {
            errors: result.errors.slice(0, 500),
            errorCount: result.errors.length,
          },
        );
      }
      if (result.rows.length === 0)
        throw new DomainError('IMPORT_REJECTED', 'Le fichier ne contient aucun participant.', {
          errors: [{ path: 'file', code: 'NO_ROWS', message: 'Aucune ligne de participant.' }],
        });
      const imported = await this.participants.insertMany(em, app.id, report.id, result.rows, user.id, keyOf);
      await em.query(`UPDATE execution_report SET version = version + 1 WHERE id = $1`, [reportId]);
      await this.audit.record(em, actor, { action: 'participant.imported', subjectType: 'execution_report', subjectId: reportId, after: { imported } });
      return { imported };
    });
  }

  /** The participants' information notice of the operation (one document, asked again it is found). */
  async requestNotice(user: AuthUser, actor: Actor, applicationId: string): Promise<{ id: string; status: string }> {
    const doc = await this.dataSource.transaction(async (em) => {
      const app = await this.operations.forRead(user, applicationId, em);
      const requested = await this.documents.request(em, {
        kind: 'PARTICIPANT_NOTICE',
        subjectId: app.id,
        requestKey: `participant-notice-${app.id}`,
        requestedBy: user.id,
      });
      await this.audit.record(em, actor, {
        action: 'document.requested',
        subjectType: 'document',
        subjectId: requested.id,
        after: { kind: 'PARTICIPANT_NOTICE', subjectId: app.id, created: requested.created },
      });
      return requested;
    });
    this.relay.kick();
    return { id: doc.id, status: doc.status };
  }

  private async receive(req: FastifyRequest): Promise<Buffer> {
    if (!req.isMultipart()) throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Envoyez le fichier en multipart/form-data (champ « file »).');
    if (Number(req.headers['content-length'] ?? 0) > this.storage.maxUploadBytes + 64 * 1024) throw tooLarge(this.storage.maxUploadBytes);
    const reader = multipartReader(req);
    let bytes: Buffer | null = null;
    try {
      for (let part = await reader.next(); part; part = await reader.next()) {
        if (part.type !== 'file') continue;
        if (bytes) part.file.resume();
        else {
          bytes = await part.toBuffer();
          if ((part.file as { truncated?: boolean }).truncated) throw tooLarge(this.storage.maxUploadBytes);
        }
      }
    } catch (e) {
      if (e instanceof DomainError) throw e;
      if ((e as { statusCode?: number }).statusCode === 413) throw tooLarge(this.storage.maxUploadBytes);
      throw new DomainError('MALFORMED_REQUEST', "L'envoi du fichier a échoué (formulaire multipart invalide ou interrompu).");
    }
    if (!bytes || bytes.length === 0)
      throw new DomainError('VALIDATION_FAILED', 'Choisissez un fichier à importer.', {
        errors: [{ path: 'file', code: 'REQUIRED', message: 'Choisissez un fichier à importer.' }],
      });
    return bytes;
  }
}
