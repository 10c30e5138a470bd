import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor/actor';
import { AuditService } from '../../common/audit/audit.service';
import { DomainError } from '../../common/errors/domain-error';
import type { AuthUser } from '../auth/auth-context';
import { FINANCE_STAFF } from '../auth/finance-staff';
import { sanitizeFileName } from '../files/domain/content-disposition';
import { detectFileType, extensionMatches } from '../files/domain/detect-file-type';
import { FileStorage } from '../files/file-storage.service';
import { receiveOneFile } from '../files/receive-one-file';
import { tooLarge } from '../files/upload-stream';
import { isValidIban, maskIban, normaliseIban } from './domain/iban';
import { first } from '../../common/collections';

const MULTIPART_OVERHEAD_BYTES = 64 * 1024;
type Runner = DataSource | EntityManager;

export type BankAccountStatus = 'PENDING' | 'VALIDATED' | 'REJECTED' | 'REPLACED';

export interface BankAccountView {
  id: string;
  organisationId: string;
  /** Masked (docs/domain/payments.md): only the payment file carries the full IBAN. */
  ibanMasked: string;
  holder: string;
  bic: string | null;
  status: BankAccountStatus;
  rib: { originalName: string; mediaType: string; sizeBytes: number; sha256: string };
  submittedBy: string;
  submittedAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
  rejectionReason: string | null;
  version: number;
}

interface BankAccountRow extends Omit<BankAccountView, 'ibanMasked' | 'rib'> {
  iban: string;
  ribOriginalName: string;
  ribStorageKey: string;
  ribMediaType: string;
  ribSizeBytes: string;
  ribSha256: string;
}

const SELECT = `SELECT id, organisation_id AS "organisationId", iban, holder, bic, status, rib_original_name AS "ribOriginalName", rib_storage_key AS "ribStorageKey",
  rib_media_type AS "ribMediaType", rib_size_bytes AS "ribSizeBytes", rib_sha256 AS "ribSha256", submitted_by AS "submittedBy", submitted_at AS "submittedAt",
  decided_by AS "decidedBy", decided_at AS "decidedAt", rejection_reason AS "rejectionReason", version FROM bank_account`;

const view = (r: BankAccountRow): BankAccountView => ({
  id: r.id,
  organisationId: r.organisationId,
  ibanMasked: maskIban(r.iban),
  holder: r.holder,
  bic: r.bic,
  status: r.status,
  rib: { originalName: r.ribOriginalName, mediaType: r.ribMediaType, sizeBytes: Number(r.ribSizeBytes), sha256: r.ribSha256 },
  submittedBy: r.submittedBy,
  submittedAt: r.submittedAt,
  decidedBy: r.decidedBy,
  decidedAt: r.decidedAt,
  rejectionReason: r.rejectionReason,
  version: r.version,
});

const notFound = (): DomainError => new DomainError('NOT_FOUND', "Ce compte bancaire n'existe pas ou ne vous est pas accessible.");
const fieldError = (path: string, code: string, message: string): DomainError =>
  new DomainError('VALIDATION_FAILED', message, { errors: [{ path, code, message }] });

/**
 * The beneficiary's bank account (docs/domain/payments.md): an IBAN checked with ISO 13616, backed by an uploaded RIB
 * (same checks as any upload), shown masked. A new or changed IBAN is PENDING until a finance staff member other than
 * the one who entered it validates it (IBAN swap fraud); payments use only the VALIDATED account and are refused while
 * a change is pending.
 */
@Injectable()
export class BankAccountsService {
  constructor(
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
    private readonly storage: FileStorage,
  ) {}

  /** Members of the organisation, and finance staff. */
  async list(user: AuthUser, organisationId: string): Promise<BankAccountView[]> {
    await this.assertReader(user, organisationId);
    const rows: BankAccountRow[] = await this.dataSource.query(`${SELECT} WHERE organisation_id = $1 ORDER BY submitted_at DESC`, [organisationId]);
    return rows.map(view);
  }

