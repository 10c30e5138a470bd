import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor/actor';
import { AuditService } from '../../common/audit/audit.service';
import { DomainError } from '../../common/errors/domain-error';
import { OutboxRelay } from '../../common/outbox/outbox.relay';
import { ACCEPTED_TYPES_TEXT } from '../applications/application-documents.use-case';
import type { AuthUser } from '../auth/auth-context';
import { sanitizeFileName } from '../files/domain/content-disposition';
import { detectFileType, extensionMatches } from '../files/domain/detect-file-type';
import { FileStorage } from '../files/file-storage.service';
import { receiveOneFile } from '../files/receive-one-file';
import { type StreamedUpload, tooLarge } from '../files/upload-stream';
import { InboxService } from '../mail/inbox.service';
import { MailService } from '../mail/mail.service';
import { DossierMessagesRepository, type DossierFacts, type NewMessageFile, type ThreadMessage, type UnreadRow } from './dossier-messages.repository';
import {
  BODY_MAX,
  cannotWrite,
  type MessageInput,
  messageProblems,
  type MessageSide,
  replySubject,
  type ThreadAccess,
  threadAccess,
} from './domain/message-rules';

export type { ThreadMessage, UnreadRow } from './dossier-messages.repository';

const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

/** A received attachment, not yet checked nor stored (a temporary file). */
export interface Attachment {
  upload: StreamedUpload;
  originalName: string;
}

/** One page of the thread for the API, with what the person may do and how much they have not read. */
export interface ThreadPage {
  side: MessageSide;
  messages: ThreadMessage[];
  hasMore: boolean;
  unread: number;
  writeRefusal: string | null;
}

export interface Thread {
  dossier: DossierFacts;
  side: MessageSide;
  messages: ThreadMessage[];
  /** Why the person cannot write now, or null. */
  writeRefusal: string | null;
}

/**
 * Two-way messages on a dossier (docs/domain/messages.md): the intermediate body writes, the applicant answers, both
 * read the same thread. Access is decided on the dossier itself (its organisation, its instructor) before anything is
 * read; a message and its attachment are stored with their audit row and the other side's mail in one transaction.
 */
@Injectable()
export class DossierMessagesService {
  constructor(
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
    private readonly inbox: InboxService,
    private readonly mail: MailService,
    private readonly relay: OutboxRelay,
    private readonly repo: DossierMessagesRepository,
    private readonly storage: FileStorage,
  ) {}

  /** How the person reaches the thread; an unknown dossier and one they may not see answer the same 404. */
  async access(user: AuthUser, applicationId: string, em?: EntityManager): Promise<{ dossier: DossierFacts; access: ThreadAccess }> {
    const dossier = await this.repo.dossier(applicationId, em);
    const access = dossier
      ? threadAccess({ roles: user.roles, userId: user.id, member: await this.repo.isMember(dossier.organisationId, user.id, em) }, dossier)
      : null;
    if (!dossier || !access) throw new DomainError('NOT_FOUND', 'Dossier introuvable.');
    return { dossier, access };
  }

  /** The thread, marked read up to now for this person (the unread counts drop). */
  async read(user: AuthUser, applicationId: string): Promise<Thread> {
    const { dossier, access } = await this.access(user, applicationId);
    const messages = await this.repo.thread(applicationId);
    await this.seen(
      user,
      applicationId,
      messages.map((m) => m.id),
    );
    return {
      dossier,
      side: access.side,
      messages,
      writeRefusal: cannotWrite(access, { submitted: dossier.submitted, staffHasWritten: messages.some((m) => m.authorSide === 'STAFF') }),
    };
  }

  /** One page of the thread, oldest first, without marking it read (the API marks it read on its own request). */
  async page(user: AuthUser, applicationId: string, limit: number, after: { at: string; id: string } | null): Promise<ThreadPage> {
    const { dossier, access } = await this.access(user, applicationId);
    const rows = await this.repo.threadPage(applicationId, limit + 1, after);
    const staffHasWritten = await this.repo.hasStaffMessage(this.dataSource.manager, applicationId);
    return {
      side: access.side,
      messages: rows.slice(0, limit),
      hasMore: rows.length > limit,
      unread: await this.repo.unreadIn(applicationId, user.id, otherSide(access.side)),
      writeRefusal: cannotWrite(access, { submitted: dossier.submitted, staffHasWritten }),
    };
  }

