import { fieldLabel, identityText, parseParticipant, type ParticipantInput, type RawParticipant } from './participant';

/** Columns of the import template, in order: the header text people see, and the field it fills. */
export const TEMPLATE_COLUMNS: readonly { header: string; field: keyof ParticipantInput; hint: string }[] = [
  { header: 'nom', field: 'lastName', hint: 'Texte' },
  { header: 'prenom', field: 'firstName', hint: 'Texte' },
  { header: 'date_naissance', field: 'birthDate', hint: 'AAAA-MM-JJ ou JJ/MM/AAAA' },
  { header: 'sexe', field: 'sex', hint: 'F, M ou X (non binaire)' },
  { header: 'date_entree', field: 'entryDate', hint: 'AAAA-MM-JJ' },
  { header: 'situation_entree', field: 'employmentStatus', hint: 'UNEMPLOYED, LONG_TERM_UNEMPLOYED, INACTIVE ou EMPLOYED' },
  { header: 'niveau_etudes', field: 'educationLevel', hint: 'ISCED_0_2, ISCED_3_4 ou ISCED_5_8' },
  { header: 'handicap', field: 'disability', hint: 'YES, NO, REFUSED (ne souhaite pas répondre) ou vide' },
  { header: 'pays_tiers', field: 'thirdCountryNational', hint: 'YES, NO, REFUSED ou vide' },
  { header: 'origine_etrangere', field: 'foreignBackground', hint: 'YES, NO, REFUSED ou vide' },
  { header: 'minorite', field: 'minority', hint: 'YES, NO, REFUSED ou vide' },
  { header: 'sans_domicile', field: 'homeless', hint: 'YES, NO, REFUSED ou vide' },
  { header: 'zone_rurale', field: 'rural', hint: 'YES, NO, REFUSED ou vide' },
  { header: 'date_sortie', field: 'exitDate', hint: 'AAAA-MM-JJ ou vide' },
  { header: 'sortie_recherche_emploi', field: 'exitJobSearch', hint: 'oui / non' },
  { header: 'sortie_formation', field: 'exitEducation', hint: 'oui / non' },
  { header: 'sortie_qualification', field: 'exitQualification', hint: 'oui / non' },
  { header: 'sortie_emploi', field: 'exitEmployed', hint: 'oui / non' },
];

export const MAX_IMPORT_ROWS = 20_000;

/** One refused cell or row: the spreadsheet row number (the header is row 1), the column and why. */
export interface ImportError {
  /** `rows[<row>].<field>`, as other field errors carry a path. */
  path: string;
  row: number;
  field: string;
  column: string | null;
  code: string;
  message: string;
}

export interface ImportResult {
  rows: (ParticipantInput & { identity: string })[];
  errors: ImportError[];
}

const norm = (h: string): string =>
  h
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');

/**
 * Validates a whole table (first row = headers). All or nothing: the caller imports the rows only when `errors` is
 * empty. Rows that are entirely empty are skipped; a person present twice in the file, or already recorded for the
 * operation (`isRecorded`), is refused on that row.
 */
