import { frenchDate } from '../../../common/fr';

/** Replaces `{name}` placeholders of a text taken from `templates/documents/*.json`. */
export const fill = (text: string, values: Record<string, string | number>): string =>
  text.replace(/\{(\w+)\}/g, (_, k: string) => (values[k] === undefined ? `{${k}}` : String(values[k])));

/** Calendar dates (YYYY-MM-DD) printed as French dates, without time-zone shifts. */
export const calendarDate = (iso: string): string => frenchDate(new Date(`${iso}T12:00:00Z`));
