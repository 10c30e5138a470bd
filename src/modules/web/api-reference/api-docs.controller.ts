import { Controller, Get, NotFoundException, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Public } from '../../auth/access.decorator';
import { HtmlPage, layoutContext } from '../page-kit';
import { ViewsService } from '../views.service';
import { ApiDocument } from './api-document';
import { apiReferenceView, type ApiReferenceView } from './api-reference.model';

/** The API reference in the State design system; the machine-readable document stays at /api/docs-json. */
@ApiExcludeController()
@Controller('api/docs')
export class ApiDocsController {
  private reference: ApiReferenceView | null = null;
  private html: string | null = null;

  constructor(
    private readonly document: ApiDocument,
    private readonly views: ViewsService,
  ) {}

  @Get()
  @Public()
  @HtmlPage()
  page(@Req() req: FastifyRequest): string {
    const doc = this.document.get();
    if (!doc) throw new NotFoundException();
    // The document is built once at start-up: so is its view; only the header differs between readers.
    const reference = (this.reference ??= apiReferenceView(doc));
    // The reference is the same for everyone; only the header differs for a signed-in reader.
    if (req.auth) return this.views.render('api-docs/index.njk', { ...layoutContext(req.auth), reference });
    return (this.html ??= this.views.render('api-docs/index.njk', { reference }));
  }
}
