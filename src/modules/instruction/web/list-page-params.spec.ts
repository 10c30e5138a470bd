import { parseListFilters } from '../domain/list-query';
import { filtersToPageParams, pageFieldOf, pageQueryToApi, toQueryString } from './list-page-params';

describe('instructor list page parameters', () => {
  it('turns euros typed in French and the instructor select into the API query', () => {
    const { raw, errors } = pageQueryToApi({
      euMin: '50 000',
      euMax: '120000,5',
      instructeur: 'aucun',
      status: ['SUBMITTED', 'ADMISSIBLE'],
      label: 'urgent, visite',
      q: ' ruches ',
      sort: '',
    });
    expect(errors).toEqual([]);
    expect(raw).toEqual({
      euMinCents: '5000000',
      euMaxCents: '12000050',
      unassigned: 'true',
      status: ['SUBMITTED', 'ADMISSIBLE'],
      label: 'urgent, visite',
      q: 'ruches',
    });
    expect(parseListFilters(raw)).toMatchObject({ euMinCents: 5_000_000, euMaxCents: 12_000_050, unassigned: true, labels: ['urgent', 'visite'] });
  });

  it('reports amounts that are not euros on the page field, and maps API paths onto the form', () => {
    expect(pageQueryToApi({ euMin: 'beaucoup', euMax: '-5' }).errors.map((e) => e.path)).toEqual(['euMin', 'euMax']);
    expect(['status[2]', 'label[0]', 'euMinCents', 'euMaxCents', 'instructorId', 'unassigned', 'q'].map(pageFieldOf)).toEqual([
      'status',
      'label',
      'euMin',
      'euMax',
      'instructeur',
      'instructeur',
      'q',
    ]);
  });

  it('gives filters back as the page query string, which reads back to the same filters', () => {
    const f = parseListFilters({
      status: 'SUBMITTED',
      euMinCents: '5000050',
      label: ['a', 'b'],
      instructorId: '3f2b8c1e-9a4d-4e6f-8b1a-2c3d4e5f6a7b',
      sort: '-euRequested',
    });
    const qs = toQueryString(filtersToPageParams(f));
    expect(qs).toBe('status=SUBMITTED&euMin=50000%2C50&instructeur=3f2b8c1e-9a4d-4e6f-8b1a-2c3d4e5f6a7b&label=a%2C+b&sort=-euRequested');
    const back: Record<string, string[]> = {};
    for (const [k, v] of new URLSearchParams(qs)) (back[k] ??= []).push(v);
    expect(parseListFilters(pageQueryToApi(back).raw)).toEqual(f);
  });
});
