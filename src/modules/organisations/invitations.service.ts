import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../../common/actor/actor';
import { AuditService } from '../../common/audit/audit.service';
import { DomainError } from '../../common/errors/domain-error';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import type { AuthUser } from '../auth/auth-context';
import { newToken, tokenId } from '../auth/tokens';
import { MailService } from '../mail/mail.service';
import { frenchDateTime } from '../../common/fr';
import { invitationExpiry, invitationStatus, looksLikeInvitationToken } from './domain/invitation';
import type { AcceptedInvitationResponse, CreatedInvitationResponse, InvitationResponse } from './dto/invitation.response';
import { type InvitationRow, InvitationsRepository, type InvitationWithOrganisation } from './invitations.repository';
import { isUniqueViolation, isUuid } from './organisation-errors';
import { OrganisationsRepository } from './organisations.repository';
import { OrganisationsService } from './organisations.service';

/** What the invitation page may show for a token: nothing (404) unless it is open. */
export type InvitationPreview =
  | { state: 'SIGN_IN' | 'ACCEPT' | 'OTHER_ACCOUNT'; organisationName: string; expiresAt: Date }
  | { state: 'ALREADY_MEMBER'; organisationName: string; organisationId: string; expiresAt: Date };

/**
 * Invitations to join an organisation. The token is 256 random bits, shown once in the link and stored only as its
 * SHA-256. Accepting needs a signed-in applicant whose e-mail is the invited one; every other case is a 404, so a
 * token reveals nothing to the wrong account through the API.
 */
@Injectable()
export class InvitationsService {
  private readonly logger = new Logger(InvitationsService.name);

  constructor(
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly invitations: InvitationsRepository,
    private readonly mail: MailService,
    private readonly organisations: OrganisationsService,
    private readonly organisationsRepository: OrganisationsRepository,
  ) {}

  async create(user: AuthUser, actor: Actor, organisationId: string, rawEmail: string): Promise<CreatedInvitationResponse> {
    const email = rawEmail.toLowerCase();
    const token = newToken();
    const now = new Date();
    const { invitation } = await this.dataSource
      .transaction(async (em) => {
        const org = await this.organisations.manageable(user, organisationId, em);
        if (await this.organisationsRepository.isMemberByEmail(organisationId, email, em)) {
          const message = 'Cette personne est déjà membre de la structure.';
          throw new DomainError('ALREADY_MEMBER', message, { errors: [{ path: 'email', code: 'ALREADY_MEMBER', message }] });
        }
        const closedExpired = await this.invitations.closeExpired(em, organisationId, email, now);
        const inv = await this.invitations.insert(em, {
          organisationId,
          email,
          tokenHash: tokenId(token),
          invitedBy: user.id,
          createdAt: now,
          expiresAt: invitationExpiry(now),
        });
        // The invitation mail commits with the invitation (outbox); the link lives in the mail row, never in a job or a log.
        await this.mail.toAddress(em, email, {
          template: 'invitation',
          eventKey: `invitation.created:${inv.id}`,
          params: { organisationName: org.legalName, link: `${this.config.http.publicUrl}/invitations/${token}`, expiresAt: frenchDateTime(inv.expiresAt) },
        });
        // No e-mail address in the append-only trail: it stays on the invitation row, which can be erased.
        await this.audit.record(em, actor, {
          action: 'invitation.created',
          subjectType: 'organisation_invitation',
          subjectId: inv.id,
          after: { organisationId, expiresAt: inv.expiresAt.toISOString(), closedExpired },
        });
        return { invitation: inv };
      })
      .catch((e: unknown) => {
        if (!isUniqueViolation(e, 'organisation_invitation_pending_key')) throw e;
        const message = 'Une invitation est déjà en attente pour cette adresse. Révoquez-la pour en envoyer une nouvelle.';
        throw new DomainError('INVITATION_PENDING', message, { errors: [{ path: 'email', code: 'INVITATION_PENDING', message }] });
      });
    const link = `${this.config.http.publicUrl}/invitations/${token}`;
    this.logger.log(`invitation ${invitation.id} created and mailed [correlationId=${actor.correlationId}]`);
    return { ...toInvitationResponse(invitation, now), link };
  }

  async list(user: AuthUser, organisationId: string): Promise<InvitationResponse[]> {
    await this.organisations.manageable(user, organisationId);
    const now = new Date();
    return (await this.invitations.listForOrganisation(organisationId)).map((i) => toInvitationResponse(i, now));
  }

