import { Inject, Injectable, Logger } from '@nestjs/common';
import { join } from 'node:path';
import nunjucks from 'nunjucks';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { projectRoot } from '../../common/project-root';
import { currentRequest } from '../../common/logging/request-context';
import type { Role } from '../auth/roles';
import { autoBreadcrumb, BREADCRUMB_SLOT } from './breadcrumbs';
import { roleMenu } from './role-menu';
import { unlinkDeadSummaryTargets } from './summary-links';

/** Server-side HTML from templates/views (Nunjucks, autoescaped); wording lives in the templates, not in code. */
@Injectable()
export class ViewsService {
  private readonly env: nunjucks.Environment;
  private readonly logger = new Logger(ViewsService.name);

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.env = new nunjucks.Environment(new nunjucks.FileSystemLoader(join(projectRoot(), 'templates', 'views'), { noCache: config.env === 'development' }), {
      autoescape: true,
      throwOnUndefined: false,
    });
  }

  /**
   * Renders a page. A page in the signed-in layout (`user` in its context) gets the menu of the person's roles with
   * the current section marked (docs/ui.md); every page of the layout gets a breadcrumb unless it draws its own.
   */
  render(template: string, context: Record<string, unknown> = {}): string {
    const request = currentRequest();
    const path = request?.url ?? '';
    const roles = request?.auth?.user.roles as Role[] | undefined;
    const menu = context.user && roles ? roleMenu(roles, path, request?.auth?.threadUnread ?? 0) : undefined;
    const html = this.summaryChecked(template, this.env.render(template, { operatorName: this.config.operatorName, ...context, ...(menu ? { menu } : {}) }));
    if (!html.includes(BREADCRUMB_SLOT)) return html;
    const items = autoBreadcrumb(html, path, menu ?? (context.nav as { href: string; label: string; current?: boolean }[] | undefined), !!context.user);
    return html.replace(BREADCRUMB_SLOT, items ? this.env.render('macros/auto-breadcrumb.njk', { items }) : '');
  }

  /** An error summary line whose field is not on the page is shown without its link, and logged to be mapped. */
  private summaryChecked(template: string, rendered: string): string {
    const { html, dead } = unlinkDeadSummaryTargets(rendered);
    if (dead.length) this.logger.warn(`${template}: error summary links without a target (${dead.join(', ')})`);
    return html;
  }
}