  /** Marks the thread read up to now for this person, and the inbox copies of its messages. */
  async markRead(user: AuthUser, applicationId: string): Promise<void> {
    await this.access(user, applicationId);
    await this.seen(user, applicationId, await this.repo.messageIds(applicationId));
  }

  /**
   * Who writes on this thread, checked before a byte of an attachment is read: an unknown dossier, or one this person
   * may not see, is a 404; one they may not write on now (not submitted, not assigned, nobody wrote yet) a 409.
   */
  async writer(user: AuthUser, applicationId: string): Promise<MessageSide> {
    const { dossier, access } = await this.access(user, applicationId);
    const refusal = cannotWrite(access, {
      submitted: dossier.submitted,
      staffHasWritten: await this.repo.hasStaffMessage(this.dataSource.manager, applicationId),
    });
    if (refusal) throw new DomainError('CONFLICT', refusal);
    return access.side;
  }

  /** The message form, multipart (`_csrf` first for a page, then `subject`, `body`, an optional `file`). */
  async receive(req: FastifyRequest): Promise<{ input: MessageInput; attachment: Attachment | null }> {
    if (!req.isMultipart()) throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Envoyez le message en multipart/form-data.');
    if (Number(req.headers['content-length'] ?? 0) > this.storage.maxUploadBytes + MULTIPART_OVERHEAD_BYTES) throw tooLarge(this.storage.maxUploadBytes);
    const { upload, originalName, fields } = await receiveOneFile(req, this.storage, {
      fields: ['subject', 'body'],
      fieldMaxChars: BODY_MAX * 2,
      failure: "L'envoi du message a échoué (formulaire incomplet ou interrompu).",
    });
    return { input: { subject: fields.subject ?? '', body: fields.body ?? '' }, attachment: upload ? { upload, originalName } : null };
  }

  /** A message from the page's multipart form; a refusal carries what was typed, for the form to show it again. */
  async post(user: AuthUser, actor: Actor, applicationId: string, req: FastifyRequest): Promise<string> {
    await this.writer(user, applicationId);
    const { input, attachment } = await this.receive(req);
    try {
      return (await this.send(user, actor, applicationId, input, attachment)).id;
    } catch (e) {
      // The page shows the refusal in the form with what was typed (the attachment must be chosen again).
      throw e instanceof DomainError ? new DomainError(e.code, e.message, { ...e.details, typed: input }) : e;
    }
  }

  /**
   * Checks the message and its attachment (type by magic bytes and matching extension), stores the file, then the
   * message with its audit row and the other side's mail in one transaction; `finish` runs in that transaction (the
   * API stores its idempotent answer there). The temporary upload is always discarded.
   */
  async send(
    user: AuthUser,
    actor: Actor,
    applicationId: string,
    input: MessageInput,
    attachment: Attachment | null,
    finish?: (em: EntityManager, message: ThreadMessage) => Promise<void>,
  ): Promise<ThreadMessage> {
    const upload = attachment?.upload ?? null;
    try {
      const { access } = await this.access(user, applicationId);
      const problems = messageProblems(access.side, input);
      if (problems.length) throw new DomainError('VALIDATION_FAILED', 'Le message ne peut pas être envoyé.', { errors: problems });
      let file: NewMessageFile | null = null;
      if (attachment && upload && upload.sizeBytes > 0) {
        const detected = await detectFileType(upload.head);
        if (!detected || !extensionMatches(attachment.originalName, detected)) {
          throw new DomainError(
            'UNSUPPORTED_FILE_TYPE',
            `Ce fichier n'est pas d'un type accepté (${ACCEPTED_TYPES_TEXT}) ou son extension ne correspond pas à son contenu.`,
            {
              errors: [{ path: 'file', code: 'UNSUPPORTED_FILE_TYPE', message: `Joignez un fichier d'un type accepté (${ACCEPTED_TYPES_TEXT}).` }],
            },
          );
        }
        const committed = await this.storage.commit(upload, detected.mediaType);
        file = {
          originalName: sanitizeFileName(attachment.originalName, detected.extension),
          storageKey: committed.storageKey,
          mediaType: detected.mediaType,
          sizeBytes: upload.sizeBytes,
          sha256: upload.sha256,
          scanStatus: committed.scanStatus,
        };
      }
      try {
        const message = await this.store(user, actor, applicationId, input, file, finish);
        this.relay.kick();
        return message;
      } catch (e) {
        if (file) await this.storage.remove(file.storageKey);
        throw e;
      }
    } finally {
      if (upload) await this.storage.discard(upload);
    }
  }

