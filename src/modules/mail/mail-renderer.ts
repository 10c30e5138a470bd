import { Inject, Injectable } from '@nestjs/common';
import { join } from 'node:path';
import nunjucks from 'nunjucks';
import { projectRoot } from '../../common/project-root';
import { APP_CONFIG, type AppConfig } from '../../config/config';

export interface RenderedMail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/**
 * Mail wording lives in templates/mail/<name>.{subject,txt,html}.njk, so that it can be reworded without code. The
 * text part is the reference; the HTML part is the same words in a sober layout, with no image, pixel or tracked link.
 */
@Injectable()
export class MailRenderer {
  private readonly text: nunjucks.Environment;
  private readonly html: nunjucks.Environment;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    const dir = join(projectRoot(), 'templates', 'mail');
    this.text = new nunjucks.Environment(new nunjucks.FileSystemLoader(dir), { autoescape: false, throwOnUndefined: true });
    this.html = new nunjucks.Environment(new nunjucks.FileSystemLoader(dir), { autoescape: true, throwOnUndefined: true });
  }

  render(template: string, params: Record<string, unknown>): RenderedMail {
    const context = { operatorName: this.config.operatorName, publicUrl: this.config.http.publicUrl, ...params };
    const subject = this.text.render(`${template}.subject.njk`, context).replace(/\s+/g, ' ').trim();
    return {
      subject,
      text: this.text.render(`${template}.txt.njk`, context).trim() + '\n',
      html: this.html.render(`${template}.html.njk`, { ...context, subject }),
    };
  }
}
