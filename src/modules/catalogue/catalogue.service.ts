import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../../common/actor/actor';
import { AuditService } from '../../common/audit/audit.service';
import { DomainError, type FieldError } from '../../common/errors/domain-error';
import { staleVersion } from '../../common/http/etag';
import type { AuthUser } from '../auth/auth-context';
import { CatalogueRepository, type PublicationRow } from './catalogue.repository';
export type { OperationPage } from './domain/operation-page';
import { type CatalogueQuery, parseCatalogueQuery, type RawCatalogueQuery } from './domain/catalogue-query';
import { type OperationPage, toOperationPage } from './domain/operation-page';
import type { DepartementFigure } from './domain/departement-map';
import { type PublishedOperation, toPublishedOperation } from './domain/published-operation';
import { PUBLISHED_STATUSES } from './domain/catalogue-query';

export interface PublicationChoices {
  applicationId: string;
  publicContact: string | null;
  seeksPartners: boolean;
  /** True once the dossier is programmed: the choices are then visible in the public catalogue. */
  published: boolean;
  version: number;
}

const notFound = () => new DomainError('NOT_FOUND', "Ce projet n'existe pas ou n'est pas publié.");
const CONTACT_MAX = 300;

/** The public catalogue of programmed operations (CPR art. 49(3)) and the beneficiary's publication choices. */
@Injectable()
export class CatalogueService {
  constructor(
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
    private readonly repository: CatalogueRepository,
  ) {}

  /** Validates the search; a bad parameter answers 400 with every problem listed. */
  parse(raw: RawCatalogueQuery): CatalogueQuery {
    const { query, errors } = parseCatalogueQuery(raw);
    if (errors.length) throw new DomainError('VALIDATION_FAILED', 'Paramètres de recherche invalides.', { errors });
    return query;
  }

  async search(query: CatalogueQuery): Promise<OperationPage> {
    return toOperationPage(await this.repository.page(query), query);
  }

  byDepartement(query: CatalogueQuery): Promise<DepartementFigure[]> {
    return this.repository.byDepartement(query);
  }

  async get(code: string): Promise<PublishedOperation> {
    if (!/^AAP-\d{4}-\d{6}$/.test(code)) throw notFound();
    const row = await this.repository.byNumber(code);
    if (!row) throw notFound();
    return toPublishedOperation(row);
  }

  async publication(user: AuthUser, applicationId: string): Promise<PublicationChoices> {
    const row = await this.repository.publicationForMember(user.id, applicationId);
    if (!row) throw new DomainError('NOT_FOUND', "Ce dossier n'existe pas ou ne vous est pas accessible.");
    return choices(row);
  }

  /**
   * The beneficiary's choices: a public contact (or none) and whether it seeks partners to replicate the project.
   * Members of the owning organisation only; any status, since a programmed operation must be able to change them.
   */
  async updatePublication(
    user: AuthUser,
    actor: Actor,
    applicationId: string,
    input: { publicContact?: unknown; seeksPartners?: unknown },
    expectedVersion: number,
  ): Promise<PublicationChoices> {
    const value = validateChoices(input);
    return this.dataSource.transaction(async (em) => {
      const row = await this.repository.publicationForMember(user.id, applicationId, em, true);
      if (!row) throw new DomainError('NOT_FOUND', "Ce dossier n'existe pas ou ne vous est pas accessible.");
      if (row.version !== expectedVersion) throw staleVersion('Les choix de publication');
      const version = await this.repository.savePublication(em, applicationId, user.id, value, expectedVersion);
      if (version === null) throw staleVersion('Les choix de publication');
      await this.audit.record(em, actor, {
        action: 'application.publication.updated',
        subjectType: 'application',
        subjectId: applicationId,
        before: { publicContact: row.publicContact, seeksPartners: row.seeksPartners },
        after: value,
      });
      return choices({ ...row, ...value, version });
    });
  }
}

function choices(row: PublicationRow): PublicationChoices {
  return {
    applicationId: row.applicationId,
    publicContact: row.publicContact,
    seeksPartners: row.seeksPartners,
    published: (PUBLISHED_STATUSES as readonly string[]).includes(row.status),
    version: row.version,
  };
}

/** Field errors are reported together; an empty contact means "no public contact". */
export function validateChoices(input: { publicContact?: unknown; seeksPartners?: unknown }): { publicContact: string | null; seeksPartners: boolean } {
  const errors: FieldError[] = [];
  let publicContact: string | null = null;
  if (input.publicContact !== undefined && input.publicContact !== null) {
    if (typeof input.publicContact !== 'string') errors.push({ path: 'publicContact', code: 'INVALID', message: 'Le contact public doit être un texte.' });
    else {
      const t = input.publicContact.trim();
      if (t.length > CONTACT_MAX)
        errors.push({ path: 'publicContact', code: 'TOO_LONG', message: `Le contact public ne peut pas dépasser ${CONTACT_MAX} caractères.` });
      else if (/[\r\n]/.test(t)) errors.push({ path: 'publicContact', code: 'INVALID', message: 'Le contact public tient sur une ligne.' });
      else publicContact = t === '' ? null : t;
    }
  }
  if (typeof input.seeksPartners !== 'boolean') errors.push({ path: 'seeksPartners', code: 'INVALID', message: 'Répondez par oui ou par non.' });
  if (errors.length) throw new DomainError('VALIDATION_FAILED', 'Choix de publication invalides.', { errors });
  return { publicContact, seeksPartners: input.seeksPartners as boolean };
}
