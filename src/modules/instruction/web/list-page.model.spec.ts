import { toListPositions } from '../instruction-list.sql';
import { paginationModel } from './list-page.model';

const row = (rn: number, total: number) => ({
  rn: String(rn),
  total: String(total),
  key: `AAP-2026-${String(rn).padStart(6, '0')}`,
  id: `00000000-0000-4000-8000-${String(rn).padStart(12, '0')}`,
});

describe('numbered pages of the instructor list', () => {
  it('counts the pages from the boundaries and finds the current page from its cursor', () => {
    const rows = [row(1, 60), row(25, 60), row(50, 60)];
    const first = toListPositions(rows, { limit: 25, sort: 'number', cursor: null });
    expect(first.total).toBe(60);
    expect(first.pages.map((p) => p.number)).toEqual([1, 2, 3]);
    expect(first.current).toBe(1);
    const third = toListPositions(rows, { limit: 25, sort: 'number', cursor: { sort: 'number', key: rows[2]!.key, id: rows[2]!.id } });
    expect(third.current).toBe(3);
  });

  it('has one page for an empty list or an exact multiple of the page size', () => {
    expect(toListPositions([], { limit: 25, sort: 'number', cursor: null })).toEqual({ total: 0, pages: [{ number: 1, cursor: null }], current: 1 });
    expect(toListPositions([row(1, 25), row(25, 25)], { limit: 25, sort: 'number', cursor: null }).pages).toHaveLength(1);
  });

  it('shows the first, last, current and neighbouring pages with gaps between', () => {
    const pages = Array.from({ length: 10 }, (_, i) => ({ number: i + 1, cursor: i ? `c${i + 1}` : null }));
    const m = paginationModel({ pages, current: 5 }, (c) => `?cursor=${c}`);
    expect(m.links.map((l) => l.label)).toEqual(['1', '…', '4', '5', '6', '…', '10']);
    expect(m.links.find((l) => l.current)).toEqual({ label: '5', href: null, current: true });
    expect(m.previousHref).toBe('?cursor=c4');
    expect(m.lastHref).toBe('?cursor=c10');
    expect(paginationModel({ pages, current: 10 }, String).lastHref).toBeNull();
  });
});
