import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SavedViewListResponse, SavedViewResponse } from './dto/instruction.response';
import type { Actor } from '../../common/actor/actor';
import { Roles } from '../auth/access.decorator';
import { type AuthContext, CurrentActor, CurrentAuth } from '../auth/auth-context';
import { CreateSavedViewDto, SavedViewsQuery } from './dto/saved-view.dto';
import { INSTRUCTION_STAFF } from './instruction-access';
import type { SavedViewRow } from './instruction.repository';
import { SavedViewsService } from './saved-views.service';

/** The caller's own saved views; another user's view answers 404. */
@ApiTags('instruction')
@ApiBearerAuth()
@Controller('api/v1/saved-views')
@Roles(...INSTRUCTION_STAFF)
export class SavedViewsController {
  constructor(private readonly views: SavedViewsService) {}

  @ApiOperation({ summary: 'Lister mes vues enregistrées' })
  @Get()
  @ApiOkResponse({ type: SavedViewListResponse })
  list(@CurrentAuth() auth: AuthContext, @Query() q: SavedViewsQuery): Promise<{ items: SavedViewRow[] }> {
    return this.views.list(auth.user, q.scope).then((items) => ({ items }));
  }

  @ApiOperation({ summary: 'Enregistrer une vue (critères de liste)' })
  @Post()
  @ApiCreatedResponse({ type: SavedViewResponse })
  create(@CurrentAuth() auth: AuthContext, @CurrentActor() actor: Actor, @Body() dto: CreateSavedViewDto): Promise<SavedViewRow> {
    return this.views.create(auth.user, actor, dto);
  }

  @ApiOperation({ summary: 'Supprimer une vue enregistrée' })
  @Delete(':id')
  @HttpCode(204)
  async remove(@CurrentAuth() auth: AuthContext, @CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.views.remove(auth.user, actor, id);
  }
}
