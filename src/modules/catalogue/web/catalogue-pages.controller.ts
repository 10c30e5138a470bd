import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../../common/errors/domain-error';
import { formatEuros, formatRate } from '../../../common/money/cents';
import { Public } from '../../auth/access.decorator';
import { ViewsService } from '../../web/views.service';
import { CatalogueRepository } from '../catalogue.repository';
import { CatalogueService } from '../catalogue.service';
import { parseCatalogueQuery } from '../domain/catalogue-query';
import { publicLayout } from '../../web/public-layout';
import { activeQuery, filterOptions, mapModel, operationCard, pageErrors, rawFromPage, searchHref } from './catalogue-page.model';
import { PRIVATE_CACHE, PUBLIC_CACHE } from '../../web/cache';
import { frenchCalendarDate } from '../../../common/fr';
import { HTML } from '../../web/page-kit';
import { FORM_REFUSED, summaryLinks } from '../../web/form';

/** The search form's fields (catalogue/list.njk); an error on another parameter (the cursor) points at the form. */
const SEARCH_FIELDS = new Set(['q', 'region', 'departement', 'public', 'type', 'annee', 'statut', 'min', 'max', 'tri']);
const searchFieldId = (path: string): string => (SEARCH_FIELDS.has(path) ? path : 'form-recherche');

/** The public catalogue of programmed operations: search, filters, map and a page per project. No account needed. */
@ApiExcludeController()
@Controller('projets')
export class CataloguePagesController {
  constructor(
    private readonly catalogue: CatalogueService,
    private readonly repository: CatalogueRepository,
    private readonly views: ViewsService,
  ) {}

  @Get()
  @Public()
  async list(@Req() req: FastifyRequest, @Query() qs: Record<string, unknown>, @Res() reply: FastifyReply): Promise<void> {
    const form = rawFromPage(qs ?? {});
    const parsed = parseCatalogueQuery(form.raw);
    const errors = [...form.errors, ...pageErrors(parsed.errors)];
    const query = parsed.query;
    const [page, figures, codes] = await Promise.all([this.catalogue.search(query), this.catalogue.byDepartement(query), this.repository.filterCodes()]);
    const map = mapModel(figures, form.values);
    const html = this.views.render('catalogue/list.njk', {
      ...publicLayout(req.auth, '/projets'),
      values: form.values,
      errors: summaryLinks(errors, searchFieldId),
      fieldErrors: Object.fromEntries(errors.map((e) => [e.path, e.message])),
      options: filterOptions(codes, new Date()),
      items: page.items.map(operationCard),
      total: map.total,
      filtered: activeQuery(query),
      map,
      nextHref: page.nextCursor ? searchHref(form.values, { apres: page.nextCursor }) : null,
      firstHref: form.values.apres ? searchHref(form.values, {}) : null,
    });
    send(req, reply, errors.length ? FORM_REFUSED : 200, html);
  }

  @Get(':code')
  @Public()
  async detail(@Req() req: FastifyRequest, @Param('code') code: string, @Res() reply: FastifyReply): Promise<void> {
    let op;
    try {
      op = await this.catalogue.get(code);
    } catch (e) {
      if (e instanceof DomainError && e.code === 'NOT_FOUND') {
        return send(req, reply, 404, this.views.render('catalogue/not-found.njk', { ...publicLayout(req.auth, '/projets') }));
      }
      throw e;
    }
    send(
      req,
      reply,
      200,
      this.views.render('catalogue/detail.njk', {
        ...publicLayout(req.auth, '/projets'),
        op,
        view: {
          totalCost: formatEuros(op.totalCostCents),
          euAmount: formatEuros(op.euAmountCents),
          euRate: formatRate(op.euRateBp),
          startDate: op.startDate ? frenchCalendarDate(op.startDate) : 'non renseignée',
          endDate: op.endDate ? frenchCalendarDate(op.endDate) : 'non renseignée',
          programmedOn: op.programmedOn ? frenchCalendarDate(op.programmedOn) : null,
          contactIsEmail: !!op.publicContact && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(op.publicContact),
          contactIsUrl: !!op.publicContact && /^https:\/\/[^\s]+$/.test(op.publicContact),
        },
      }),
    );
  }
}

/** Anonymous visitors get a shared-cacheable page; a signed-in visitor's page shows their name, so it stays private. */
function send(req: FastifyRequest, reply: FastifyReply, status: number, html: string): void {
  void reply
    .status(status)
    .type(HTML)
    .header('Cache-Control', req.auth || status >= 400 ? PRIVATE_CACHE : PUBLIC_CACHE)
    .header('Vary', 'Cookie')
    .send(html);
}
