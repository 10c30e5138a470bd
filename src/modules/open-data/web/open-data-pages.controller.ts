import { Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../../common/actor/actor';
import { formatEuros, formatRate } from '../../../common/money/cents';
import { Public, Roles } from '../../auth/access.decorator';
import { CurrentActor } from '../../auth/auth-context';
import { PRIVATE_CACHE, PUBLIC_CACHE } from '../../web/cache';
import { publicLayout } from '../../web/public-layout';
import { ViewsService } from '../../web/views.service';
import { CallCalendarRepository } from '../call-calendar.repository';
import { CALENDAR_PHASE_LABELS, callCalendar } from '../domain/call-calendar';
import { LICENCE, OPEN_DATA_COLUMNS } from '../domain/open-data-columns';
import { OpenDataService } from '../open-data.service';
import { frenchDateTime } from '../../../common/fr';
import { HTML } from '../../../common/http/html';

const RELEASERS = ['MANAGING_AUTHORITY', 'PROGRAMME_MANAGER', 'ADMINISTRATOR'];

/** The open-data page (files, schema, licence, dated releases) and the calendar of calls, both public. */
@ApiExcludeController()
@Controller()
export class OpenDataPagesController {
  constructor(
    private readonly calendar: CallCalendarRepository,
    private readonly openData: OpenDataService,
    private readonly views: ViewsService,
  ) {}

  @Get('donnees')
  @Public()
  async page(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Query('publie') published?: string): Promise<void> {
    const [lastChange, releases] = await Promise.all([this.openData.lastChange(), this.openData.releases()]);
    const html = this.views.render('open-data/index.njk', {
      ...publicLayout(req.auth, '/donnees'),
      lastChange: lastChange ? frenchDateTime(lastChange) : null,
      releases: releases.map((r) => ({ ...r, releasedAtText: frenchDateTime(r.releasedAt) })),
      columns: OPEN_DATA_COLUMNS.map((c) => ({ name: c.name, title: c.title, type: c.type, description: c.description })),
      licence: LICENCE,
      canRelease: !!req.auth?.user.roles.some((r) => RELEASERS.includes(r)),
      published: published === '1',
    });
    void reply
      .type(HTML)
      .header('Cache-Control', req.auth ? PRIVATE_CACHE : PUBLIC_CACHE)
      .header('Vary', 'Cookie')
      .send(html);
  }

  @Post('donnees/publications')
  @Roles('MANAGING_AUTHORITY', 'PROGRAMME_MANAGER', 'ADMINISTRATOR')
  async release(@CurrentActor() actor: Actor, @Res() reply: FastifyReply): Promise<void> {
    await this.openData.release(actor);
    void reply.redirect('/donnees?publie=1', 303);
  }

  @Get('calendrier')
  @Public()
  async calendarPage(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const now = new Date();
    const entries = callCalendar(await this.calendar.upcomingAndOpen(now), now);
    const html = this.views.render('open-data/calendar.njk', {
      ...publicLayout(req.auth, '/calendrier'),
      entries: entries.map((e) => ({
        ...e,
        phaseLabel: CALENDAR_PHASE_LABELS[e.phase],
        opens: frenchDateTime(new Date(e.opensAt)),
        closes: frenchDateTime(new Date(e.closesAt)),
        envelope: formatEuros(e.envelopeCents),
        maxRate: formatRate(e.maxRateBp),
      })),
      updatedAt: frenchDateTime(now),
    });
    void reply
      .type(HTML)
      .header('Cache-Control', req.auth ? PRIVATE_CACHE : PUBLIC_CACHE)
      .header('Vary', 'Cookie')
      .send(html);
  }

  @Get('donnees/calendrier-des-appels.json')
  @Public()
  async calendarJson(@Res() reply: FastifyReply): Promise<void> {
    const now = new Date();
    const entries = callCalendar(await this.calendar.upcomingAndOpen(now), now);
    void reply
      .type('application/json; charset=utf-8')
      .header('Cache-Control', PUBLIC_CACHE)
      .send({ licence: LICENCE, dateMiseAJour: now.toISOString(), appels: entries });
  }
}
