import { Inject, Injectable } from '@nestjs/common';
import { join } from 'node:path';
import nunjucks from 'nunjucks';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { projectRoot } from '../../common/project-root';

/** Server-side HTML from templates/views (Nunjucks, autoescaped); wording lives in the templates, not in code. */
@Injectable()
export class ViewsService {
  private readonly env: nunjucks.Environment;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.env = new nunjucks.Environment(new nunjucks.FileSystemLoader(join(projectRoot(), 'templates', 'views'), { noCache: config.env === 'development' }), {
      autoescape: true,
      throwOnUndefined: false,
    });
  }

  render(template: string, context: Record<string, unknown> = {}): string {
    return this.env.render(template, { operatorName: this.config.operatorName, ...context });
  }
}