export function validateImport(table: readonly (readonly string[])[], today: string, isRecorded: (identity: string) => boolean = () => false): ImportResult {
  const errors: ImportError[] = [];
  const [headerRow, ...body] = table;
  if (!headerRow)
    return { rows: [], errors: [{ path: 'rows[1].header', row: 1, field: 'header', column: null, code: 'EMPTY_FILE', message: 'Le fichier est vide.' }] };
  const headers = headerRow.map(norm);
  const index = new Map<keyof ParticipantInput, number>();
  for (const c of TEMPLATE_COLUMNS) {
    const i = headers.indexOf(c.header);
    if (i >= 0) index.set(c.field, i);
    else if (['lastName', 'firstName', 'birthDate', 'sex', 'entryDate', 'employmentStatus', 'educationLevel'].includes(c.field)) {
      errors.push({
        path: `rows[1].${c.field}`,
        row: 1,
        field: c.field,
        column: c.header,
        code: 'MISSING_COLUMN',
        message: `Colonne « ${c.header} » absente (${fieldLabel(c.field)}).`,
      });
    }
  }
  if (errors.length) return { rows: [], errors };
  if (table.length - 1 > MAX_IMPORT_ROWS) {
    return {
      rows: [],
      errors: [
        {
          path: `rows[${MAX_IMPORT_ROWS + 2}].file`,
          row: MAX_IMPORT_ROWS + 2,
          field: 'file',
          column: null,
          code: 'TOO_MANY_ROWS',
          message: `Au plus ${MAX_IMPORT_ROWS} participants par import.`,
        },
      ],
    };
  }
  const rows: ImportResult['rows'] = [];
  const seen = new Map<string, number>();
  for (const [offset, cells] of body.entries()) {
    const r = offset + 1; // index in the table, the header being row 0
    if (cells.every((c) => c.trim() === '')) continue;
    const raw: RawParticipant = {};
    for (const [field, i] of index) raw[field] = cells[i] ?? '';
    const { value, errors: rowErrors } = parseParticipant(raw, today);
    const rowNo = r + 1;
    for (const e of rowErrors) {
      const column = TEMPLATE_COLUMNS.find((c) => c.field === e.path)?.header ?? null;
      errors.push({
        path: `rows[${rowNo}].${e.path}`,
        row: rowNo,
        field: e.path,
        column,
        code: e.code,
        message: `Ligne ${rowNo}, colonne « ${column} » : ${e.message}`,
      });
    }
    if (!value) continue;
    const identity = identityText(value);
    const first = seen.get(identity);
    if (first !== undefined) {
      errors.push({
        path: `rows[${rowNo}].lastName`,
        row: rowNo,
        field: 'lastName',
        column: 'nom',
        code: 'DUPLICATE_IN_FILE',
        message: `Ligne ${rowNo} : même personne qu’à la ligne ${first} (nom, prénom, date de naissance).`,
      });
      continue;
    }
    if (isRecorded(identity)) {
      errors.push({
        path: `rows[${rowNo}].lastName`,
        row: rowNo,
        field: 'lastName',
        column: 'nom',
        code: 'ALREADY_RECORDED',
        message: `Ligne ${rowNo} : ce participant est déjà enregistré pour l’opération.`,
      });
      continue;
    }
    seen.set(identity, rowNo);
    const row = value as ParticipantInput & { identity: string };
    row.identity = identity;
    rows.push(row);
  }
  return { rows, errors };
}

/**
 * RFC 4180 CSV with the separator guessed from the header line (`;` as French spreadsheets write it, else `,`), quoted
 * fields with doubled quotes, CRLF or LF, and a UTF-8 byte-order mark ignored.
 */
export function parseCsv(text: string): string[][] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const firstLine = src.slice(0, src.search(/\r?\n|$/));
  const sep = (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) && firstLine.includes(';') ? ';' : ',';
  const SEP = sep.charCodeAt(0);
  const QUOTE = 34;
  const LF = 10;
  const CR = 13;
  const rows: string[][] = [];
  let row: string[] = [];
  const n = src.length;
  let i = 0;
  // Unquoted runs are cut with slice (no per-character string building): an import holds up to 20 000 rows.
  while (i < n) {
    let field = '';
    if (src.charCodeAt(i) === QUOTE) {
      // A quoted field, "" for a quote; what follows the closing quote up to the separator is kept as typed.
      i++;
      for (;;) {
        const q = src.indexOf('"', i);
        if (q < 0) {
          field += src.slice(i);
          i = n;
          break;
        }
        field += src.slice(i, q);
        if (src.charCodeAt(q + 1) === QUOTE) {
          field += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
    }
    let j = i;
    while (j < n) {
      const c = src.charCodeAt(j);
      if (c === SEP || c === LF || c === CR) break;
      j++;
    }
    field += src.slice(i, j);
    if (j >= n) {
      // The text ends without a line break: a last line holding one empty field is no row.
      if (field !== '' || row.length) rows.push([...row, field]);
      break;
    }
    row.push(field);
    const c = src.charCodeAt(j);
    i = j + 1;
    if (c !== SEP) {
      if (c === CR && src.charCodeAt(i) === LF) i++;
      rows.push(row);
      row = [];
    } else if (i >= n) {
      row.push('');
      rows.push(row);
      row = [];
    }
  }
  return rows;
}

/** The template as CSV text (header line, then one line of hints as a comment-free example). */
export function templateCsv(): string {
  return `${TEMPLATE_COLUMNS.map((c) => c.header).join(';')}\r\n`;
}
