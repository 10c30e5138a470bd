import { callCalendar, type CalendarCallRow } from './call-calendar';

const row = (reference: string, opensAt: string, closesAt: string): CalendarCallRow => ({
  id: reference,
  reference,
  title: `Appel ${reference}`,
  description: 'Objectifs.',
  opensAt: new Date(opensAt),
  closesAt: new Date(closesAt),
  envelopeCents: 100,
  maxRateBp: 9500,
  priority: 6,
  specificObjective: 'ESO4.8',
  targetPublics: ['JEUNES_NEET'],
  operationTypes: ['ESSAIMAGE'],
});

describe('callCalendar', () => {
  const now = new Date('2026-05-01T10:00:00Z');

  it('keeps planned and open calls, soonest first, and drops closed ones', () => {
    const entries = callCalendar(
      [
        row('C', '2026-09-01T08:00:00Z', '2026-11-01T11:00:00Z'),
        row('A', '2026-04-01T08:00:00Z', '2026-06-01T11:00:00Z'),
        row('B', '2026-01-01T08:00:00Z', '2026-05-01T10:00:00Z'),
      ],
      now,
    );
    expect(entries.map((e) => [e.reference, e.phase])).toEqual([
      ['A', 'OPEN'],
      ['C', 'PLANNED'],
    ]);
  });

  it('publishes labels, never codes', () => {
    const [e] = callCalendar([row('A', '2026-04-01T08:00:00Z', '2026-06-01T11:00:00Z')], now);
    expect(e?.targetPublics).toEqual(['Jeunes ni en emploi, ni en études, ni en formation (NEET)']);
    expect(e?.operationTypes).toEqual(['Essaimage']);
  });

  it('gives every CPR art. 49(2) field: area, objective, eligible applicants, amount, dates', () => {
    const [national] = callCalendar([row('A', '2026-04-01T08:00:00Z', '2026-06-01T11:00:00Z')], now);
    expect(national).toMatchObject({
      area: 'France entière (métropole et départements d’outre-mer)',
      specificObjectiveLabel: expect.stringContaining('article 4, paragraphe 1, point h, du règlement (UE) 2021/1057'),
      priorityTitle: expect.stringContaining('Priorité 6 — '),
      eligibleApplicants: expect.stringContaining('Personnes morales'),
      envelopeCents: 100,
      opensAt: '2026-04-01T08:00:00.000Z',
      closesAt: '2026-06-01T11:00:00.000Z',
    });
    const [regional] = callCalendar([{ ...row('B', '2026-04-01T08:00:00Z', '2026-06-01T11:00:00Z'), priority: 1, regionCategory: 'LESS_DEVELOPED' }], now);
    expect(regional?.area).toBe('France, régions de la catégorie « région moins développée »');
    for (const e of [national, regional]) expect(JSON.stringify(e)).not.toMatch(/LESS_DEVELOPED|JEUNES_NEET/);
  });
});
