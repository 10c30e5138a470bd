import fc from 'fast-check';
import { DomainError, type FieldError } from '../../../common/errors/domain-error';
import { normaliseLabels } from './labels';
import { decodeCursor, encodeCursor, filtersToParams, LIST_SORTS, parseListFilters, parseListQuery } from './list-query';

const ID = '3f2b8c1e-9a4d-4e6f-8b1a-2c3d4e5f6a7b';

function errorsOf(raw: Record<string, unknown>): { path: string; code: string }[] {
  try {
    parseListQuery(raw);
  } catch (e) {
    if (e instanceof DomainError) return (e.details.errors ?? []).map(({ path, code }) => ({ path, code }));
    throw e;
  }
  return [];
}

describe('instructor list query', () => {
  it('defaults: oldest submission first, 25 a page, no filter', () => {
    expect(parseListQuery({})).toEqual({
      statuses: [],
      departement: null,
      euMinCents: null,
      euMaxCents: null,
      instructorId: null,
      unassigned: false,
      labels: [],
      q: null,
      sort: 'submittedAt',
      limit: 25,
      cursor: null,
    });
  });

  it('takes repeated and comma-separated statuses and labels, once each', () => {
    const q = parseListQuery({ status: ['SUBMITTED,ADMISSIBLE', 'SUBMITTED'], label: ['urgent', ' à revoir ', 'urgent'], departement: '2a', q: ' ruches ' });
    expect(q.statuses).toEqual(['SUBMITTED', 'ADMISSIBLE']);
    expect(q.labels).toEqual(['urgent', 'à revoir']);
    expect(q.departement).toBe('2A');
    expect(q.q).toBe('ruches');
  });

  it('reads the EU range in cents, the instructor and the page size', () => {
    const q = parseListQuery({ euMinCents: '5000000', euMaxCents: '10000000', instructorId: ID.toUpperCase(), limit: '100', sort: '-euRequested' });
    expect(q).toMatchObject({ euMinCents: 5_000_000, euMaxCents: 10_000_000, instructorId: ID, limit: 100, sort: '-euRequested' });
  });

  it('reports every bad parameter at once with its path', () => {
    expect(
      errorsOf({
        status: ['SUBMITTED', 'DRAFT', 'NOPE'],
        departement: '99',
        euMinCents: '12,5',
        euMaxCents: '-1',
        instructorId: 'x',
        unassigned: 'yes',
        label: ['a'.repeat(41)],
        limit: '0',
        sort: 'title',
        cursor: 'bad!',
        foo: '1',
      }),
    ).toEqual(
      expect.arrayContaining([
        { path: 'foo', code: 'UNKNOWN_PARAMETER' },
        { path: 'status[1]', code: 'INVALID_STATUS' },
        { path: 'status[2]', code: 'INVALID_STATUS' },
        { path: 'departement', code: 'INVALID_DEPARTEMENT' },
        { path: 'euMinCents', code: 'INVALID_CENTS' },
        { path: 'euMaxCents', code: 'INVALID_CENTS' },
        { path: 'instructorId', code: 'INVALID_UUID' },
        { path: 'unassigned', code: 'INVALID_BOOLEAN' },
        { path: 'label[0]', code: 'INVALID_LABEL' },
        { path: 'limit', code: 'INVALID_LIMIT' },
        { path: 'sort', code: 'INVALID_SORT' },
        { path: 'cursor', code: 'INVALID_CURSOR' },
      ]),
    );
  });

  it('refuses an inverted range, a repeated single value and an instructor with « unassigned »', () => {
    expect(errorsOf({ euMinCents: '200', euMaxCents: '100' })).toEqual([{ path: 'euMaxCents', code: 'RANGE_INVERTED' }]);
    expect(errorsOf({ departement: ['69', '75'] })).toEqual([{ path: 'departement', code: 'SINGLE_VALUE' }]);
    expect(errorsOf({ instructorId: ID, unassigned: 'true' })).toEqual([{ path: 'unassigned', code: 'CONFLICTING_FILTERS' }]);
    expect(errorsOf({ limit: '101' })).toEqual([{ path: 'limit', code: 'INVALID_LIMIT' }]);
    expect(errorsOf({ q: 'x'.repeat(101) })).toEqual([{ path: 'q', code: 'TOO_LONG' }]);
  });

  it('refuses a cursor made for another sort', () => {
    const cursor = encodeCursor({ sort: 'number', key: 'AAP-2026-000012', id: ID });
    expect(errorsOf({ cursor, sort: 'number' })).toEqual([]);
    expect(errorsOf({ cursor })).toEqual([{ path: 'cursor', code: 'INVALID_CURSOR' }]);
  });

  it('gives the filters back as query-string pairs, defaults left out, and they parse to the same filters', () => {
    const f = parseListFilters({ status: 'ADMISSIBLE,SUBMITTED', label: 'urgent', unassigned: 'true', euMinCents: '0', sort: 'organisation' });
    expect(filtersToParams(f)).toEqual([
      ['status', 'ADMISSIBLE'],
      ['status', 'SUBMITTED'],
      ['euMinCents', '0'],
      ['unassigned', 'true'],
      ['label', 'urgent'],
      ['sort', 'organisation'],
    ]);
    const again: Record<string, string[]> = {};
    for (const [k, v] of filtersToParams(f)) (again[k] ??= []).push(v);
    expect(parseListFilters(again)).toEqual(f);
  });
});

