import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../common/project-root';

/** The wording of a document kind, from `templates/documents/<name>.json` (wording changes need no code change). */
export function documentTexts<T>(name: string): T {
  return JSON.parse(readFileSync(join(projectRoot(), 'templates', 'documents', `${name}.json`), 'utf8')) as T;
}
