import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-context';
import { DOCUMENT_KIND_SPECS } from './domain/document-kinds';
import { DocumentsService } from './documents.service';
import type { DocumentResponse } from './dto/request-document.dto';
import { frenchDateTime, frenchSize } from '../../common/fr';

export interface GeneratedDocumentItem {
  id: string;
  label: string;
  version: number;
  status: 'PENDING' | 'READY' | 'FAILED';
  statusText: string;
  createdAtText: string;
  sizeText: string | null;
  href: string | null;
  /** Why the production failed, for staff pages only (the committee's minutes); null otherwise. */
  failureReason: string | null;
}

const STATUS_TEXT = { PENDING: 'En cours de production', READY: 'Disponible', FAILED: 'Échec de la production' } as const;

/** The context of `templates/views/documents/_generated-documents.njk` for a dossier or committee session page. */
@Injectable()
export class GeneratedDocumentsView {
  constructor(private readonly documents: DocumentsService) {}

  async forApplication(user: AuthUser, applicationId: string): Promise<GeneratedDocumentItem[]> {
    return (await this.documents.listForApplication(user, applicationId)).map(toItem);
  }

  /** The minutes of each committee session the user may read (empty lists for the others). */
  async forSessions(user: AuthUser, sessionIds: readonly string[]): Promise<Map<string, GeneratedDocumentItem[]>> {
    const bySession = await this.documents.listForSessions(user, sessionIds);
    // Only staff read a session's documents: the reason of a failed production is shown to them (docs/ui.md, minutes).
    return new Map(sessionIds.map((id) => [id, (bySession.get(id) ?? []).map((d) => ({ ...toItem(d), failureReason: d.failureReason ?? null }))]));
  }
}

function toItem(d: DocumentResponse): GeneratedDocumentItem {
  return {
    id: d.id,
    label: DOCUMENT_KIND_SPECS[d.kind].label,
    version: d.version,
    status: d.status,
    statusText: STATUS_TEXT[d.status],
    createdAtText: frenchDateTime(new Date(d.createdAt)),
    sizeText: d.sizeBytes === null ? null : frenchSize(d.sizeBytes),
    href: d.status === 'READY' ? `/documents/${d.id}/telecharger` : null,
    failureReason: null,
  };
}
