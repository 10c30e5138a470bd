import type { FieldError } from './domain-error';

/**
 * C0 controls but tab, line feed and carriage return, DEL and the C1 block. PostgreSQL refuses NUL in text and jsonb
 * (a 500 if it reached the database), and none of them has a place in a name, a label or a search.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

export const CONTROL_CHARACTER_MESSAGE = 'Ce champ contient un caractère de contrôle interdit (par exemple le caractère nul).';

const MAX_REPORTED = 20;

/** Every string (and object key) holding a control character, with its path in the `lines[0].label` style. */
export function findControlCharacters(value: unknown, root = ''): FieldError[] {
  const out: FieldError[] = [];
  const seen = new Set<unknown>();
  const visit = (v: unknown, path: string): void => {
    if (out.length >= MAX_REPORTED) return;
    if (typeof v === 'string') {
      if (CONTROL.test(v)) out.push({ path: path || '(corps)', code: 'CONTROL_CHARACTER', message: CONTROL_CHARACTER_MESSAGE });
      return;
    }
    if (v === null || typeof v !== 'object' || seen.has(v)) return;
    seen.add(v);
    if (Array.isArray(v)) {
      v.forEach((item, i) => visit(item, `${path}[${i}]`));
      return;
    }
    for (const [k, item] of Object.entries(v as Record<string, unknown>)) {
      const child = path ? `${path}.${k}` : k;
      if (CONTROL.test(k)) {
        out.push({ path: child.replace(new RegExp(CONTROL.source, 'g'), '\uFFFD'), code: 'CONTROL_CHARACTER', message: CONTROL_CHARACTER_MESSAGE });
        continue;
      }
      visit(item, child);
    }
  };
  visit(value, root);
  return out;
}
