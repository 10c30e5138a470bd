import { Inject, Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor/actor';
import { AuditService } from '../../common/audit/audit.service';
import { DomainError } from '../../common/errors/domain-error';
import { OutboxRelay } from '../../common/outbox/outbox.relay';
import { OBJECT_STORAGE, type ObjectStorage } from '../files/storage/object-storage';
import type { AuthUser } from '../auth/auth-context';
import { STAFF_ROLES } from '../auth/roles';
import { attachmentDisposition } from '../files/domain/content-disposition';
import { type DecisionSource, DocumentRequests, type RequestedDocument } from './document-requests.service';
import { canRead, canRequest, DOCUMENT_KIND_SPECS, type DocumentKind, type Viewer } from './domain/document-kinds';
import { DocumentsRepository, type GeneratedDocumentRow } from './documents.repository';
import type { DocumentResponse } from './dto/request-document.dto';

const notFound = (): DomainError => new DomainError('NOT_FOUND', "Ce document n'existe pas ou ne vous est pas accessible.");
const notAvailable = (message: string): DomainError => new DomainError('DOCUMENT_NOT_AVAILABLE', message);

interface Subject {
  viewer: Viewer;
  /** Dossier number or session id, for file names. */
  label: string;
  status: string;
}

/** Requesting, describing and delivering generated documents, with object-level access on their subject. */
@Injectable()
export class DocumentsService {
  constructor(
    @Inject(OBJECT_STORAGE) private readonly objects: ObjectStorage,
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
    private readonly documents: DocumentsRepository,
    private readonly relay: OutboxRelay,
    private readonly requests: DocumentRequests,
  ) {}

  async request(user: AuthUser, actor: Actor, kind: DocumentKind, subjectId: string): Promise<RequestedDocument> {
    const result = await this.dataSource.transaction(async (em) => {
      const subject = await this.subject(user, kind, subjectId, em);
      if (!subject || !canRead(kind, subject.viewer)) throw new DomainError('NOT_FOUND', "Ce sujet n'existe pas ou ne vous est pas accessible.");
      if (!canRequest(kind, subject.viewer)) throw new DomainError('FORBIDDEN', 'Vous ne pouvez pas demander ce document.');
      const source = await this.assertAvailable(kind, subjectId, subject, em);
      const requested = await this.requests.request(em, { kind, subjectId, source, requestedBy: user.id });
      await this.audit.record(em, actor, {
        action: 'document.requested',
        subjectType: 'document',
        subjectId: requested.id,
        after: { kind, subjectId, created: requested.created },
      });
      return requested;
    });
    this.relay.kick();
    return result;
  }

  async get(user: AuthUser, id: string): Promise<DocumentResponse> {
    return toResponse((await this.readable(user, id)).doc);
  }

  /** The file of a READY document; 409 while it is being produced or after it failed. */
  async open(user: AuthUser, id: string): Promise<{ doc: GeneratedDocumentRow; disposition: string; stream: Readable }> {
    const { doc, subject } = await this.readable(user, id);
    if (doc.status !== 'READY') {
      throw new DomainError(
        'DOCUMENT_NOT_READY',
        doc.status === 'PENDING'
          ? 'Le document est en cours de production : réessayez dans quelques instants.'
          : 'La production du document a échoué : demandez-la à nouveau.',
        {
          documentStatus: doc.status,
        },
      );
    }
    const name = `${DOCUMENT_KIND_SPECS[doc.kind].fileStem}-${subject.label}-v${doc.version}.pdf`;
    return { doc, disposition: attachmentDisposition(name, 'pdf'), stream: await this.objects.get(doc.storageKey!) };
  }

  /** The generated documents of a dossier that this user may read, newest first. */
  async listForApplication(user: AuthUser, applicationId: string): Promise<DocumentResponse[]> {
    const facts = await this.documents.applicationFacts(user.id, applicationId);
    // The dossier itself: members, or staff but evaluators once submitted (ApplicationAccess.forRead's rule); else 404.
    if (!facts || !(facts.member || (facts.submitted && user.roles.some((r) => STAFF_ROLES.includes(r) && r !== 'EVALUATOR')))) throw notFound();
    const viewer = { roles: user.roles, member: facts.member, subjectSubmitted: facts.submitted };
    return (await this.documents.listForSubject('application', applicationId)).filter((d) => canRead(d.kind, viewer)).map(toResponse);
  }

  /** The generated documents of committee sessions (their minutes) that this user may read, newest first per session. */
  async listForSessions(user: AuthUser, sessionIds: readonly string[]): Promise<Map<string, DocumentResponse[]>> {
    const viewer = { roles: user.roles, member: false, subjectSubmitted: true };
    const out = new Map<string, DocumentResponse[]>();
    for (const d of await this.documents.listForSubjects('committee_session', sessionIds)) {
      if (!canRead(d.kind, viewer)) continue;
      out.set(d.subjectId, [...(out.get(d.subjectId) ?? []), toResponse(d)]);
    }
    return out;
  }

  private async readable(user: AuthUser, id: string): Promise<{ doc: GeneratedDocumentRow; subject: Subject }> {
    const doc = await this.documents.findById(id);
    if (!doc) throw notFound();
    const subject = await this.subject(user, doc.kind, doc.subjectId);
    if (!subject || !canRead(doc.kind, subject.viewer)) throw notFound();
    return { doc, subject };
  }

  private async subject(user: AuthUser, kind: DocumentKind, subjectId: string, em?: EntityManager): Promise<Subject | null> {
    if (DOCUMENT_KIND_SPECS[kind].subjectType === 'committee_session') {
      const status = await this.documents.sessionStatus(subjectId, em);
      return status === null ? null : { viewer: { roles: user.roles, member: false, subjectSubmitted: true }, label: subjectId.slice(0, 8), status };
    }
    const f = await this.documents.applicationFacts(user.id, subjectId, em);
    return f && { viewer: { roles: user.roles, member: f.member, subjectSubmitted: f.submitted }, label: f.number ?? subjectId.slice(0, 8), status: f.status };
  }

  /** 422 when the subject is not in a state that allows the kind (a convention needs a programmed dossier…). */
  private async assertAvailable(kind: DocumentKind, subjectId: string, subject: Subject, em: EntityManager): Promise<DecisionSource | undefined> {
    switch (kind) {
      case 'RECEIPT':
        return undefined; // readable by staff means submitted
      case 'CONVENTION':
        if (!['PROGRAMMED', 'CONVENTION_ISSUED'].includes(subject.status))
          throw notAvailable('Une convention ne peut être établie que pour un dossier programmé.');
        return undefined;
      case 'DECISION_LETTER': {
        const source = await this.documents.decisionSource(subjectId, subject.status, em);
        if (!source) throw notAvailable("Aucune décision n'a été prise sur ce dossier : il n'y a pas de lettre à établir.");
        return source;
      }
      case 'COMMITTEE_MINUTES':
        if (subject.status !== 'CLOSED') throw notAvailable('Le procès-verbal est établi une fois la séance close.');
        return undefined;
      case 'EXECUTION_REPORT':
        throw notAvailable("Le bilan d'exécution est produit au dépôt du bilan.");
      case 'PARTICIPANT_NOTICE':
        return undefined;
      case 'VERIFICATION_REPORT':
        throw notAvailable('Le rapport de contrôle de service fait est produit à la finalisation de la vérification.');
    }
  }
}

export function toResponse(d: GeneratedDocumentRow): DocumentResponse {
  return {
    id: d.id,
    kind: d.kind,
    subjectType: d.subjectType,
    subjectId: d.subjectId,
    version: d.version,
    status: d.status,
    ...(d.failureReason ? { failureReason: d.failureReason } : {}),
    sizeBytes: d.sizeBytes,
    sha256: d.sha256,
    createdAt: d.createdAt,
    readyAt: d.readyAt,
  };
}
