import fc from 'fast-check';
import { decodeCursor, encodeCursor, parseCatalogueQuery } from './catalogue-query';

describe('parseCatalogueQuery', () => {
  it('defaults to the most recent operations, 20 a page', () => {
    const { query, errors } = parseCatalogueQuery({});
    expect(errors).toEqual([]);
    expect(query).toMatchObject({ q: null, sort: 'recent', limit: 20, cursor: null, departement: null, status: null });
  });

  it('accepts every filter', () => {
    const { query, errors } = parseCatalogueQuery({
      q: '  jardin partagé ',
      region: '84',
      departement: '2a',
      targetPublic: 'JEUNES_NEET',
      operationType: 'ESSAIMAGE',
      year: '2026',
      minEuCents: '1000000',
      maxEuCents: '20000000',
      status: 'IN_PROGRESS',
      sort: 'amount',
      limit: '50',
    });
    expect(errors).toEqual([]);
    expect(query).toMatchObject({
      q: 'jardin partagé',
      region: '84',
      departement: '2A',
      year: 2026,
      minEuCents: 1_000_000,
      maxEuCents: 20_000_000,
      status: 'IN_PROGRESS',
      sort: 'amount',
      limit: 50,
    });
  });

  it('reports every bad parameter at once, and never publishes another status', () => {
    const { errors, query } = parseCatalogueQuery({
      departement: '99',
      region: 'XX',
      year: '1990',
      minEuCents: '12,5',
      status: 'REFUSED',
      sort: 'random',
      limit: '1000',
      targetPublic: 'a b',
    });
    expect(errors.map((e) => e.path).sort()).toEqual(['departement', 'limit', 'minEuCents', 'region', 'sort', 'status', 'targetPublic', 'year']);
    expect(query.status).toBeNull();
    expect(query.departement).toBeNull();
  });

  it('refuses a minimum above the maximum', () => {
    expect(parseCatalogueQuery({ minEuCents: '200', maxEuCents: '100' }).errors.map((e) => e.path)).toEqual(['maxEuCents']);
  });

  it('refuses a cursor made for another sort, or forged', () => {
    const c = encodeCursor({ sort: 'recent', number: 'AAP-2026-000001' });
    expect(parseCatalogueQuery({ cursor: c, sort: 'recent' }).query.cursor).toEqual({ sort: 'recent', number: 'AAP-2026-000001' });
    expect(parseCatalogueQuery({ cursor: c, sort: 'title' }).errors.map((e) => e.path)).toEqual(['cursor']);
    expect(decodeCursor(Buffer.from('["recent","1; DROP TABLE x"]').toString('base64url'), 'recent')).toBeNull();
    expect(decodeCursor('%%%', 'recent')).toBeNull();
  });
});

describe('cursor', () => {
  it('round-trips every keyset', () => {
    const number = fc.integer({ min: 0, max: 999_999 }).map((n) => `AAP-2026-${String(n).padStart(6, '0')}`);
    fc.assert(
      fc.property(number, fc.string({ maxLength: 200 }), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (n, title, euCents) => {
        expect(decodeCursor(encodeCursor({ sort: 'recent', number: n }), 'recent')).toEqual({ sort: 'recent', number: n });
        expect(decodeCursor(encodeCursor({ sort: 'title', title, number: n }), 'title')).toEqual({ sort: 'title', title, number: n });
        expect(decodeCursor(encodeCursor({ sort: 'amount', euCents, number: n }), 'amount')).toEqual({ sort: 'amount', euCents, number: n });
      }),
    );
  });
});
