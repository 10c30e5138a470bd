import { MailModule } from '../mail/mail.module';
import { Module } from '@nestjs/common';
import { IdentityChangesController } from './identity-changes.controller';
import { IdentityChangesPagesController } from './identity-changes-pages.controller';
import { IdentityChangesRepository } from './identity-changes.repository';
import { IdentityChangesService } from './identity-changes.service';
import { InvitationsWebController } from './invitations-web.controller';
import { InvitationsController } from './invitations.controller';
import { InvitationsRepository } from './invitations.repository';
import { InvitationsService } from './invitations.service';
import { OrganisationsWebController } from './organisations-web.controller';
import { OrganisationsController } from './organisations.controller';
import { OrganisationsRepository } from './organisations.repository';
import { OrganisationsService } from './organisations.service';

/** Organisations (structures), their members and invitations: API and pages. */
@Module({
  imports: [MailModule],
  controllers: [
    IdentityChangesController,
    IdentityChangesPagesController,
    InvitationsController,
    InvitationsWebController,
    OrganisationsController,
    OrganisationsWebController,
  ],
  providers: [IdentityChangesRepository, IdentityChangesService, InvitationsRepository, InvitationsService, OrganisationsRepository, OrganisationsService],
  exports: [OrganisationsService],
})
export class OrganisationsModule {}
