import { Controller, Get, Header, Param, Query, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Public } from '../../auth/access.decorator';
import { ViewsService } from '../../web/views.service';
import { CALL_ID } from '../call-id.pipe';
import { CallsService } from '../calls.service';
import { viewerOf } from '../viewer';
import { callCard, callDetail, pageLayout } from './call-views';
import { HTML } from '../../web/page-kit';

const PAGE_SIZE = 20;

/** Public pages: the open calls and the rules of each, readable without an account. */
@ApiExcludeController()
@Controller('appels')
export class CallsPagesController {
  constructor(
    private readonly calls: CallsService,
    private readonly views: ViewsService,
  ) {}

  @Get()
  @Public()
  @Header('Content-Type', HTML)
  async list(@Req() req: FastifyRequest, @Query('apres') cursor?: string): Promise<string> {
    const now = new Date();
    const page = await this.calls.list({ status: 'open', limit: PAGE_SIZE, cursor: typeof cursor === 'string' ? cursor : undefined }, viewerOf(req));
    return this.views.render('calls/list.njk', {
      ...pageLayout(req.auth, '/appels'),
      calls: page.items.map((c) => callCard(c, now)),
      nextHref: page.nextCursor ? `/appels?apres=${encodeURIComponent(page.nextCursor)}` : null,
    });
  }

  @Get(':id')
  @Public()
  @Header('Content-Type', HTML)
  async detail(@Req() req: FastifyRequest, @Param('id', CALL_ID) id: string): Promise<string> {
    const call = await this.calls.get(id, viewerOf(req));
    return this.views.render('calls/detail.njk', {
      ...pageLayout(req.auth, '/appels'),
      c: callDetail(call, new Date()),
      canManage: !!req.auth?.user.roles.includes('PROGRAMME_MANAGER'),
    });
  }
}
