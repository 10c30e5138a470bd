import { CallEntity } from '../modules/calls/entities/call.entity';
import { OrganisationMemberEntity } from '../modules/organisations/entities/organisation-member.entity';
import { OrganisationInvitationEntity } from '../modules/organisations/entities/organisation-invitation.entity';
import { OrganisationEntity } from '../modules/organisations/entities/organisation.entity';
import { SessionEntity } from '../modules/auth/entities/session.entity';
import { UserEntity } from '../modules/auth/entities/user.entity';

export const entities = [CallEntity, OrganisationEntity, OrganisationInvitationEntity, OrganisationMemberEntity, SessionEntity, UserEntity];
