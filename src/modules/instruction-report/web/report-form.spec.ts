import { reportFieldPath, reportFromForm } from './report-form';

const lines = [
  { category: 'STAFF' as const, label: 'Animatrice', amountCents: 8_000_000 },
  { category: 'PARTICIPANTS' as const, label: 'Allocations des participants', amountCents: 2_000_000 },
];

describe('reportFromForm', () => {
  it('keeps the applicant lines and reads typed euros into cents, dropping empty resource rows', () => {
    const { dto, errors } = reportFromForm(
      {
        opinion: 'FAVORABLE',
        motivation: ' Projet pertinent. ',
        reducePlan: 'true',
        reductionReason: 'Coordination surestimée.',
        'lines[0][amount]': '70 000,33',
        'lines[1][amount]': '20000',
        'resources[0][type]': 'ESF_PLUS',
        'resources[0][amount]': '95 475,35',
        'resources[1][type]': '',
        'resources[1][amount]': '',
        'resources[2][type]': 'PUBLIC',
        'resources[2][funderName]': 'Région',
        'resources[2][amount]': '5 025,02',
      },
      lines,
    );
    expect(errors).toEqual([]);
    expect(dto).toEqual({
      opinion: 'FAVORABLE',
      motivation: 'Projet pertinent.',
      reducedPlan: {
        lines: [
          { category: 'STAFF', label: 'Animatrice', amountCents: 7_000_033 },
          { category: 'PARTICIPANTS', label: 'Allocations des participants', amountCents: 2_000_000 },
        ],
        resources: [
          { type: 'ESF_PLUS', funderName: undefined, amountCents: 9_547_535 },
          { type: 'PUBLIC', funderName: 'Région', amountCents: 502_502 },
        ],
        reason: 'Coordination surestimée.',
      },
    });
  });

  it('sends no reduced plan unless asked, and reports unreadable amounts on their field', () => {
    expect(reportFromForm({ opinion: 'DEFAVORABLE', motivation: 'Hors champ.', 'lines[0][amount]': 'x' }, lines).dto).toEqual({
      opinion: 'DEFAVORABLE',
      motivation: 'Hors champ.',
    });
    const { errors } = reportFromForm({ reducePlan: 'true', 'lines[0][amount]': 'beaucoup', 'lines[1][amount]': '1' }, lines);
    expect(errors.map((e) => e.path)).toEqual(['line-0-amount']);
    expect(reportFieldPath('reducedPlan.lines[1].amountCents')).toBe('line-1-amount');
    expect(reportFieldPath('reducedPlan.reason')).toBe('reductionReason');
    expect(reportFieldPath('reducedPlan.resources')).toBe('plan-reduit');
  });
});
