import fc from 'fast-check';
import { parseCsv, TEMPLATE_COLUMNS, validateImport } from './import-table';
import { ageBand } from './participant';

const header = TEMPLATE_COLUMNS.map((c) => c.header);
const row = (o: Record<string, string> = {}): string[] =>
  header.map(
    (h) =>
      o[h] ??
      {
        nom: 'Durand',
        prenom: 'Lou',
        date_naissance: '1999-04-02',
        sexe: 'F',
        date_entree: '2026-02-01',
        situation_entree: 'UNEMPLOYED',
        niveau_etudes: 'ISCED_3_4',
      }[h] ??
      '',
  );

describe('validateImport', () => {
  it('accepts valid rows and normalises French dates and labels', () => {
    const r = validateImport(
      [
        header,
        row(),
        row({ nom: 'Martin', date_naissance: '02/04/1980', sexe: 'homme', handicap: 'REFUSED', date_sortie: '2026-05-01', sortie_emploi: 'oui' }),
      ],
      '2026-06-01',
    );
    expect(r.errors).toEqual([]);
    expect(r.rows).toHaveLength(2);
    expect(r.rows[1]).toMatchObject({ birthDate: '1980-04-02', sex: 'M', disability: 'REFUSED', exitEmployed: true });
  });

  it('refuses the whole file for one bad row, naming the row and the column', () => {
    const r = validateImport([header, row(), row({ nom: 'Bernard', date_entree: '2026-13-01' }), row({ nom: 'Petit' })], '2026-06-01');
    expect(r.errors).toEqual([expect.objectContaining({ row: 3, field: 'entryDate', column: 'date_entree', code: 'INVALID_DATE' })]);
    expect(r.errors[0]?.message).toContain('Ligne 3');
    expect(r.errors[0]?.message).not.toContain('Bernard');
  });

  it('refuses a person twice in the file, or already recorded, and exclusive exits', () => {
    const r = validateImport(
      [header, row(), row({ prenom: 'LOU ' }), row({ nom: 'Roy', date_sortie: '2026-03-01', sortie_emploi: 'oui', sortie_recherche_emploi: 'oui' })],
      '2026-06-01',
    );
    expect(r.errors.map((e) => [e.row, e.code])).toEqual([
      [3, 'DUPLICATE_IN_FILE'],
      [4, 'EXCLUSIVE_EXIT'],
    ]);
    const again = validateImport([header, row()], '2026-06-01', (id) => id === r.rows[0]?.identity);
    expect(again.errors[0]?.code).toBe('ALREADY_RECORDED');
  });

  it('names a missing column', () => {
    const r = validateImport([header.filter((h) => h !== 'sexe')], '2026-06-01');
    expect(r.errors[0]).toMatchObject({ row: 1, column: 'sexe', code: 'MISSING_COLUMN' });
  });
});

describe('parseCsv', () => {
  it('reads ; or , separated values with quotes, CRLF and a BOM', () => {
    expect(parseCsv('\ufeffa;b;c\r\n1;"x;""y""";3\r\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', 'x;"y"', '3'],
    ]);
    expect(parseCsv('a,b\n1,2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('reads any text as the character-by-character RFC 4180 reader does', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'é', ';', ',', '"', '\n', '\r', ' '), { maxLength: 40 }), (chars) => {
        const text = chars.join('');
        expect(parseCsv(text)).toEqual(referenceCsv(text));
      }),
      { numRuns: 5000 },
    );
  });
});

/** The straightforward reader the fast one must match (one character at a time). */
function referenceCsv(text: string): string[][] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const firstLine = src.slice(0, src.search(/\r?\n|$/));
  const sep = (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) && firstLine.includes(';') ? ';' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === sep) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

describe('ageBand', () => {
  it('follows Annex I groups at entry', () => {
    expect(ageBand('2010-01-01', '2026-01-01')).toBe('UNDER_18');
    expect(ageBand('1996-01-02', '2026-01-01')).toBe('FROM_18_TO_29');
    expect(ageBand('1996-01-01', '2026-01-01')).toBe('FROM_30_TO_54');
    expect(ageBand('1971-01-01', '2026-01-01')).toBe('FROM_55');
  });
});