  /** Drops a received attachment that will not be sent (an idempotent replay, a refused key). */
  async discard(attachment: Attachment | null): Promise<void> {
    if (attachment) await this.storage.discard(attachment.upload);
  }

  async openFile(
    user: AuthUser,
    applicationId: string,
    fileId: string,
  ): Promise<{ file: { originalName: string; mediaType: string; sizeBytes: number; sha256: string }; stream: Readable }> {
    await this.access(user, applicationId);
    const file = await this.repo.file(applicationId, fileId);
    if (!file) throw new DomainError('NOT_FOUND', "Ce fichier n'existe pas.");
    return { file, stream: await this.storage.open(file.storageKey) };
  }

  /** Unread messages per dossier for the home pages and the menu: from the intermediate body to a member, from applicants to their instructor. */
  async unread(user: AuthUser): Promise<{ total: number; dossiers: (UnreadRow & { forRole: 'APPLICANT' | 'INSTRUCTOR' })[] }> {
    const rows = [
      ...(user.roles.includes('APPLICANT') ? (await this.repo.unreadForMember(user.id)).map((r) => ({ ...r, forRole: 'APPLICANT' as const })) : []),
      ...(user.roles.includes('INSTRUCTOR') ? (await this.repo.unreadForInstructor(user.id)).map((r) => ({ ...r, forRole: 'INSTRUCTOR' as const })) : []),
    ];
    return { total: rows.reduce((n, r) => n + r.unread, 0), dossiers: rows };
  }

  private async store(
    user: AuthUser,
    actor: Actor,
    applicationId: string,
    input: MessageInput,
    file: NewMessageFile | null,
    finish?: (em: EntityManager, message: ThreadMessage) => Promise<void>,
  ): Promise<ThreadMessage> {
    return this.dataSource.transaction(async (em) => {
      // Checked again under a lock: the assignment may have changed since the form was read.
      const { dossier, access } = await this.access(user, applicationId, em);
      const side = access.side;
      const refusal = cannotWrite(access, { submitted: dossier.submitted, staffHasWritten: await this.repo.hasStaffMessage(em, applicationId) });
      if (refusal) throw new DomainError('CONFLICT', refusal);
      const subject = side === 'STAFF' ? input.subject.trim() : replySubject(await this.repo.lastStaffSubject(em, applicationId));
      const messageId = await this.repo.insert(em, {
        applicationId,
        kind: side === 'STAFF' ? 'MESSAGE' : 'REPLY',
        subject,
        body: input.body.trim(),
        authorId: user.id,
        authorSide: side,
      });
      const fileId = file ? await this.repo.insertFile(em, messageId, user.id, file) : null;
      await this.audit.record(em, actor, {
        action: 'application.message_sent',
        subjectType: 'application',
        subjectId: applicationId,
        after: { messageId, side, subject, ...(file ? { fileId, mediaType: file.mediaType, sizeBytes: file.sizeBytes, sha256: file.sha256 } : {}) },
      });
      const params = { applicationId, number: dossier.number ?? '', title: dossier.title ?? '', subject, fromApplicant: side === 'APPLICANT' };
      const mail = { template: 'dossier-message', params, eventKey: messageEvent(messageId) };
      // The other side: every member of the organisation, or the assigned instructor (none yet: the thread waits for one).
      if (side === 'STAFF') await this.mail.toOrganisation(em, dossier.organisationId, mail);
      else if (dossier.instructorId) await this.mail.toUser(em, dossier.instructorId, mail);
      const message = await this.repo.message(em, messageId);
      if (finish) await finish(em, message);
      return message;
    });
  }

  private async seen(user: AuthUser, applicationId: string, messageIds: readonly string[]): Promise<void> {
    await this.repo.markSeen(applicationId, user.id);
    await this.inbox.markEventsRead(user.id, messageIds.map(messageEvent));
  }
}

const otherSide = (side: MessageSide): MessageSide => (side === 'STAFF' ? 'APPLICANT' : 'STAFF');

/** The mail event of a message: reading the thread marks its inbox copy read. */
const messageEvent = (messageId: string) => `application.message:${messageId}`;