  async revoke(user: AuthUser, actor: Actor, organisationId: string, invitationId: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      await this.organisations.manageable(user, organisationId, em);
      const revoked = isUuid(invitationId) ? await this.invitations.revoke(em, organisationId, invitationId) : null;
      if (!revoked) throw new DomainError('NOT_FOUND', "Cette invitation n'existe pas ou n'est plus en attente.");
      await this.audit.record(em, actor, {
        action: 'invitation.revoked',
        subjectType: 'organisation_invitation',
        subjectId: revoked.id,
        after: { organisationId },
      });
    });
  }

  async accept(user: AuthUser, actor: Actor, token: string): Promise<AcceptedInvitationResponse> {
    const now = new Date();
    return this.dataSource.transaction(async (em) => {
      const inv = looksLikeInvitationToken(token) ? await this.invitations.findByTokenHash(tokenId(token), em, true) : null;
      const refusal = !inv ? 'unknown token' : this.refusal(inv, user, now);
      if (!inv || refusal) {
        this.logger.warn(`invitation ${inv?.id ?? '(unknown)'} not accepted by user ${user.id}: ${refusal} [correlationId=${actor.correlationId}]`);
        throw new DomainError('NOT_FOUND', "Cette invitation n'existe pas, n'est plus valable ou est destinée à une autre adresse électronique.");
      }
      const added = await this.organisationsRepository.insertMember(em, inv.organisationId, user.id, 'MEMBER');
      await this.invitations.markAccepted(em, inv.id, user.id);
      const memberRole = added ? 'MEMBER' : ((await this.organisationsRepository.findWithMembership(inv.organisationId, user.id, em))?.memberRole ?? 'MEMBER');
      await this.audit.record(em, actor, {
        action: 'invitation.accepted',
        subjectType: 'organisation_invitation',
        subjectId: inv.id,
        after: { organisationId: inv.organisationId, userId: user.id, memberRole, alreadyMember: !added },
      });
      this.logger.log(`invitation ${inv.id} accepted by user ${user.id} [correlationId=${actor.correlationId}]`);
      return { organisationId: inv.organisationId, legalName: inv.legalName, memberRole };
    });
  }

  /** For the invitation page: what to offer the visitor, or `null` (404) when the token is not an open invitation. */
  async preview(token: string, user: AuthUser | null): Promise<InvitationPreview | null> {
    const inv = looksLikeInvitationToken(token) ? await this.invitations.findByTokenHash(tokenId(token)) : null;
    if (!inv || invitationStatus(inv, new Date()) !== 'PENDING') return null;
    const base = { organisationName: inv.legalName, expiresAt: inv.expiresAt };
    if (!user) return { state: 'SIGN_IN', ...base };
    if (!user.roles.includes('APPLICANT')) return null;
    if (inv.email !== user.email.toLowerCase()) return { state: 'OTHER_ACCOUNT', ...base };
    const membership = await this.organisationsRepository.findWithMembership(inv.organisationId, user.id);
    if (membership?.memberRole) return { state: 'ALREADY_MEMBER', organisationId: inv.organisationId, ...base };
    return { state: 'ACCEPT', ...base };
  }

  /**
   * The link of an invitation just created, shown once on the organisation page after the redirect. The token comes
   * back from a short-lived cookie, so it is checked: an open invitation of this very organisation, or nothing.
   */
  async justCreated(organisationId: string, token: string): Promise<{ id: string; email: string; link: string; expiresAt: Date } | null> {
    const inv = looksLikeInvitationToken(token) ? await this.invitations.findByTokenHash(tokenId(token)) : null;
    if (!inv || inv.organisationId !== organisationId || invitationStatus(inv, new Date()) !== 'PENDING') return null;
    return { id: inv.id, email: inv.email, link: `${this.config.http.publicUrl}/invitations/${token}`, expiresAt: inv.expiresAt };
  }

  private refusal(inv: InvitationWithOrganisation, user: AuthUser, now: Date): string | null {
    const status = invitationStatus(inv, now);
    if (status !== 'PENDING') return status.toLowerCase();
    if (!user.roles.includes('APPLICANT')) return 'not an applicant';
    if (inv.email !== user.email.toLowerCase()) return 'e-mail differs';
    return null;
  }
}

function toInvitationResponse(i: InvitationRow, now: Date): InvitationResponse {
  return {
    id: i.id,
    organisationId: i.organisationId,
    email: i.email,
    status: invitationStatus(i, now),
    invitedBy: i.invitedBy,
    createdAt: i.createdAt.toISOString(),
    expiresAt: i.expiresAt.toISOString(),
    acceptedAt: i.acceptedAt?.toISOString() ?? null,
    revokedAt: i.revokedAt?.toISOString() ?? null,
  };
}
