import { agendaOrder } from './agenda';

describe('agenda order', () => {
  it('keeps rank order across funded and reserve, then below threshold, then ineligible', () => {
    const rows = [
      { id: 'x', rank: null, status: 'INELIGIBLE' },
      { id: 'c', rank: 3, status: 'RESERVE' },
      { id: 'e', rank: null, status: 'BELOW_THRESHOLD' },
      { id: 'a', rank: 1, status: 'FUNDED' },
      { id: 'd', rank: 4, status: 'FUNDED' },
      { id: 'b', rank: 2, status: 'FUNDED' },
      { id: 'f', rank: null, status: 'BELOW_THRESHOLD' },
    ];
    expect(agendaOrder(rows).map((r) => r.id)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'x']);
  });

  it('schedules nothing else', () => {
    expect(
      agendaOrder([
        { rank: null, status: 'PENDING' },
        { rank: null, status: 'FUNDED' },
      ]),
    ).toEqual([]);
  });
});
