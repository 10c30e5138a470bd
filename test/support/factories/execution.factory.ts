import { DataSource } from 'typeorm';
import { addDays, addMonths } from '../../../src/modules/documents/domain/convention-terms';
import { parisToday } from '../../../src/modules/operations/domain/dates';
import { TEMPLATE_COLUMNS } from '../../../src/modules/participants/domain/import-table';
import type { TestApp } from '../test-app';
import { addMember } from './application.factory';
import { createUser, login } from './user.factory';
import { at } from '../checked';

/** A logged-in applicant member of an existing organisation (the committee factory's dossiers have none). */
export async function memberOf(t: TestApp, owner: DataSource, organisationId: string, displayName = 'Léa Porteuse') {
  const user = await createUser(owner, { roles: ['APPLICANT'], displayName });
  await addMember(owner, organisationId, user.id);
  const session = await login(t, user);
  return { user, session, auth: { Authorization: `Bearer ${session.token}` } };
}

/** Operation dates that started 90 days ago and last `months` months (so attestations and expenses are in the past). */
export function operationDates(months = 18): { start: string; end: string } {
  const start = addDays(parisToday(), -90);
  return { start, end: addDays(addMonths(start, months), -1) };
}

const FIRST = ['Lou', 'Inès', 'Sami', 'Noé', 'Jade', 'Yanis', 'Maëlle', 'Adam', 'Rose', 'Ilyes'];
const SEX = ['F', 'F', 'M', 'M', 'F', 'M', 'F', 'M', 'F', 'X'];
const STATUS = ['UNEMPLOYED', 'LONG_TERM_UNEMPLOYED', 'INACTIVE', 'EMPLOYED'];
const ISCED = ['ISCED_0_2', 'ISCED_3_4', 'ISCED_5_8'];

/** `n` valid participant rows (template columns), entered between `from` and `from + 60 days`. */
export function participantRows(n: number, from: string, seed = 'A'): string[][] {
  const header = TEMPLATE_COLUMNS.map((c) => c.header);
  const rows: string[][] = [header];
  for (let i = 0; i < n; i++) {
    const v: Record<string, string> = {
      nom: `Nom${seed}${i}`,
      prenom: at(FIRST, i % FIRST.length, 'first name'),
      date_naissance: `${1960 + (i % 45)}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`,
      sexe: at(SEX, i % SEX.length, 'sex'),
      date_entree: addDays(from, i % 60),
      situation_entree: at(STATUS, i % STATUS.length, 'status'),
      niveau_etudes: at(ISCED, i % ISCED.length, 'ISCED level'),
      handicap: at(['YES', 'NO', 'REFUSED', ''], i % 4, 'handicap answer'),
      date_sortie: i % 3 === 0 ? addDays(from, 70) : '',
      sortie_emploi: i % 6 === 0 ? 'oui' : 'non',
      sortie_recherche_emploi: i % 6 === 3 ? 'oui' : 'non',
    };
    rows.push(header.map((h) => v[h] ?? ''));
  }
  return rows;
}

export function toCsv(rows: string[][]): Buffer {
  return Buffer.from(rows.map((r) => r.join(';')).join('\r\n') + '\r\n', 'utf8');
}
