import { parseScope } from './dashboard-scope';

describe('parseScope', () => {
  it('accepts an empty scope and a full one', () => {
    expect(parseScope({})).toEqual({ scope: { from: null, to: null, callId: null }, errors: [] });
    expect(parseScope({ from: '2026-01-01', to: '2026-12-31', callId: 'AAAAAAAA-0000-4000-8000-000000000001' }).scope).toEqual({
      from: '2026-01-01',
      to: '2026-12-31',
      callId: 'aaaaaaaa-0000-4000-8000-000000000001',
    });
  });

  it('reports impossible dates, an inverted period and a bad call id together', () => {
    expect(parseScope({ from: '2026-02-30', to: 'demain', callId: "1' OR 1=1" }).errors.map((e) => e.path)).toEqual(['from', 'to', 'callId']);
    expect(parseScope({ from: '2026-05-01', to: '2026-04-01' }).errors.map((e) => e.path)).toEqual(['to']);
  });
});