describe('list cursor', () => {
  it('round-trips each kind of key', () => {
    const cases = [
      { sort: 'submittedAt', key: '2026-03-31T10:00:00.123456Z', id: ID },
      { sort: '-euRequested', key: '10640000', id: ID },
      { sort: 'number', key: 'AAP-2026-000001', id: ID },
      { sort: 'organisation', key: 'SCIC « Essaimons », Rennes', id: ID },
    ] as const;
    for (const c of cases) {
      const encoded = encodeCursor(c);
      expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(decodeCursor(encoded)).toEqual(c);
    }
  });

  it('rejects what it did not make', () => {
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    expect(decodeCursor('')).toBeNull();
    expect(decodeCursor('not base64!')).toBeNull();
    expect(decodeCursor(Buffer.from('{oops').toString('base64url'))).toBeNull();
    expect(decodeCursor(b64(['submittedAt', '2026-03-31', ID]))).toBeNull();
    expect(decodeCursor(b64(['euRequested', '-5', ID]))).toBeNull();
    expect(decodeCursor(b64(['title', 'x', ID]))).toBeNull();
    expect(decodeCursor(b64(['number', 'AAP-2026-000001', 'not-a-uuid']))).toBeNull();
    expect(decodeCursor(b64({ sort: 'number' }))).toBeNull();
  });

  it('decodes every cursor it encodes (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...LIST_SORTS), fc.uuid(), fc.nat({ max: 2 ** 42 }), fc.string({ minLength: 1, maxLength: 60 }), (sort, id, n, name) => {
        const key = sort.endsWith('ubmittedAt')
          ? new Date(n).toISOString().replace('Z', '000Z')
          : sort.endsWith('euRequested') || sort === '-euRequested'
            ? String(n)
            : sort === 'number'
              ? `AAP-2026-${String(n % 1e6).padStart(6, '0')}`
              : name;
        const c = { sort, key, id };
        expect(decodeCursor(encodeCursor(c))).toEqual(c);
      }),
    );
  });
});

describe('labels', () => {
  it('trims, collapses blanks, drops duplicates', () => {
    const errors: never[] = [];
    expect(normaliseLabels(['  urgent ', 'à   revoir', 'urgent'], 'labels', errors)).toEqual(['urgent', 'à revoir']);
    expect(errors).toEqual([]);
  });

  it('refuses empty, long, comma-bearing or non-text labels and more than 20', () => {
    const errors: FieldError[] = [];
    normaliseLabels(['', 'x'.repeat(41), 'a,b', 3], 'labels', errors);
    expect(errors.map((e) => e.path)).toEqual(['labels[0]', 'labels[1]', 'labels[2]', 'labels[3]']);
    const many: FieldError[] = [];
    expect(
      normaliseLabels(
        Array.from({ length: 21 }, (_, i) => `l${i}`),
        'labels',
        many,
      ),
    ).toHaveLength(21);
    expect(many).toEqual([expect.objectContaining({ path: 'labels', code: 'TOO_MANY_LABELS' })]);
    expect(normaliseLabels(['x'.repeat(40)], 'labels', [])).toEqual(['x'.repeat(40)]);
  });
});
