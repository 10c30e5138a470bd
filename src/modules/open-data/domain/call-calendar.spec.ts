import { callCalendar, type CalendarCallRow } from './call-calendar';

const row = (reference: string, opensAt: string, closesAt: string): CalendarCallRow => ({
  id: reference, reference, title: `Appel ${reference}`, description: 'Objectifs.', opensAt: new Date(opensAt), closesAt: new Date(closesAt), envelopeCents: 100,
  maxRateBp: 9500, priority: 6, specificObjective: 'ESO4.8', targetPublics: ['JEUNES_NEET'], operationTypes: ['ESSAIMAGE'],
});

describe('callCalendar', () => {
  const now = new Date('2026-05-01T10:00:00Z');

  it('keeps planned and open calls, soonest first, and drops closed ones', () => {
    const entries = callCalendar([row('C', '2026-09-01T08:00:00Z', '2026-11-01T11:00:00Z'), row('A', '2026-04-01T08:00:00Z', '2026-06-01T11:00:00Z'), row('B', '2026-01-01T08:00:00Z', '2026-05-01T10:00:00Z')], now);
    expect(entries.map((e) => [e.reference, e.phase])).toEqual([['A', 'OPEN'], ['C', 'PLANNED']]);
  });

  it('publishes labels, never codes', () => {
    const [e] = callCalendar([row('A', '2026-04-01T08:00:00Z', '2026-06-01T11:00:00Z')], now);
    expect(e.targetPublics).toEqual(['Jeunes ni en emploi, ni en études, ni en formation (NEET)']);
    expect(e.operationTypes).toEqual(['Essaimage']);
  });
});