  async submit(user: AuthUser, actor: Actor, organisationId: string, req: FastifyRequest): Promise<BankAccountView> {
    await this.assertReader(user, organisationId);
    if (!req.isMultipart())
      throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Envoyez le RIB en multipart/form-data (champs « iban », « holder », fichier « file »).');
    if (Number(req.headers['content-length'] ?? 0) > this.storage.maxUploadBytes + MULTIPART_OVERHEAD_BYTES) throw tooLarge(this.storage.maxUploadBytes);
    const { upload, originalName, fields } = await receiveOneFile(req, this.storage, {
      fields: ['iban', 'holder', 'bic'],
      failure: "L'envoi du RIB a échoué (formulaire multipart invalide ou interrompu).",
    });
    try {
      const iban = normaliseIban(fields.iban ?? '');
      if (!iban) throw fieldError('iban', 'REQUIRED', "Saisissez l'IBAN.");
      if (!isValidIban(iban)) throw fieldError('iban', 'INVALID_IBAN', "Cet IBAN n'est pas valide (longueur ou clé de contrôle ISO 13616 incorrecte).");
      const holder = (fields.holder ?? '').trim();
      if (!holder || holder.length > 200) throw fieldError('holder', 'REQUIRED', 'Indiquez le titulaire du compte (200 caractères au plus).');
      const bic = (fields.bic ?? '').trim().toUpperCase() || null;
      if (bic && !/^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(bic)) throw fieldError('bic', 'INVALID_BIC', "Ce BIC n'est pas valide (8 ou 11 caractères).");
      if (!upload) throw fieldError('file', 'REQUIRED', 'Joignez le RIB (relevé d’identité bancaire).');
      if (upload.sizeBytes === 0) throw fieldError('file', 'EMPTY_FILE', 'Le fichier est vide.');
      const detected = await detectFileType(upload.head);
      if (!detected || !extensionMatches(originalName, detected))
        throw new DomainError('UNSUPPORTED_FILE_TYPE', "Le RIB n'est pas d'un type accepté (PDF, JPEG, PNG) ou son extension ne correspond pas à son contenu.");
      const { storageKey, scanStatus } = await this.storage.commit(upload, detected.mediaType);
      try {
        return await this.dataSource.transaction(async (em) => {
          await em.query(`SELECT 1 FROM organisation WHERE id = $1 FOR UPDATE`, [organisationId]);
          const pending = await em.query<unknown[]>(`SELECT 1 FROM bank_account WHERE organisation_id = $1 AND status = 'PENDING'`, [organisationId]);
          if (pending.length) throw new DomainError('CONFLICT', 'Un changement de coordonnées bancaires attend déjà sa validation.');
          const row = first(
            await em.query<{ id: string }[]>(
              // With the RIB's antivirus outcome (file_scan), in the same statement.
              `WITH scan AS (INSERT INTO file_scan (storage_key, status) VALUES ($6, $11))
             INSERT INTO bank_account (organisation_id, iban, holder, bic, rib_original_name, rib_storage_key, rib_media_type, rib_size_bytes, rib_sha256, submitted_by)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
              [
                organisationId,
                iban,
                holder,
                bic,
                sanitizeFileName(originalName, detected.extension),
                storageKey,
                detected.mediaType,
                upload.sizeBytes,
                upload.sha256,
                user.id,
                scanStatus,
              ],
            ),
            'the inserted bank account',
          );
          // The audit trail keeps the masked IBAN only (no bank details in logs).
          await this.audit.record(em, actor, {
            action: 'bank_account.submitted',
            subjectType: 'organisation',
            subjectId: organisationId,
            after: { bankAccountId: row.id, iban: maskIban(iban), ribSha256: upload.sha256 },
          });
          return this.get(row.id, em);
        });
      } catch (e) {
        await this.storage.remove(storageKey);
        throw e;
      }
    } finally {
      if (upload) await this.storage.discard(upload);
    }
  }

  /** The second pair of eyes: a finance staff member other than the submitter validates or rejects the pending IBAN. */
  async decide(user: AuthUser, actor: Actor, id: string, expectedVersion: number, d: { accept: boolean; reason?: string }): Promise<BankAccountView> {
    if (!isFinance(user)) throw notFound();
    return this.dataSource.transaction(async (em) => {
      const [row]: BankAccountRow[] = await em.query(`${SELECT} WHERE id = $1 FOR UPDATE`, [id]);
      if (!row) throw notFound();
      if (row.status !== 'PENDING') throw new DomainError('CONFLICT', 'Ce compte bancaire a déjà été traité.');
      if (row.version !== expectedVersion) throw new DomainError('PRECONDITION_FAILED', 'Le compte bancaire a changé entre-temps : rechargez la page.');
      if (row.submittedBy === user.id)
        throw new DomainError('FORBIDDEN', 'Vous avez saisi ces coordonnées bancaires : leur validation revient à une autre personne.', { rule: 'FOUR_EYES' });
      const reason = d.reason?.trim() ?? '';
      if (!d.accept && !reason) throw fieldError('reason', 'REQUIRED', 'Indiquez le motif du refus.');
      if (d.accept)
        await em.query(`UPDATE bank_account SET status = 'REPLACED', version = version + 1 WHERE organisation_id = $1 AND status = 'VALIDATED'`, [
          row.organisationId,
        ]);
      await em.query(`UPDATE bank_account SET status = $2, decided_by = $3, decided_at = now(), rejection_reason = $4, version = version + 1 WHERE id = $1`, [
        id,
        d.accept ? 'VALIDATED' : 'REJECTED',
        user.id,
        d.accept ? null : reason,
      ]);
      await this.audit.record(em, actor, {
        action: d.accept ? 'bank_account.validated' : 'bank_account.rejected',
        subjectType: 'organisation',
        subjectId: row.organisationId,
        after: { bankAccountId: id, iban: maskIban(row.iban), ...(d.accept ? {} : { reason }) },
      });
      return this.get(id, em);
    });
  }

  async rib(user: AuthUser, id: string): Promise<{ account: BankAccountView; stream: Readable }> {
    const [row]: BankAccountRow[] = await this.dataSource.query(`${SELECT} WHERE id = $1`, [id]);
    if (!row) throw notFound();
    await this.assertReader(user, row.organisationId);
    return { account: view(row), stream: await this.storage.open(row.ribStorageKey) };
  }

  /**
   * The account a payment to the organisation goes to: the VALIDATED one, and only while no change is pending
   * (a pending change may mean the validated IBAN is no longer the beneficiary's).
   */
  async payableAccount(em: EntityManager, organisationId: string): Promise<{ id: string; iban: string }> {
    const rows: { id: string; iban: string; status: string }[] = await em.query(
      `SELECT id, iban, status FROM bank_account WHERE organisation_id = $1 AND status IN ('VALIDATED','PENDING') FOR SHARE`,
      [organisationId],
    );
    if (rows.some((r) => r.status === 'PENDING'))
      throw new DomainError(
        'BUSINESS_RULE_VIOLATED',
        'Un changement de coordonnées bancaires attend sa validation : aucun paiement ne peut être validé avant.',
        { rule: 'BANK_ACCOUNT_PENDING' },
      );
    const validated = rows.find((r) => r.status === 'VALIDATED');
    if (!validated)
      throw new DomainError('BUSINESS_RULE_VIOLATED', "Le bénéficiaire n'a pas de coordonnées bancaires validées : aucun paiement ne peut être validé.", {
        rule: 'NO_BANK_ACCOUNT',
      });
    return { id: validated.id, iban: validated.iban };
  }

  private async get(id: string, em: Runner): Promise<BankAccountView> {
    const row = first<BankAccountRow>(await em.query(`${SELECT} WHERE id = $1`, [id]), 'the bank account');
    return view(row);
  }

  private async assertReader(user: AuthUser, organisationId: string): Promise<void> {
    const r = first<{ member: boolean; exists: boolean }>(
      await this.dataSource.query(
        `SELECT EXISTS (SELECT 1 FROM organisation WHERE id = $1) AS exists, EXISTS (SELECT 1 FROM organisation_member WHERE organisation_id = $1 AND user_id = $2) AS member`,
        [organisationId, user.id],
      ),
      'the organisation access check',
    );
    if (!r.exists || !(r.member || isFinance(user))) throw new DomainError('NOT_FOUND', "Cette structure n'existe pas ou ne vous est pas accessible.");
  }
}

export function isFinance(user: Pick<AuthUser, 'roles'>): boolean {
  return user.roles.some((r) => FINANCE_STAFF.includes(r));
}
