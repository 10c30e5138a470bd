import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../common/actor/actor';
import { Authenticated, Roles } from '../auth/access.decorator';
import { type AuthContext, CurrentActor, CurrentAuth } from '../auth/auth-context';
import { CreateInvitationDto } from './dto/create-invitation.dto';
import { AcceptedInvitationResponse, CreatedInvitationResponse, InvitationResponse } from './dto/invitation.response';
import { InvitationsService } from './invitations.service';

@ApiTags('organisations')
@ApiBearerAuth()
@Controller('api/v1')
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @ApiOperation({ summary: "Inviter une personne à rejoindre l'organisation" })
  @Post('organisations/:id/invitations')
  @Roles('APPLICANT')
  @ApiCreatedResponse({ type: CreatedInvitationResponse, description: "Réservé aux responsables (OWNER). Le lien n'est renvoyé qu'une fois." })
  create(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() dto: CreateInvitationDto,
  ): Promise<CreatedInvitationResponse> {
    return this.invitations.create(auth.user, actor, id, dto.email);
  }

  @ApiOperation({ summary: "Lister les invitations de l'organisation" })
  @Get('organisations/:id/invitations')
  @Roles('APPLICANT')
  @ApiOkResponse({ type: [InvitationResponse], description: 'Réservé aux responsables (OWNER) ; les 100 plus récentes.' })
  list(@CurrentAuth() auth: AuthContext, @Param('id') id: string): Promise<InvitationResponse[]> {
    return this.invitations.list(auth.user, id);
  }

  @ApiOperation({ summary: 'Révoquer une invitation' })
  @Delete('organisations/:id/invitations/:invitationId')
  @Roles('APPLICANT')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Invitation révoquée ; 404 si elle est inconnue ou déjà close.' })
  revoke(@CurrentAuth() auth: AuthContext, @CurrentActor() actor: Actor, @Param('id') id: string, @Param('invitationId') invitationId: string): Promise<void> {
    return this.invitations.revoke(auth.user, actor, id, invitationId);
  }

  @ApiOperation({ summary: 'Accepter une invitation' })
  @Post('invitations/:token/accept')
  @Authenticated()
  @HttpCode(200)
  @ApiOkResponse({ type: AcceptedInvitationResponse, description: "Porteur connecté avec l'adresse invitée ; 404 dans tous les autres cas." })
  accept(@CurrentAuth() auth: AuthContext, @CurrentActor() actor: Actor, @Param('token') token: string): Promise<AcceptedInvitationResponse> {
    return this.invitations.accept(auth.user, actor, token);
  }
}
